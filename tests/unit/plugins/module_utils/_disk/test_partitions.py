# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import os

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.partitions import read_partition_table
from ansible_collections.alicloud_ops.ecs.tests import disk_files

MIB = 1 << 20


def table_of(path, disk_size=None):
    with open(path, 'rb') as handle:
        def read(offset, length):
            handle.seek(offset)
            return handle.read(length).ljust(length, b'\x00')
        return read_partition_table(read, disk_size or os.path.getsize(path))


@pytest.mark.parametrize('kind, options, table, modes', [
    ('mbr', dict(boot_code=True), 'mbr', ['BIOS']),
    ('mbr', dict(boot_code=False), 'mbr', []),
    ('mbr', dict(boot_code=True, esp=True), 'mbr', ['BIOS', 'UEFI']),
    ('mbr', dict(boot_code=False, esp=True), 'mbr', ['UEFI']),
    ('gpt', dict(esp=True, boot_code=False), 'gpt', ['UEFI']),
    ('gpt', dict(esp=True, boot_code=True), 'gpt', ['BIOS', 'UEFI']),
    ('gpt', dict(esp=False, boot_code=True), 'gpt', ['BIOS']),
    ('gpt', dict(esp=False, boot_code=False), 'gpt', []),
])
def test_boot_modes_follow_the_esp_and_the_boot_code(tmp_path, kind, options, table, modes):
    path = str(tmp_path / 'disk.raw')
    getattr(disk_files, kind)(path, 256 * MIB, **options)
    found = table_of(path)
    assert (found.table, found.boot_modes, found.problem) == (table, modes, None)
    assert found.ends == (256 * MIB if kind == 'mbr' else (256 * MIB // 512 - 33) * 512)


def test_no_signature_is_no_partition_table(tmp_path):
    path = str(tmp_path / 'disk.raw')
    disk_files.sparse(path, MIB)
    found = table_of(path)
    assert (found.table, found.boot_modes, found.ends) == ('none', [], 0)


def test_a_gpt_of_a_larger_disk_is_a_problem_and_of_a_smaller_one_is_not(tmp_path):
    path = str(tmp_path / 'disk.raw')
    disk_files.gpt(path, 64 * MIB)
    assert table_of(path, 32 * MIB).problem == ('its GPT says the disk ends at sector 131071, but it ends at '
                                                'sector 65535')
    assert table_of(path, 128 * MIB).problem is None  # grown after the GPT was written: the guest moves its backup


def test_a_protective_mbr_without_its_gpt_header(tmp_path):
    path = str(tmp_path / 'disk.raw')
    disk_files.gpt(path, 64 * MIB)
    disk_files.write_at(path, 512, b'\x00' * 512)
    assert table_of(path).problem == 'its GPT header is missing'
