# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import os

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.formats import read_header


def header_of(path):
    handle = open(path, 'rb')
    return handle, read_header(handle, os.path.getsize(path))


@pytest.mark.parametrize('name', ['v2.qcow2', 'v3.qcow2', 'compressed.qcow2', 'fixed.vhd', 'dynamic.vhd',
                                  'sparse.vmdk', 'stream.vmdk'])
def test_the_disk_read_through_the_format_s_tables_is_the_raw_disk(disks, name):
    with open(disks['gpt'], 'rb') as raw:
        expected = [(offset, raw.read(length)) for offset, length in ((0, 64 * 1024), (1 << 20, 3 << 20))
                    if raw.seek(offset) is not None]
    handle, header = header_of(disks[name])
    with handle:
        for offset, data in expected:
            assert header.read_guest(offset, len(data)) == data
        # past the data: unallocated clusters read as zeros
        assert header.read_guest(900 << 20, 4096) == b'\x00' * 4096


def test_qcow2_header_facts(disks):
    handle, header = header_of(disks['backed.qcow2'])
    with handle:
        assert header.facts['backing_file'] == disks['v3.qcow2'] and header.read_guest is None
        assert header.facts['qcow2_version'] == 3 and header.facts['encrypted'] is False


def test_a_qcow_of_version_1_is_unknown(tmp_path):
    path = tmp_path / 'old.qcow'
    path.write_bytes(b'QFI\xfb\x00\x00\x00\x01' + b'\x00' * 1016)
    handle, header = header_of(str(path))
    with handle:
        assert (header.format, header.facts['qcow_version']) == ('unknown', 1)


def test_a_vhd_s_size_is_the_larger_of_its_footer_and_its_geometry(disks, tmp_path):
    with open(disks['fixed.vhd'], 'rb') as handle:
        handle.seek(-512, os.SEEK_END)
        data = bytearray(handle.read())
    data[48:56] = (10 << 20).to_bytes(8, 'big')  # current size smaller than the geometry (2081 x 16 x 63 sectors)
    path = tmp_path / 'footer.vhd'
    path.write_bytes(bytes(2 << 20) + bytes(data))
    handle, header = header_of(str(path))
    with handle:
        assert header.virtual_size == 2081 * 16 * 63 * 512 and header.subformat == 'fixed'
