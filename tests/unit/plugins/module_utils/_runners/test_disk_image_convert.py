# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import os

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.disk_image_convert import (
    run_disk_image_convert)
from ansible_collections.alicloud_ops.ecs.tests import disk_files
from ansible_collections.alicloud_ops.ecs.tests.unit.disk_images import run_command

MIB = 1 << 20


@pytest.fixture
def raw(tmp_path):
    path = str(tmp_path / 'disk.raw')
    disk_files.mbr(path, 128 * MIB)
    disk_files.add_data(path, 4 * MIB)
    return path


def run(check_mode=False, **options):
    options.setdefault('format', 'qcow2')
    options.setdefault('missing_tool', 'fail')
    options.setdefault('state', 'present')
    return run_disk_image_convert(options, run_command, check_mode=check_mode)


def test_check_mode_says_what_would_be_done_and_does_nothing(raw, tmp_path):
    dest = str(tmp_path / 'disk.qcow2')
    outcome = run(check_mode=True, src=raw, dest=dest)
    assert not outcome.failed and outcome.result['changed'] is True and not os.path.exists(dest)
    first = run(src=raw, dest=dest)
    assert first.result['converted'] and first.result['changed'] and first.result['seconds'] > 0
    for check_mode in (True, False):
        again = run(check_mode=check_mode, src=raw, dest=dest)
        assert (again.result['changed'], again.result['reused'], again.result['size']) == (
            False, True, first.result['size'])


def test_absent_removes_the_file_and_its_record(raw, tmp_path):
    dest = str(tmp_path / 'disk.qcow2')
    run(src=raw, dest=dest)
    assert run(check_mode=True, dest=dest, state='absent').result['changed'] is True and os.path.exists(dest)
    assert run(dest=dest, state='absent').result['changed'] is True
    assert not os.path.exists(dest) and not os.path.exists(dest + '.source.json')
    assert run(dest=dest, state='absent').result['changed'] is False


@pytest.mark.parametrize('check_mode', [False, True])
def test_without_qemu_img_skip_says_why_and_fail_fails(raw, tmp_path, monkeypatch, check_mode):
    monkeypatch.setenv('PATH', str(tmp_path / 'empty'))
    dest = str(tmp_path / 'disk.qcow2')
    skipped = run(check_mode=check_mode, src=raw, dest=dest, missing_tool='skip')
    assert not skipped.failed and skipped.result['changed'] is False and skipped.result['converted'] is False
    assert 'qemu-utils' in skipped.result['reason']
    failed = run(check_mode=check_mode, src=raw, dest=dest)
    assert failed.failed and 'qemu-img is not installed' in failed.message


def test_what_cannot_be_imported_is_not_converted(tmp_path):
    path = str(tmp_path / 'installer.iso')
    disk_files.iso(path, 4 * MIB)
    outcome = run(src=path, dest=str(tmp_path / 'x.qcow2'))
    assert outcome.failed and outcome.message.startswith('src: expected a disk image to convert; ')
    assert 'ISO 9660' in outcome.message
    directory = run(src=path, dest=str(tmp_path))
    assert directory.failed and directory.message.startswith('dest: expected the path of the converted file')
