# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import collections
import json
import os

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk import conversion
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.conversion import (
    ToolMissing, convert, converted_before, forget, record_path)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.inspection import inspect_disk_image
from ansible_collections.alicloud_ops.ecs.tests import disk_files
from ansible_collections.alicloud_ops.ecs.tests.unit.disk_images import qemu_info, run_command

MIB = 1 << 20


@pytest.fixture
def sparse_raw(tmp_path):
    path = str(tmp_path / 'disk.raw')
    disk_files.gpt(path, 256 * MIB)
    disk_files.add_data(path, 8 * MIB)
    return path


def test_a_sparse_raw_becomes_a_qcow2_of_its_data(sparse_raw, tmp_path):
    dest = str(tmp_path / 'out' / 'disk.qcow2')
    os.mkdir(os.path.dirname(dest))
    done = convert(sparse_raw, dest, inspect_disk_image(sparse_raw), run_command)
    assert done['converted'] is True and done['size'] == os.path.getsize(dest) < 12 * MIB
    assert qemu_info(dest, 'qcow2')['virtual-size'] == 256 * MIB
    assert inspect_disk_image(dest)['boot_modes'] == ['UEFI']
    with open(record_path(dest)) as handle:
        record = json.load(handle)
    assert record['source'] == dict(path=os.path.realpath(sparse_raw), size=256 * MIB,
                                    mtime_ns=os.stat(sparse_raw).st_mtime_ns, inode=os.stat(sparse_raw).st_ino)
    assert record['size'] == done['size'] and record['format'] == 'qcow2'
    assert sorted(os.listdir(os.path.dirname(dest))) == ['disk.qcow2', 'disk.qcow2.source.json']


def test_a_second_run_takes_the_conversion_made_before_and_a_changed_file_is_converted_again(sparse_raw, tmp_path):
    dest = str(tmp_path / 'disk.qcow2')
    disk = inspect_disk_image(sparse_raw)
    first = convert(sparse_raw, dest, disk, run_command)
    runs = collections.Counter()

    def counted(argv):
        runs.update([argv[1]])
        return run_command(argv)
    again = convert(sparse_raw, dest, disk, counted)
    assert (again['converted'], again['seconds'], again['size'], runs['convert']) == (False, 0.0, first['size'], 0)
    disk_files.add_data(sparse_raw, MIB, start=200 * MIB)
    changed = convert(sparse_raw, dest, inspect_disk_image(sparse_raw), counted)
    assert changed['converted'] is True and runs['convert'] == 1 and changed['size'] > first['size']


def test_a_converted_file_without_its_record_or_of_another_size_is_not_taken(sparse_raw, tmp_path):
    dest = str(tmp_path / 'disk.qcow2')
    convert(sparse_raw, dest, inspect_disk_image(sparse_raw), run_command)
    assert converted_before(sparse_raw, dest, 'qcow2') is not None
    with open(dest, 'ab') as handle:  # a copy cut or grown since
        handle.write(b'x')
    assert converted_before(sparse_raw, dest, 'qcow2') is None
    os.remove(record_path(dest))
    assert converted_before(sparse_raw, dest, 'qcow2') is None
    with pytest.raises(OptionError):  # a file without its record may be anyone's
        convert(sparse_raw, dest, inspect_disk_image(sparse_raw), run_command)


def test_a_file_that_is_no_conversion_is_never_overwritten(sparse_raw, tmp_path):
    dest = tmp_path / 'disk.qcow2'
    dest.write_bytes(b'a file of the user')
    with pytest.raises(OptionError) as caught:
        convert(sparse_raw, str(dest), inspect_disk_image(sparse_raw), run_command)
    assert caught.value.option == 'dest' and 'exists without the record' in str(caught.value)
    assert dest.read_bytes() == b'a file of the user'


def test_a_fixed_vhd_is_read_as_vhd_not_as_raw(disks, tmp_path):
    dest = str(tmp_path / 'from-vhd.qcow2')
    convert(disks['fixed.vhd'], dest, inspect_disk_image(disks['fixed.vhd']), run_command)
    assert qemu_info(dest, 'qcow2')['virtual-size'] == qemu_info(disks['fixed.vhd'], 'vpc')['virtual-size']


def test_without_qemu_img_nothing_is_written(sparse_raw, tmp_path, monkeypatch):
    monkeypatch.setenv('PATH', str(tmp_path / 'empty'))
    dest = str(tmp_path / 'disk.qcow2')
    with pytest.raises(ToolMissing) as caught:
        convert(sparse_raw, dest, inspect_disk_image(sparse_raw), run_command)
    assert 'qemu-utils' in str(caught.value) and not os.path.exists(dest)


def test_not_enough_free_space_is_refused_before_converting(sparse_raw, tmp_path, monkeypatch):
    usage = collections.namedtuple('usage', 'total used free')
    monkeypatch.setattr(conversion.shutil, 'disk_usage', lambda path: usage(10 * MIB, 9 * MIB, MIB))
    with pytest.raises(OptionError) as caught:
        convert(sparse_raw, str(tmp_path / 'disk.qcow2'), inspect_disk_image(sparse_raw), run_command)
    assert caught.value.option == 'dest' and 'bytes free for the converted file' in str(caught.value)
    assert os.listdir(str(tmp_path)) == ['disk.raw']


def test_a_failed_conversion_leaves_no_part(tmp_path):
    path = str(tmp_path / 'disk.vmdk')
    with open(path, 'wb') as handle:  # a VMDK header whose tables point past the end
        handle.write(b'KDMV' + b'\x01\x00\x00\x00' + b'\x03\x00\x00\x00' + (1 << 20).to_bytes(8, 'little')
                     + (128).to_bytes(8, 'little') + bytes(8) + bytes(8) + (512).to_bytes(4, 'little')
                     + bytes(8) + (1 << 30).to_bytes(8, 'little'))
        handle.truncate(4096)
    with pytest.raises(OptionError) as caught:
        convert(path, str(tmp_path / 'disk.qcow2'), inspect_disk_image(path), run_command)
    assert caught.value.option == 'src' and 'qemu-img' in str(caught.value)
    assert os.listdir(str(tmp_path)) == ['disk.vmdk']


def test_forget_removes_the_file_its_record_and_parts(sparse_raw, tmp_path):
    dest = str(tmp_path / 'disk.qcow2')
    convert(sparse_raw, dest, inspect_disk_image(sparse_raw), run_command)
    open(dest + '.4242.part', 'w').close()
    assert forget(dest) is True
    assert os.listdir(str(tmp_path)) == ['disk.raw']
    assert forget(dest) is False
