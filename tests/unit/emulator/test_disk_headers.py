# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's own reading of an imported object, against qemu-img's."""

from __future__ import absolute_import, division, print_function

import os

import pytest

from ansible_collections.alicloud_ops.ecs.tests import disk_files
from ansible_collections.alicloud_ops.ecs.tests.emulator.disk_headers import import_failure, sniff
from ansible_collections.alicloud_ops.ecs.tests.unit.disk_images import qemu_info

GIB = 2 ** 30


def sniffed(path):
    return sniff(path, os.path.getsize(path))


@pytest.mark.parametrize('name, image_format, qemu_format', [
    ('gpt', 'RAW', 'raw'), ('v2.qcow2', 'QCOW2', 'qcow2'), ('v3.qcow2', 'QCOW2', 'qcow2'), ('fixed.vhd', 'VHD', 'vpc'),
    ('dynamic.vhd', 'VHD', 'vpc'), ('sparse.vmdk', 'VMDK', 'vmdk'), ('stream.vmdk', 'VMDK', 'vmdk')])
def test_format_and_virtual_size_as_qemu_img_reads_them(disks, name, image_format, qemu_format):
    found = sniffed(disks[name])
    assert (found.format, found.virtual_size) == (image_format, qemu_info(disks[name], qemu_format)['virtual-size'])
    assert import_failure(found, image_format, found.gib) is None and import_failure(found, None, None) is None


@pytest.mark.parametrize('name, code', [('disk.vhdx', 'InvalidImage.NotSupported'),
                                        ('disk.vdi', 'InvalidImage.NotSupported'),
                                        ('flat.vmdk', 'InvalidImage.NotSupported'),
                                        ('backed.qcow2', 'InvalidImage.BackingFile')])
def test_what_the_service_cannot_import(disks, name, code):
    assert import_failure(sniffed(disks[name]), None, None)[0] == code


def test_a_wrong_format_and_a_disk_too_small_fail(disks, tmp_path):
    qcow2 = sniffed(disks['v3.qcow2'])
    assert import_failure(qcow2, 'RAW', 1) == (
        'InvalidImageFormat.NotMatch', 'The format of the image file (QCOW2) does not match the specified Format RAW.')
    big = str(tmp_path / 'big.raw')
    disk_files.gpt(big, 3 * GIB)
    assert import_failure(sniffed(big), 'RAW', 2)[0] == 'InvalidImageSize.TooSmall'
    assert import_failure(sniffed(big), 'RAW', 3) is None
    iso = str(tmp_path / 'x.iso')
    disk_files.iso(iso, 1 << 20)
    assert import_failure(sniffed(iso), None, None) == (
        'InvalidImage.NotSupported', 'The image file is not a disk image the service can import: an ISO 9660 image.')
