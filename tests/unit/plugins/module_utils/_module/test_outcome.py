# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""How a runner's work becomes the outcome a module or the lookup reports."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module, run_work


class Client:
    request_ids = ['R-1', 'R-2']


class Clock:
    def __init__(self):
        self.now = 10.0

    def __call__(self):
        self.now += 1.25
        return self.now


def run(work, options=None):
    return run_work(options or {}, dict(changed=False), work, clock=Clock(), make_client=lambda options: Client())


def test_a_success_reports_elapsed_and_the_request_ids_of_its_calls():
    outcome = run(lambda client, result: result.update(changed=True))
    assert not outcome.failed
    assert outcome.result == dict(changed=True, elapsed=1.25, request_ids=['R-1', 'R-2'])


@pytest.mark.parametrize('failure, extra', [
    (OptionError('region', 'required'), {}),
    (WorkFailed('timed out', polls=4), {'polls': 4}),
    (ApiError('Forbidden.RAM', 'no', http_status=403, request_id='R-9'),
     {'error': dict(code='Forbidden.RAM', message='no', request_id='R-9', recommend=None, http_status=403,
                    host_id=None, permission=None)}),
])
def test_an_expected_failure_is_an_outcome_with_its_keys_never_an_exception(failure, extra):
    def work(client, result):
        raise failure
    outcome = run(work)
    assert outcome.failed and outcome.message == str(failure) and outcome.exception is failure
    assert outcome.result == dict(changed=False, elapsed=1.25, request_ids=['R-1', 'R-2'], **extra)


def test_bad_options_fail_before_any_client_is_made():
    def make_client(options):
        raise OptionError('http_timeout', 'expected a positive number of seconds, got -1')
    outcome = run_work({}, {}, lambda client, result: pytest.fail('no work without a client'), clock=Clock(),
                       make_client=make_client)
    assert outcome.message.startswith('http_timeout: ') and outcome.result['request_ids'] == []


def test_plain_http_to_another_host_is_warned_on_success_and_failure():
    outcome = run(lambda client, result: None, {'endpoint': 'http://ecs.example.com'})
    assert len(outcome.warnings) == 1 and 'endpoint is plain http://' in outcome.warnings[0]


class Module:
    def __init__(self):
        self.calls = []

    def warn(self, text):
        self.calls.append(('warn', text))

    def fail_json(self, **result):
        self.calls.append(('fail_json', result))
        raise SystemExit(1)

    def exit_json(self, **result):
        self.calls.append(('exit_json', result))
        raise SystemExit(0)


def test_exit_module_warns_first_then_fails_or_exits():
    module = Module()

    def failing(client, result):
        raise WorkFailed('timed out')
    with pytest.raises(SystemExit):
        exit_module(module, run(failing, {'endpoint': 'http://ecs.example.com'}))
    assert [name for name, dummy in module.calls] == ['warn', 'fail_json']
    assert module.calls[1][1]['msg'] == 'timed out'
