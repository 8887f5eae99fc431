# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

from ansible_collections.alicloud_ops.ecs.plugins.modules import disk_image_info
from ansible_collections.alicloud_ops.ecs.tests import disk_files
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import run_module


def test_a_disk_image_is_described_and_nothing_is_changed(tmp_path, capsys):
    path = str(tmp_path / 'golden.img')
    disk_files.gpt(path, 3 << 30, boot_code=True)
    code, result, dummy = run_module(disk_image_info.main, capsys, dict(path=path, _ansible_check_mode=True))
    assert code == 0 and result['changed'] is False
    assert (result['format'], result['import_format'], result['disk_image_size']) == ('raw', 'RAW', 3)
    assert (result['boot_modes'], result['importable'], result['problems']) == (['BIOS', 'UEFI'], True, [])


def test_a_missing_file_fails_clearly_without_a_traceback(tmp_path, capsys):
    code, result, output = run_module(disk_image_info.main, capsys, dict(path=str(tmp_path / 'none.img')))
    assert code == 1 and result['failed'] is True
    assert result['msg'].startswith('path: expected a disk image file; ') and 'Traceback' not in output
