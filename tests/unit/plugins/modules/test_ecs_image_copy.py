# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.modules import ecs_image_copy
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import run_module


def run(capsys, args):
    return run_module(ecs_image_copy.main, capsys, args)


def test_returns_the_documented_keys(emulator, capsys):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'}]})
    code, result, output = run(capsys, emulator.options(image_id='m-golden', destination_regions=['cn-shanghai']))
    assert code == 0 and result['changed'] is True
    assert set(result) >= {'copies', 'image_ids', 'source', 'elapsed', 'request_ids'}
    assert set(result['copies'][0]) == {'region', 'image_id', 'image_name', 'status', 'progress', 'adopted', 'copied',
                                        'queued', 'cancelled', 'image_family', 'tags', 'request_ids'}
    assert result['image_ids'] == {'cn-shanghai': result['copies'][0]['image_id']}
    assert 'emulator-secret' not in output


@pytest.mark.parametrize('args, fragment', [
    (dict(image_id='m-1', image_name='golden', destination_regions=['cn-shanghai']), 'mutually exclusive'),
    (dict(destination_regions=['cn-shanghai']), 'one of the following is required'),
    (dict(image_id='m-1'), 'destination_regions'),
    (dict(image_id='m-1', destination_regions=[]), 'destination_regions: expected at least one region'),
    (dict(image_id='m-1', destination_regions=['cn-hangzhou']), 'destination_regions[0]: cn-hangzhou is the source'),
    (dict(image_id='m-1', destination_regions=['cn-shanghai', 'cn-shanghai']), 'destination_regions[1]'),
    (dict(image_id='m-1', destination_regions=['Shanghai']), 'destination_regions[0]: expected a region id'),
    (dict(image_id='m-1', destination_regions=[{'name': 'x1'}]), 'destination_regions[0]: expected a region id'),
    (dict(image_id='m-1', destination_regions=[{'region': 'cn-shanghai', 'zone': 'a'}]), 'destination_regions[0]'),
    (dict(image_id='m-1', destination_regions=[{'region': 'cn-shanghai', 'name': 'acs:x'}]),
     'destination_regions[0].name'),
    (dict(image_id='m-1', destination_regions=['cn-shanghai'], kms_key_id='key-1'), 'kms_key_id'),
    (dict(image_id='m-1', destination_regions=['cn-shanghai'], image_family='9fam'), 'image_family'),
    (dict(image_id='m-1', destination_regions=['cn-shanghai'], tags={'aliyun:x': 'y'}), 'tags'),
    (dict(image_id='m-1', destination_regions=['cn-shanghai'], description='http://x'), 'description'),
    (dict(image_id='m-1', destination_regions=['cn-shanghai'], wait_timeout=-1), 'wait_timeout'),
])
def test_bad_input_fails_before_any_call(emulator, capsys, args, fragment):
    code, result, dummy = run(capsys, emulator.options(**args))
    assert code == 1 and fragment in result['msg'], result['msg']
    assert emulator.requests()['count'] == 0
