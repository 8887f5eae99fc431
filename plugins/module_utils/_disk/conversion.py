# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""A disk image converted to qcow2 with qemu-img, kept beside a record of the file it came from, so that a re-run
takes the converted file again instead of converting again, and an upload of it can resume.

The converted file is written under a temporary name and renamed once complete, and the record is written after
it: a run killed halfway leaves no converted file that a record vouches for. Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import json
import os
import shutil
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError

# qemu-img's name of each format that disk_image_info reads, given with -f: a fixed VHD would otherwise be read as raw
QEMU_FORMATS = {'raw': 'raw', 'vhd': 'vpc', 'vmdk': 'vmdk', 'qcow2': 'qcow2'}
TOOL = 'qemu-img'
TOOL_MISSING = 'qemu-img is not installed (on Debian and Ubuntu: apt-get install qemu-utils)'


class ToolMissing(Exception):
    """qemu-img is not on the PATH."""


def qemu_img():
    """The path of qemu-img; ToolMissing when it is not on the PATH."""
    tool = shutil.which(TOOL)
    if tool is None:
        raise ToolMissing(TOOL_MISSING)
    return tool


def record_path(dest):
    return dest + '.source.json'


def source_identity(src):
    """What says that a file is still the one converted: its real path, size, change time and inode."""
    info = os.stat(src)
    return dict(path=os.path.realpath(src), size=info.st_size, mtime_ns=info.st_mtime_ns, inode=info.st_ino)


def converted_before(src, dest, output_format):
    """The record of `dest` when it is a complete conversion of `src` as it is now, else None."""
    try:
        with open(record_path(dest)) as handle:
            record = json.load(handle)
        size = os.stat(dest).st_size
    except (IOError, OSError, ValueError):
        return None
    if record.get('source') != source_identity(src) or record.get('format') != output_format or record.get('size') != size:
        return None
    return record


def space_needed(disk):
    """Bytes the qcow2 of a disk takes at most: its data, and a table entry for every 64 KiB cluster of the disk."""
    return disk['allocated_size'] + (disk['virtual_size'] or 0) // 8192 + 2 ** 20


def convert(src, dest, disk, run_command, output_format='qcow2', clock=time.monotonic):
    """Convert `src` (whose disk_image_info facts are `disk`) into `dest`, or take the conversion made before;
    run_command(argv) runs qemu-img and returns (rc, stdout, stderr), as AnsibleModule.run_command does.
    Returns dict(converted, seconds, size, record). Raises ToolMissing, or OptionError('dest') when the directory
    has not the space for it."""
    record = converted_before(src, dest, output_format)
    if record is not None:
        return dict(converted=False, seconds=0.0, size=record['size'], record=record)
    if os.path.exists(dest) and not os.path.exists(record_path(dest)):  # a file of the user's, not a conversion
        raise OptionError('dest', 'expected a file this module converted, or none; %s exists without the record %s '
                                  'of a conversion: remove it, or choose another path' % (dest, record_path(dest)))
    tool = qemu_img()
    directory = os.path.dirname(os.path.abspath(dest))
    needed, free = space_needed(disk), shutil.disk_usage(directory).free
    if free < needed:
        raise OptionError('dest', 'expected a directory with %d bytes free for the converted file; %s has %d'
                          % (needed, directory, free))
    partial = '%s.%d.part' % (dest, os.getpid())  # two runs at once each write their own
    started = clock()
    code, dummy, error = run_command([tool, 'convert', '-q', '-f', QEMU_FORMATS[disk['format']], '-O', output_format,
                                      src, partial])
    if code != 0:
        remove(partial)
        raise OptionError('src', 'expected a file qemu-img can convert; it said: %s' % error.strip())
    os.replace(partial, dest)
    seconds = round(clock() - started, 3)
    record = dict(source=source_identity(src), format=output_format, size=os.stat(dest).st_size, seconds=seconds)
    with open(partial, 'w') as handle:
        json.dump(record, handle)
    os.replace(partial, record_path(dest))
    return dict(converted=True, seconds=seconds, size=record['size'], record=record)


def remove(*paths):
    """Remove the files that exist of `paths`; True when one did."""
    removed = False
    for path in paths:
        try:
            os.remove(path)
            removed = True
        except OSError:
            pass
    return removed


def forget(dest):
    """Remove a converted file, its record and any part left by a killed run; True when something was there."""
    return remove(dest, record_path(dest), *glob.glob(glob.escape(dest) + '.*.part'))
