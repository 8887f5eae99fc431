# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""What ImportImage sees in an object: its format and virtual size, from the markers of its header, as the
service's own check would. Written apart from the collection's disk_image_info on purpose: the emulator stands for
the API, so a mistake in the collection's reader must not be a mistake of the emulator's too."""

from __future__ import absolute_import, division, print_function

import struct

GIB = 2 ** 30


class Sniffed:
    """`format` RAW, QCOW2, VHD or VMDK, or None for a file that is no disk image ImportImage takes (`what` says
    what it is); `virtual_size` in bytes; `backing` whether a qcow2 needs a backing file."""

    def __init__(self, image_format, virtual_size, what='', backing=False):
        self.format = image_format
        self.virtual_size = virtual_size
        self.what = what
        self.backing = backing

    @property
    def gib(self):
        return -(-self.virtual_size // GIB)


def sniff(path, size):
    with open(path, 'rb') as handle:
        head = handle.read(0x8006)
        handle.seek(max(size - 512, 0))
        tail = handle.read(512)
    if head[:4] == b'QFI\xfb':
        return Sniffed('QCOW2', struct.unpack('>Q', head[24:32])[0], backing=head[8:16] != bytes(8))
    if tail[:8] == b'conectix':
        cylinders, heads, sectors = struct.unpack('>HBB', tail[56:60])
        return Sniffed('VHD', max(struct.unpack('>Q', tail[48:56])[0], cylinders * heads * sectors * 512))
    if head[:4] == b'KDMV':
        return Sniffed('VMDK', struct.unpack('<Q', head[12:20])[0] * 512)
    for offset, marker, what in ((0x8001, b'CD001', 'an ISO 9660 image'), (0, b'vhdxfile', 'a VHDX image'),
                                 (0x40, b'\x7f\x10\xda\xbe', 'a VDI image'),
                                 (0, b'# Disk DescriptorFile', 'a VMDK descriptor without its extents')):
        if head[offset:offset + len(marker)] == marker:
            return Sniffed(None, size, what)
    if size < 512:
        return Sniffed(None, size, 'too short to be a disk')
    return Sniffed('RAW', size)


def import_failure(found, sent_format, disk_image_size):
    """(code, message) of the import task's failure for an object `found` as it is, or None when it imports."""
    if found.format is None:
        return 'InvalidImage.NotSupported', 'The image file is not a disk image the service can import: %s.' % found.what
    if sent_format and sent_format != found.format:
        return 'InvalidImageFormat.NotMatch', ('The format of the image file (%s) does not match the specified '
                                               'Format %s.' % (found.format, sent_format))
    if found.backing:
        return 'InvalidImage.BackingFile', 'The image file depends on a backing file, which the service cannot read.'
    if disk_image_size is not None and found.virtual_size > disk_image_size * GIB:
        return 'InvalidImageSize.TooSmall', ('The virtual size of the image file (%d bytes) exceeds DiskImageSize '
                                             '%d GiB.' % (found.virtual_size, disk_image_size))
    return None
