# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import os

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.inspection import inspect_disk_image
from ansible_collections.alicloud_ops.ecs.tests import disk_files
from ansible_collections.alicloud_ops.ecs.tests.unit.disk_images import (
    GIB, QEMU_MADE, qemu_info)

# name: (format, subformat, import_format, partition_table, boot_modes)
EXPECTED = {
    'gpt': ('raw', None, 'RAW', 'gpt', ['UEFI']),
    'mbr': ('raw', None, 'RAW', 'mbr', ['BIOS']),
    'v2.qcow2': ('qcow2', None, 'QCOW2', 'gpt', ['UEFI']),
    'v3.qcow2': ('qcow2', None, 'QCOW2', 'gpt', ['UEFI']),
    'compressed.qcow2': ('qcow2', None, 'QCOW2', 'gpt', ['UEFI']),
    'mbr.qcow2': ('qcow2', None, 'QCOW2', 'mbr', ['BIOS']),
    'backed.qcow2': ('qcow2', None, 'QCOW2', None, None),
    'encrypted.qcow2': ('qcow2', None, 'QCOW2', None, None),
    'fixed.vhd': ('vhd', 'fixed', 'VHD', 'gpt', ['UEFI']),
    'dynamic.vhd': ('vhd', 'dynamic', 'VHD', 'gpt', ['UEFI']),
    'sparse.vmdk': ('vmdk', 'monolithicSparse', 'VMDK', 'gpt', ['UEFI']),
    'stream.vmdk': ('vmdk', 'streamOptimized', 'VMDK', 'gpt', ['UEFI']),
    'flat.vmdk': ('vmdk', 'monolithicFlat', 'VMDK', None, None),
    'disk.vhdx': ('vhdx', None, None, None, None),
    'disk.vdi': ('vdi', None, None, None, None),
}
QEMU_FORMATS = dict((name, image_format) for name, (dummy, image_format) in QEMU_MADE.items())
QEMU_FORMATS.update(gpt='raw', mbr='raw')


