# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Disk image files for the tests, made by hand: sparse raw disks with an MBR or a GPT (with or without an EFI
system partition and BIOS boot code), random data in them, and an ISO 9660 marker. Other formats are made from
these with qemu-img by the tests themselves.

    python tests/disk_files.py gpt PATH SIZE [--data BYTES] [--boot-code] [--no-esp]
    python tests/disk_files.py mbr PATH SIZE [--data BYTES] [--no-boot-code] [--esp]
    python tests/disk_files.py iso PATH SIZE
"""

from __future__ import absolute_import, division, print_function

import argparse
import os
import struct
import uuid
import zlib

SECTOR = 512
ESP = uuid.UUID('C12A7328-F81F-11D2-BA4B-00A0C93EC93B')
LINUX_DATA = uuid.UUID('0FC63DAF-8483-4772-8E79-3D69D8477DE4')
BOOT_CODE = b'\xeb\x63\x90' + b'\x10' * 437  # a jump, then anything not zero: what BIOS runs


def sparse(path, size):
    with open(path, 'wb') as handle:
        handle.truncate(size)


def write_at(path, offset, data):
    with open(path, 'r+b') as handle:
        handle.seek(offset)
        handle.write(data)


def mbr(path, size, boot_code=True, esp=False, partitions=None):
    """A sparse raw disk with an MBR: one partition (type 0xEF with `esp`, else 0x83) over the whole disk unless
    `partitions` [(type, first sector, sectors)] are given."""
    sparse(path, size)
    partitions = partitions or [(0xEF if esp else 0x83, 2048, size // SECTOR - 2048)]
    sector = bytearray(SECTOR)
    if boot_code:
        sector[:440] = BOOT_CODE
    for number, (kind, first, count) in enumerate(partitions):
        entry = struct.pack('<BBBBBBBBII', 0x80 if number == 0 else 0, 0, 2, 0, kind, 0xFE, 0xFF, 0xFF, first, count)
        sector[446 + 16 * number:462 + 16 * number] = entry
    sector[510:512] = b'\x55\xaa'
    write_at(path, 0, bytes(sector))


def gpt(path, size, esp=True, boot_code=False):
    """A sparse raw disk with a GPT as sgdisk writes it: a protective MBR, the header at sector 1, 128 entries of
    128 bytes, and the backup header in the last sector. An EFI system partition of 100 MiB (a quarter of a smaller
    disk) with `esp`, then a Linux partition to the end."""
    sparse(path, size)
    last = size // SECTOR - 1
    mbr_sector = bytearray(SECTOR)
    if boot_code:
        mbr_sector[:440] = BOOT_CODE
    mbr_sector[446:462] = struct.pack('<BBBBBBBBII', 0, 0, 2, 0, 0xEE, 0xFF, 0xFF, 0xFF, 1, min(last, 0xFFFFFFFF))
    mbr_sector[510:512] = b'\x55\xaa'
    write_at(path, 0, bytes(mbr_sector))
    first_usable, last_usable = 34, last - 33
    parts = []
    start = 2048
    if esp:
        esp_sectors = min(204800, (last_usable - start) // 4)
        parts.append((ESP, start, start + esp_sectors - 1))
        start += esp_sectors
    parts.append((LINUX_DATA, start, last_usable))
    entries = b''.join(kind.bytes_le + uuid.uuid4().bytes_le + struct.pack('<QQQ', first, end, 0) + bytes(72)
                       for kind, first, end in parts).ljust(128 * 128, b'\x00')
    entries_crc = zlib.crc32(entries) & 0xFFFFFFFF
    disk_guid = uuid.uuid4().bytes_le

    def header(current, backup, entries_lba):
        fields = struct.pack('<8sIIIIQQQQ16sQIII', b'EFI PART', 0x10000, 92, 0, 0, current, backup, first_usable,
                             last_usable, disk_guid, entries_lba, 128, 128, entries_crc)
        crc = zlib.crc32(fields) & 0xFFFFFFFF
        return (fields[:16] + struct.pack('<I', crc) + fields[20:]).ljust(SECTOR, b'\x00')

    write_at(path, SECTOR, header(1, last, 2) + entries)
    write_at(path, (last - 32) * SECTOR, entries + header(last, 1, last - 32))


def add_data(path, data_bytes, start=1 << 20):
    """Write `data_bytes` of random data from `start` on, in 1 MiB blocks spread over the disk."""
    size = os.path.getsize(path)
    blocks = data_bytes >> 20
    stride = max((size - start - (2 << 20)) // max(blocks, 1), 1 << 20) & ~((1 << 20) - 1)
    with open(path, 'r+b') as handle:
        for number in range(blocks):
            handle.seek(start + number * stride)
            handle.write(os.urandom(1 << 20))


def iso(path, size):
    """A file with the ISO 9660 volume descriptor's marker at 0x8001."""
    sparse(path, size)
    write_at(path, 0x8000, b'\x01CD001\x01')


def main(argv=None):
    parser = argparse.ArgumentParser(description='Make a disk image file for the tests.')
    parser.add_argument('kind', choices=['gpt', 'mbr', 'iso'])
    parser.add_argument('path')
    parser.add_argument('size', type=int)
    parser.add_argument('--data', type=int, default=0, help='bytes of random data to write in it')
    parser.add_argument('--boot-code', action='store_true', help='gpt: BIOS boot code in the protective MBR')
    parser.add_argument('--no-boot-code', action='store_true', help='mbr: no boot code')
    parser.add_argument('--esp', action='store_true', help='mbr: the partition is an EFI system partition')
    parser.add_argument('--no-esp', action='store_true', help='gpt: no EFI system partition')
    args = parser.parse_args(argv)
    if args.kind == 'gpt':
        gpt(args.path, args.size, esp=not args.no_esp, boot_code=args.boot_code)
    elif args.kind == 'mbr':
        mbr(args.path, args.size, boot_code=not args.no_boot_code, esp=args.esp)
    else:
        iso(args.path, args.size)
    if args.data:
        add_data(args.path, args.data)


if __name__ == '__main__':
    main()
