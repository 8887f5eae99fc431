# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""A local disk image file as ImportImage would take it: its format, sizes, partition table and boot modes, and
every problem that would make the import fail or the image not boot, each a sentence that names the file and what
to do. Reads headers only. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import stat

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.formats import SECTOR, Unreadable, read_header
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.partitions import read_partition_table

GIB = 2 ** 30
MAX_DISK_GIB = 2048
IMPORT_FORMATS = {'qcow2': 'QCOW2', 'raw': 'RAW', 'vhd': 'VHD', 'vmdk': 'VMDK'}
NOT_ACCEPTED = {'iso': 'an ISO 9660 image (an installer, not a disk)', 'vhdx': 'a VHDX image', 'vdi': 'a VDI image',
                'unknown': 'a qcow image of version 1'}
CONVERT_HINT = 'convert it first: qemu-img convert -O qcow2 %s disk.qcow2'


def inspect_disk_image(path):
    """The facts of the disk image at `path` (the keys disk_image_info returns); OptionError on a path that is not
    a readable file of at least one sector (a VMDK descriptor excepted)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise OptionError('path', 'expected a disk image file; %s: %s' % (path, exc.strerror))
    if not stat.S_ISREG(info.st_mode):
        raise OptionError('path', 'expected a disk image file; %s is not a regular file' % path)
    try:
        with open(path, 'rb') as handle:
            header = read_header(handle, info.st_size)
            if header.format == 'raw' and info.st_size < SECTOR:
                raise OptionError('path', 'expected a disk image; %s is %d bytes, shorter than one sector (512 bytes)'
                                  % (path, info.st_size))
            table = partition_table(header)
    except IOError as exc:
        raise OptionError('path', 'expected a readable disk image; %s: %s' % (path, exc.strerror or exc))
    facts = header.facts
    result = dict(
        path=path,
        format=header.format,
        subformat=header.subformat,
        import_format=IMPORT_FORMATS.get(header.format),
        virtual_size=header.virtual_size,
        file_size=info.st_size,
        allocated_size=info.st_blocks * 512,
        disk_image_size=-(-header.virtual_size // GIB) if header.virtual_size else None,
        backing_file=facts.get('backing_file'),
        qcow2=dict((key, facts[key]) for key in ('qcow2_version', 'encrypted', 'dirty', 'corrupt'))
        if header.format == 'qcow2' else None,
        partition_table=table and table.table,
        efi_system_partition=table and table.efi_system_partition,
        bios_boot_code=table and table.bios_boot_code,
        boot_modes=table and table.boot_modes,
    )
    result['problems'] = problems(path, header, table, result)
    result['importable'] = not result['problems']
    return result


def partition_table(header):
    """The PartitionTable of the disk, or None when its bytes are not in this file or cannot be read."""
    if header.read_guest is None or not header.virtual_size:
        return None
    try:
        return read_partition_table(header.read_guest, header.virtual_size)
    except Unreadable:
        return None


def problems(path, header, table, result):
    """Each reason the import would fail, or the image not boot, as a sentence naming the file and the remedy."""
    facts = header.facts
    found = []
    if header.format in NOT_ACCEPTED:
        found.append('%s is %s, which ImportImage does not take; %s' % (
            path, NOT_ACCEPTED[header.format], 'build a disk image from it' if header.format == 'iso'
            else CONVERT_HINT % path))
    if facts.get('truncated'):
        found.append('%s is cut short: %s; copy or build it again' % (path, facts['truncated']))
    if result['backing_file']:
        found.append('%s has a backing file (%s), which is not uploaded with it; flatten it first: qemu-img convert '
                     '-O qcow2 %s flat.qcow2' % (path, result['backing_file'], path))
    if facts.get('encrypted'):
        found.append('%s is encrypted, which ImportImage cannot read; convert it to a plain qcow2 or raw first'
                     % path)
    if facts.get('corrupt') or facts.get('dirty'):
        found.append('%s is marked %s (it was not closed cleanly); repair it first: qemu-img check -r all %s'
                     % (path, 'corrupt' if facts.get('corrupt') else 'dirty', path))
    if facts.get('external_data_file'):
        found.append('%s keeps its data in an external file, which is not uploaded with it; %s'
                     % (path, CONVERT_HINT % path))
    if facts.get('extents'):
        found.append('%s is a VMDK descriptor whose data is in other files (%s); %s'
                     % (path, ', '.join(facts['extents']), CONVERT_HINT % path))
    if header.format == 'vhd' and header.subformat == 'differencing':
        found.append('%s is a differencing VHD whose parent is not uploaded with it; merge it into its parent first'
                     % path)
    if result['disk_image_size'] and result['disk_image_size'] > MAX_DISK_GIB:
        found.append('%s is a disk of %d GiB; ImportImage takes at most %d GiB' % (
            path, result['disk_image_size'], MAX_DISK_GIB))
    if table is not None and table.problem:
        found.append('%s is cut short or damaged: %s; copy or build it again' % (path, table.problem))
    elif table is not None and table.ends > (header.virtual_size or 0):
        found.append('%s is cut short: its partitions end at byte %d, past the end of the disk at %d; copy or build '
                     'it again' % (path, table.ends, header.virtual_size))
    return found