@pytest.mark.parametrize('name', sorted(EXPECTED))
def test_every_field_against_qemu_img(disks, name):
    path = disks[name]
    found = inspect_disk_image(path)
    qemu = qemu_info(path, QEMU_FORMATS[name])
    specific = qemu.get('format-specific', {}).get('data', {})
    image_format, subformat, import_format, table, boot_modes = EXPECTED[name]
    assert (found['format'], found['subformat'], found['import_format']) == (image_format, subformat, import_format)
    if image_format != 'vhdx':
        assert found['virtual_size'] == qemu['virtual-size']
        assert found['disk_image_size'] == -(-qemu['virtual-size'] // GIB)
    assert found['file_size'] == os.path.getsize(path)
    assert found['allocated_size'] == os.stat(path).st_blocks * 512
    if name != 'flat.vmdk':  # qemu-img counts the extent files of a descriptor too
        assert found['allocated_size'] == qemu['actual-size']
    assert found['backing_file'] == qemu.get('backing-filename')
    assert (found['partition_table'], found['boot_modes']) == (table, boot_modes)
    if table is not None:
        assert found['efi_system_partition'] is ('UEFI' in boot_modes)
        assert found['bios_boot_code'] is ('BIOS' in boot_modes)
    if image_format == 'qcow2':
        assert found['qcow2'] == dict(qcow2_version={'0.10': 2, '1.1': 3}[specific['compat']],
                                      encrypted='encrypt' in specific, dirty=False, corrupt=False)
    else:
        assert found['qcow2'] is None
    assert found['path'] == path


@pytest.mark.parametrize('name', ['gpt', 'mbr', 'v2.qcow2', 'v3.qcow2', 'compressed.qcow2', 'fixed.vhd',
                                  'dynamic.vhd', 'sparse.vmdk', 'stream.vmdk'])
def test_images_qemu_img_made_from_a_disk_are_importable(disks, name):
    found = inspect_disk_image(disks[name])
    assert (found['importable'], found['problems']) == (True, [])


@pytest.mark.parametrize('name, words', [
    ('backed.qcow2', ['has a backing file (', 'v3.qcow2), which is not uploaded', 'qemu-img convert -O qcow2']),
    ('encrypted.qcow2', ['is encrypted']),
    ('dirty.qcow2', ['is marked dirty', 'qemu-img check -r all']),
    ('corrupt.qcow2', ['is marked corrupt']),
    ('flat.vmdk', ['VMDK descriptor whose data is in other files (flat-flat.vmdk)']),
    ('disk.vhdx', ['a VHDX image, which ImportImage does not take', 'qemu-img convert -O qcow2']),
    ('disk.vdi', ['a VDI image, which ImportImage does not take']),
])
def test_what_cannot_be_imported_is_named_with_the_file_and_the_remedy(disks, name, words):
    found = inspect_disk_image(disks[name])
    assert found['importable'] is False and len(found['problems']) == 1
    assert found['problems'][0].startswith(disks[name] + ' ')
    for word in words:
        assert word in found['problems'][0]


def test_dirty_and_corrupt_are_read_from_the_header(disks):
    assert inspect_disk_image(disks['dirty.qcow2'])['qcow2']['dirty'] is True
    assert inspect_disk_image(disks['corrupt.qcow2'])['qcow2'] == dict(qcow2_version=3, encrypted=False, dirty=False,
                                                                       corrupt=True)


def test_an_iso_is_refused(tmp_path):
    path = str(tmp_path / 'installer.iso')
    disk_files.iso(path, 4 << 20)
    found = inspect_disk_image(path)
    assert (found['format'], found['import_format'], found['importable']) == ('iso', None, False)
    assert 'an ISO 9660 image' in found['problems'][0] and 'build a disk image from it' in found['problems'][0]


def test_a_truncated_raw_is_found_by_its_partitions_or_its_gpt(tmp_path):
    gpt = str(tmp_path / 'gpt.raw')
    disk_files.gpt(gpt, 64 << 20)
    os.truncate(gpt, 32 << 20)
    found = inspect_disk_image(gpt)
    assert found['importable'] is False
    assert 'its GPT says the disk ends at sector 131071, but it ends at sector 65535' in found['problems'][0]
    mbr = str(tmp_path / 'mbr.raw')
    disk_files.mbr(mbr, 64 << 20)
    os.truncate(mbr, 16 << 20)
    found = inspect_disk_image(mbr)
    assert found['problems'] == ['%s is cut short: its partitions end at byte %d, past the end of the disk at %d; '
                                 'copy or build it again' % (mbr, 64 << 20, 16 << 20)]


def test_a_truncated_qcow2_and_a_vhd_without_its_footer(disks, tmp_path):
    qcow2 = tmp_path / 'cut.qcow2'
    qcow2.write_bytes(open(disks['v3.qcow2'], 'rb').read()[:100000])
    assert 'cut short' in ' '.join(inspect_disk_image(str(qcow2))['problems'])
    vhd = tmp_path / 'cut.vhd'
    vhd.write_bytes(open(disks['dynamic.vhd'], 'rb').read()[:-512])
    found = inspect_disk_image(str(vhd))
    assert found['format'] == 'vhd' and 'its footer (the last 512 bytes of a VHD) is missing' in found['problems'][0]


def test_a_disk_larger_than_the_api_takes(tmp_path):
    path = str(tmp_path / 'huge.raw')
    disk_files.sparse(path, 2049 * GIB)
    found = inspect_disk_image(path)
    assert found['disk_image_size'] == 2049 and found['partition_table'] == 'none' and found['boot_modes'] == []
    assert found['problems'] == ['%s is a disk of 2049 GiB; ImportImage takes at most 2048 GiB' % path]


def test_a_file_system_without_a_partition_table_boots_in_no_mode(tmp_path):
    path = str(tmp_path / 'fs.raw')
    disk_files.sparse(path, 8 << 20)
    found = inspect_disk_image(path)
    assert (found['partition_table'], found['boot_modes'], found['importable']) == ('none', [], True)


@pytest.mark.parametrize('make, message', [
    (lambda p: p.write_bytes(b''), 'is 0 bytes, shorter than one sector'),
    (lambda p: p.write_bytes(b'\x00' * 100), 'is 100 bytes, shorter than one sector'),
    (lambda p: p.mkdir(), 'is not a regular file'),
    (lambda p: None, 'No such file or directory'),
])
def test_what_is_no_disk_image_is_an_option_error(tmp_path, make, message):
    path = tmp_path / 'x.img'
    make(path)
    with pytest.raises(OptionError) as caught:
        inspect_disk_image(str(path))
    assert caught.value.option == 'path' and message in str(caught.value) and str(path) in str(caught.value)


def test_the_file_is_never_changed(disks):
    before = os.stat(disks['v3.qcow2'])
    inspect_disk_image(disks['v3.qcow2'])
    after = os.stat(disks['v3.qcow2'])
    assert (before.st_mtime_ns, before.st_size) == (after.st_mtime_ns, after.st_size)
