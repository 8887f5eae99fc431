# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.modules import ecs_image_export
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import run_module


def run(capsys, args):
    return run_module(ecs_image_export.main, capsys, args)


def test_returns_the_documented_keys(emulator, capsys):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'}]})
    code, result, output = run(capsys, emulator.options(image_name='golden', oss_bucket='exports'))
    assert code == 0 and result['changed'] is True
    assert set(result) >= {'image_id', 'task_id', 'task', 'oss_objects', 'elapsed', 'request_ids'}
    assert set(result['task']) == {'task_id', 'task_action', 'task_status', 'support_cancel', 'creation_time',
                                   'finished_time', 'resource_id'}
    assert 'emulator-secret' not in output


@pytest.mark.parametrize('args, fragment', [
    (dict(image_id='m-1', image_name='golden', oss_bucket='exports'), 'mutually exclusive'),
    (dict(oss_bucket='exports'), 'one of the following is required'),
    (dict(image_id='m-1'), 'oss_bucket'),
    (dict(image_id='m-1', oss_bucket='exports', image_format='iso'), 'image_format'),
    (dict(image_id='m-1', oss_bucket='exports', oss_prefix='a-b'), 'oss_prefix'),
])
def test_bad_input_fails_before_any_call(emulator, capsys, args, fragment):
    code, result, dummy = run(capsys, emulator.options(**args))
    assert code == 1 and fragment in result['msg']
    assert emulator.requests()['count'] == 0
