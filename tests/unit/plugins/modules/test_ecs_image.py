# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.modules import ecs_image
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import run_module


def run(capsys, args):
    return run_module(ecs_image.main, capsys, args)


def test_returns_the_documented_keys_and_a_diff(emulator, capsys):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'}]})
    code, result, output = run(capsys, dict(emulator.options(name='golden', image_family='web',
                                                             launch_permissions=['1001']), _ansible_diff=True))
    assert code == 0 and result['changed'] is True
    assert set(result) >= {'image_id', 'image', 'launch_permissions', 'diff', 'elapsed', 'request_ids'}
    assert result['diff']['before']['image_family'] is None and result['diff']['after']['image_family'] == 'web'
    assert result['diff']['after']['launch_permissions'] == ['1001']
    assert 'emulator-secret' not in output


@pytest.mark.parametrize('args, fragment', [
    (dict(), 'one of the following is required'),
    (dict(name='acs:golden'), 'name: expected 2 to 128'),
    (dict(name='golden', image_family=''), 'image_family: a family cannot be removed'),
    (dict(name='golden', launch_permissions=['12ab']), 'launch_permissions: expected Alibaba Cloud account ids'),
    (dict(name='golden', launch_permissions=[str(n) for n in range(51)]), 'launch_permissions: an image is shared'),
    (dict(name='golden', deprecated=True, launch_permissions=['1001']), 'deprecated:'),
    (dict(name='golden', tags={'acs:x': 'y'}), 'tags:'),
    (dict(name='golden', description='x'), 'description:'),
])
def test_bad_input_fails_before_any_call(emulator, capsys, args, fragment):
    code, result, dummy = run(capsys, emulator.options(**args))
    assert code == 1 and fragment in result['msg'], result['msg']
    assert emulator.requests()['count'] == 0
