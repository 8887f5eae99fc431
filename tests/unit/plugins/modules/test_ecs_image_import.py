# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

from ansible_collections.alicloud_ops.ecs.plugins.modules import ecs_image_import
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import run_module

DISKS = [{'oss_bucket': 'images', 'oss_object': 'golden.qcow2'}]


def run(capsys, args):
    return run_module(ecs_image_import.main, capsys, args)


def test_returns_the_documented_keys(emulator, capsys):
    code, result, output = run(capsys, emulator.options(name='golden-web', disks=DISKS))
    assert code == 0 and result['changed'] is True
    assert set(result) >= {'image_id', 'task_id', 'image', 'task', 'elapsed', 'request_ids', 'diff'}
    assert set(result['image']) == {'image_id', 'image_name', 'status', 'progress', 'size', 'architecture', 'os_type',
                                    'platform', 'creation_time'}
    assert set(result['task']) == {'task_id', 'task_action', 'task_status', 'support_cancel', 'creation_time',
                                   'finished_time', 'resource_id'}
    assert 'emulator-secret' not in output


def test_disks_are_required_to_import_but_not_to_cancel(emulator, capsys):
    code, result, dummy = run(capsys, emulator.options(name='golden-web'))
    assert code == 1 and 'disks' in result['msg']
    code, result, dummy = run(capsys, emulator.options(name='golden-web', state='absent'))
    assert code == 0 and result['changed'] is False
    assert emulator.requests()['by_action'] == {'DescribeImages': 1}


def test_check_and_diff_mode(emulator, capsys):
    code, result, dummy = run(capsys, dict(emulator.options(name='golden-web', disks=DISKS), _ansible_check_mode=True,
                                           _ansible_diff=True))
    assert code == 0 and result['changed'] and result['diff']['before'] == {}
    assert result['diff']['after']['image_name'] == 'golden-web'


def test_a_value_outside_the_api_lists_is_refused_naming_the_option(emulator, capsys):
    code, result, dummy = run(capsys, emulator.options(name='golden-web', disks=DISKS, platform='Plan 9'))
    assert code == 1 and 'platform' in result['msg'] and 'Ubuntu' in result['msg']
    assert emulator.requests()['count'] == 0
