# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""What a disk image file is, from its headers alone: its format and the facts of its header, and a reader of the
disk's own bytes (the guest's view), through the format's cluster or block tables, for the partition table.

Offsets: qemu's docs/interop/qcow2.txt, the Microsoft VHD spec 1.0, VMware's Virtual Disk Format 5.0, ECMA-119.
Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import struct
import zlib

SECTOR = 512
ALL_ONES = 0xFFFFFFFFFFFFFFFF
QCOW2_OFFSET_MASK = 0x00FFFFFFFFFFFE00
VHD_TYPES = {2: 'fixed', 3: 'dynamic', 4: 'differencing'}


class Unreadable(Exception):
    """The disk's bytes cannot be read through the format's tables (a table past the end of the file, say)."""


class Header:
    """A file's format and header facts; `read_guest(offset, length)` reads the disk's own bytes, or is None when
    the format's disk is not in this file."""

    def __init__(self, image_format, virtual_size, subformat=None, read_guest=None, **facts):
        self.format = image_format
        self.virtual_size = virtual_size
        self.subformat = subformat
        self.read_guest = read_guest
        self.facts = facts


def read_at(handle, offset, length):
    handle.seek(offset)
    return handle.read(length)


def direct_reader(handle):
    """read_guest of a format whose disk is the file's bytes from offset 0 (raw, a fixed VHD)."""
    return lambda offset, length: read_at(handle, offset, length)


def read_header(handle, file_size):
    """The Header of the open file, by the first marker that matches (the order matters: a VHD's footer is at its
    end, and anything unknown is raw)."""
    head = read_at(handle, 0, 64 * 1024)
    tail = read_at(handle, file_size - SECTOR, SECTOR) if file_size >= SECTOR else b''
    if head[:4] == b'QFI\xfb':
        return qcow(handle, head, file_size)
    if head[:8] == b'vhdxfile':
        return Header('vhdx', None)
    if head[0x40:0x44] == b'\x7f\x10\xda\xbe':
        return Header('vdi', struct.unpack('<Q', head[0x170:0x178])[0] if len(head) >= 0x178 else None)
    if head[:4] == b'KDMV':
        return vmdk_sparse(handle, head, file_size)
    if head.startswith(b'# Disk DescriptorFile'):
        return vmdk_descriptor(head)
    if tail[:8] == b'conectix':
        return vhd(handle, tail, file_size)
    if head[:8] == b'conectix':
        return Header('vhd', None, truncated='its footer (the last 512 bytes of a VHD) is missing')
    if head[0x8001:0x8006] == b'CD001':
        return Header('iso', file_size)
    return Header('raw', file_size, read_guest=direct_reader(handle))


def qcow(handle, head, file_size):
    version, backing_offset, backing_length, cluster_bits, size, crypt, l1_size, l1_offset = struct.unpack(
        '>IQIIQIIQ', head[4:48])
    if version not in (2, 3):
        return Header('unknown', size, qcow_version=version)
    incompatible = struct.unpack('>Q', head[72:80])[0] if version == 3 else 0
    backing = head[backing_offset:backing_offset + backing_length].decode('utf-8', 'replace') if backing_offset else None
    facts = dict(qcow2_version=version, backing_file=backing, encrypted=crypt != 0, dirty=bool(incompatible & 1),
                 corrupt=bool(incompatible & 2), external_data_file=bool(incompatible & 4))
    if l1_offset + 8 * l1_size > file_size:
        facts['truncated'] = 'its cluster table ends past the end of the file'
    cluster = 1 << cluster_bits
    l2_entry = 16 if incompatible & 16 else 8  # extended L2 entries: 8 bytes of subcluster bitmap after each
    per_l2 = cluster // l2_entry

    def host_cluster(index):
        """(file offset, bytes) of the guest's cluster `index`; (None, None) for zeros."""
        l1 = index // per_l2
        if l1 >= l1_size:
            return None, None
        l2_table = struct.unpack('>Q', read_at(handle, l1_offset + 8 * l1, 8))[0] & QCOW2_OFFSET_MASK
        if not l2_table:
            return None, None
        entry = struct.unpack('>Q', read_at(handle, l2_table + l2_entry * (index % per_l2), 8))[0]
        if entry & (1 << 62):
            shift = 62 - (cluster_bits - 8)
            offset = entry & ((1 << shift) - 1)
            sectors = ((entry >> shift) & ((1 << (62 - shift)) - 1)) + 1
            compressed = read_at(handle, offset, sectors * SECTOR - (offset % SECTOR))
            return None, zlib.decompressobj(-15).decompress(compressed)[:cluster]
        if entry & 1 or not entry & QCOW2_OFFSET_MASK:
            return None, None
        return entry & QCOW2_OFFSET_MASK, None

    return Header('qcow2', size, read_guest=None if crypt or backing else mapped_reader(handle, cluster, host_cluster),
                  **facts)


