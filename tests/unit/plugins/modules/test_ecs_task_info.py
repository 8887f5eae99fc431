# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.modules import ecs_task_info
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import run_module

SECRET = 'module-unit-secret-5e1f'


def run(capsys, args):
    return run_module(ecs_task_info.main, capsys, args)


def test_returns_the_documented_keys(emulator, capsys):
    task_id = emulator.seed({'task_action': 'ImportImage', 'status': 'Finished'})[0]
    code, result, dummy = run(capsys, emulator.options(task_ids=[task_id]))
    assert code == 0 and result['changed'] is False
    assert set(result) >= {'tasks', 'total_count', 'missing', 'elapsed', 'polls', 'request_ids'}
    assert set(result['tasks'][0]) == {'task_id', 'task_action', 'task_status', 'support_cancel', 'creation_time',
                                       'finished_time', 'resource_id'}


def test_check_mode_queries_the_same_and_changes_nothing(emulator, capsys):
    emulator.seed({'task_action': 'ImportImage'})
    code, result, dummy = run(capsys, dict(emulator.options(), _ansible_check_mode=True))
    assert code == 0 and result['changed'] is False and len(result['tasks']) == 1


def test_api_failure_carries_error_and_never_the_secret(emulator, capsys):
    code, result, output = run(capsys, emulator.options(region='xx-none-1'))
    assert code == 1 and result['failed']
    assert result['error']['code'] == 'InvalidRegionId.NotFound' and result['error']['request_id']
    assert 'emulator-secret' not in output


def test_wrong_secret_says_so(emulator, capsys):
    code, result, output = run(capsys, emulator.options(secret_key=SECRET))
    assert code == 1 and 'check secret_key' in result['msg'] and SECRET not in output


def test_environment_fallbacks_alibaba_cloud_names_win(emulator, capsys, monkeypatch):
    monkeypatch.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'emulator-access-key')
    monkeypatch.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'emulator-secret')
    monkeypatch.setenv('ALICLOUD_ACCESS_KEY', 'legacy-key')
    monkeypatch.setenv('ALICLOUD_SECRET_KEY', 'legacy-secret')
    monkeypatch.setenv('ALICLOUD_REGION', 'cn-shanghai')
    code, result, dummy = run(capsys, dict(endpoint=emulator.url))
    assert code == 0, result
    entry = emulator.requests()['requests'][0]
    assert entry['access_key_id'] == 'emulator-access-key'


def test_options_win_over_the_environment(emulator, capsys, monkeypatch):
    monkeypatch.setenv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'env-key')
    monkeypatch.setenv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'env-secret')
    code, result, dummy = run(capsys, emulator.options())
    assert code == 0 and emulator.requests()['requests'][0]['access_key_id'] == 'emulator-access-key'


@pytest.mark.parametrize('args, fragment', [
    (dict(task_action='Import'), 'task_action'),
    (dict(task_status='Running'), 'task_status'),
    (dict(page_size=500), 'page_size'),
    (dict(wait_timeout=-5), 'wait_timeout'),
    (dict(signature_version='v2'), 'signature_version'),
    (dict(start_time='tomorrow'), 'start_time'),
])
def test_bad_input_fails_before_any_call(emulator, capsys, args, fragment):
    code, result, dummy = run(capsys, emulator.options(**args))
    assert code == 1 and fragment in result['msg']
    assert emulator.requests()['count'] == 0


def test_plain_http_to_another_host_warns_and_loopback_stays_quiet(emulator, capsys, monkeypatch):
    # a lookup test run earlier in this process marks it as the controller, where warnings go to the display
    monkeypatch.setattr('ansible.module_utils._internal.is_controller', False, raising=False)
    emulator.seed({'task_action': 'ImportImage'})
    code, result, dummy = run(capsys, emulator.options())
    assert code == 0 and not result.get('warnings')
    # the emulator stands in as the HTTP proxy that takes the request to a remote endpoint
    monkeypatch.setenv('HTTP_PROXY', emulator.url)
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)
    code, result, output = run(capsys, emulator.options(endpoint='http://ecs.cn-hangzhou.aliyuncs.com'))
    assert code == 0 and len(result['tasks']) == 1
    assert len(result['warnings']) == 1 and 'travel in clear' in str(result['warnings'][0])
    assert 'emulator-secret' not in output
