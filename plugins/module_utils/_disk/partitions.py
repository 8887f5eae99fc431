# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""A disk's partition table, from its first sectors: MBR or GPT, whether an EFI system partition and BIOS boot
code are there, and so the boot modes the disk can boot in. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import struct
import uuid

SECTOR = 512
ESP_GUID = uuid.UUID('C12A7328-F81F-11D2-BA4B-00A0C93EC93B')
MBR_ESP = 0xEF
MBR_GPT = 0xEE


class PartitionTable:
    """`table` gpt, mbr or none; `ends` the byte where the last partition ends, for a check against the disk."""

    def __init__(self, table, efi_system_partition=False, bios_boot_code=False, ends=0, problem=None):
        self.table = table
        self.efi_system_partition = efi_system_partition
        self.bios_boot_code = bios_boot_code
        self.ends = ends
        self.problem = problem

    @property
    def boot_modes(self):
        return [mode for mode, able in (('BIOS', self.bios_boot_code), ('UEFI', self.efi_system_partition)) if able]


def read_partition_table(read_guest, disk_size):
    """The PartitionTable of a disk of `disk_size` bytes; read_guest(offset, length) reads the disk's bytes."""
    mbr = read_guest(0, SECTOR)
    if mbr[510:512] != b'\x55\xaa':
        return PartitionTable('none')
    entries = [struct.unpack('<BBBBBBBBII', mbr[446 + 16 * i:462 + 16 * i]) for i in range(4)]
    used = [(e[4], e[8], e[9]) for e in entries if e[4]]  # (type, first sector, sectors)
    boot_code = any(mbr[:440])
    if any(kind == MBR_GPT for kind, first, count in used):
        return gpt(read_guest, disk_size, boot_code)
    return PartitionTable('mbr', any(kind == MBR_ESP for kind, first, count in used), boot_code,
                          max([(first + count) * SECTOR for kind, first, count in used] or [0]))


def gpt(read_guest, disk_size, boot_code):
    header = read_guest(SECTOR, SECTOR)
    if header[:8] != b'EFI PART':
        return PartitionTable('gpt', bios_boot_code=boot_code, problem='its GPT header is missing')
    alternate, = struct.unpack('<Q', header[32:40])
    entries_lba, count, size = struct.unpack('<QII', header[72:88])
    table = read_guest(entries_lba * SECTOR, min(count, 1024) * size)
    types, ends = set(), 0
    for number in range(min(count, 1024)):
        entry = table[number * size:(number + 1) * size]
        if len(entry) < 48 or not any(entry[:16]):
            continue
        types.add(uuid.UUID(bytes_le=entry[:16]))
        ends = max(ends, (struct.unpack('<Q', entry[40:48])[0] + 1) * SECTOR)
    last = disk_size // SECTOR - 1
    problem = None
    if alternate > last:  # smaller is a disk grown after its GPT was written, which the guest fixes
        problem = 'its GPT says the disk ends at sector %d, but it ends at sector %d' % (alternate, last)
    return PartitionTable('gpt', ESP_GUID in types, boot_code, ends, problem)