def vhd(handle, footer, file_size):
    disk_type = struct.unpack('>I', footer[60:64])[0]
    current = struct.unpack('>Q', footer[48:56])[0]
    cylinders, heads, sectors = struct.unpack('>HBB', footer[56:60])
    # qemu reads the CHS size for some creators and current_size for others; the larger is the safe size to ask for
    size = max(current, cylinders * heads * sectors * SECTOR)
    subformat = VHD_TYPES.get(disk_type, 'unknown')
    if subformat == 'fixed':
        if file_size - SECTOR < current:
            return Header('vhd', size, subformat, truncated='its data is shorter than the disk size in its footer')
        return Header('vhd', size, subformat, read_guest=direct_reader(handle))
    dynamic = read_at(handle, struct.unpack('>Q', footer[16:24])[0], 1024)
    if subformat not in ('dynamic', 'differencing') or dynamic[:8] != b'cxsparse':
        return Header('vhd', size, subformat)
    table, dummy_version, entries, block = struct.unpack('>QIII', dynamic[16:36])
    bitmap = -(-(block // SECTOR // 8) // SECTOR) * SECTOR

    def host_block(index):
        if index >= entries:
            return None, None
        sector = struct.unpack('>I', read_at(handle, table + 4 * index, 4))[0]
        return (None, None) if sector == 0xFFFFFFFF else (sector * SECTOR + bitmap, None)

    parent = dynamic[64:576].decode('utf-16-be', 'replace').rstrip('\x00') if subformat == 'differencing' else None
    return Header('vhd', size, subformat, read_guest=mapped_reader(handle, block, host_block), backing_file=parent)


def vmdk_sparse(handle, head, file_size):
    flags, capacity, grain, descriptor_at, descriptor_sectors, per_table = struct.unpack('<IQQQQI', head[8:48])
    gd_offset = struct.unpack('<Q', head[56:64])[0]
    descriptor = head[descriptor_at * SECTOR:(descriptor_at + descriptor_sectors) * SECTOR]
    found = re.search(br'createType="(\w+)"', descriptor)
    compressed = bool(flags & (1 << 16))
    subformat = found.group(1).decode() if found else ('streamOptimized' if compressed else 'monolithicSparse')
    if gd_offset == ALL_ONES:  # streamOptimized written as a stream: the header's copy before the end has it
        gd_offset = struct.unpack('<Q', read_at(handle, file_size - 1024 + 56, 8))[0]
    grain_bytes = grain * SECTOR

    def host_grain(index):
        entry = struct.unpack('<I', read_at(handle, gd_offset * SECTOR + 4 * (index // per_table), 4))[0]
        if not entry:
            return None, None
        sector = struct.unpack('<I', read_at(handle, entry * SECTOR + 4 * (index % per_table), 4))[0]
        if sector <= 1:  # 0 unallocated, 1 a grain of zeros
            return None, None
        if compressed:
            marker = read_at(handle, sector * SECTOR, 12)
            length = struct.unpack('<I', marker[8:12])[0]
            return None, zlib.decompress(read_at(handle, sector * SECTOR + 12, length))[:grain_bytes]
        return sector * SECTOR, None

    return Header('vmdk', capacity * SECTOR, subformat, read_guest=mapped_reader(handle, grain_bytes, host_grain))


def vmdk_descriptor(head):
    text = head.decode('utf-8', 'replace')
    found = re.search(r'createType="(\w+)"', text)
    extents = re.findall(r'^(?:RW|RDONLY|NOACCESS)\s+(\d+)\s+\w+\s+"([^"]*)"', text, re.MULTILINE)
    return Header('vmdk', sum(int(sectors) for sectors, name in extents) * SECTOR,
                  found.group(1) if found else 'unknown', extents=[name for sectors, name in extents])


def mapped_reader(handle, unit, locate):
    """read_guest for a format that maps the disk in units of `unit` bytes; locate(index) gives (file offset, None)
    for a unit stored as it is, (None, bytes) for one stored compressed, and (None, None) for zeros."""
    def read_guest(offset, length):
        out = []
        while length > 0:
            index, within = divmod(offset, unit)
            step = min(length, unit - within)
            try:
                at, data = locate(index)
            except (struct.error, zlib.error) as exc:
                raise Unreadable(str(exc))
            if at is not None:
                piece = read_at(handle, at + within, step)
            elif data is not None:
                piece = data[within:within + step]
            else:
                piece = b''
            out.append(piece.ljust(step, b'\x00'))
            offset += step
            length -= step
        return b''.join(out)
    return read_guest
