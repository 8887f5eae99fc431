# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The action plugin of long runs, with the module runs it asks for recorded and answered by a script."""

from __future__ import absolute_import, division, print_function

from unittest.mock import MagicMock

import pytest

from ansible.errors import AnsibleConnectionFailure
from ansible_collections.alicloud_ops.ecs.plugins.action.oss_object import ActionModule as OssObjectAction
from ansible_collections.alicloud_ops.ecs.plugins.action.ecs_image_import import ActionModule as ImageImportAction
from ansible_collections.alicloud_ops.ecs.plugins.plugin_utils import _progress_action as progress_action

JOB = {'changed': True, 'parts_sent': 3, 'ansible_job_id': 'j1.2', 'results_file': '/a/j1.2', 'started': False,
       'finished': True, 'stderr': '', 'invocation': {'module_args': {'bucket': 'b', '_progress_file': '/a/p.json'}}}
RECORD = dict(kind='transfer', direction='upload', bytes_done=1 << 20, bytes_total=3 << 20, parts_done=1,
              parts_total=3, bytes_reused=0, parts_reused=0, at=10.0, started=8.0)


def action(args, plugin=OssObjectAction, answers=(), async_val=0, check_mode=False, no_log=False):
    task = MagicMock(args=dict(args), async_val=async_val, check_mode=check_mode, delegate_to=None,
                     action='alicloud_ops.ecs.oss_object')
    connection = MagicMock()
    connection._shell.tmpdir = None
    connection._shell.join_path = lambda *parts: '/'.join(parts)
    plugin = plugin(task, connection, MagicMock(no_log=no_log), MagicMock(), MagicMock(), MagicMock())
    plugin.calls = []
    script = list(answers)

    def execute_module(module_name=None, module_args=None, task_vars=None, wrap_async=False):
        plugin.calls.append((module_name, dict(module_args or task.args), wrap_async, task.async_val))
        answer = script.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return dict(answer)
    plugin._execute_module = execute_module
    plugin.get_shell_option = lambda name, default=None: default
    plugin._remove_tmp_path = lambda path: None
    return plugin


@pytest.fixture
def printed(monkeypatch):
    lines = []
    monkeypatch.setattr(progress_action.display, 'display', lines.append)
    monkeypatch.setattr(progress_action.time, 'sleep', lambda seconds: None)
    return lines


UPLOAD = dict(bucket='b', object='k', src='/f', progress_interval=2)
STARTED = {'started': True, 'finished': False, 'ansible_job_id': 'j1.2', 'results_file': '/home/u/.ansible_async/j1.2'}


def test_a_long_run_starts_in_the_background_prints_each_poll_and_returns_the_plain_result(printed):
    plugin = action(UPLOAD, answers=[STARTED, {'finished': False, 'progress': RECORD}, {'finished': False},
                                     {'finished': False, 'progress': dict(RECORD, bytes_done=2 << 20)}, JOB])
    result = plugin.run(task_vars={'inventory_hostname': 'h1'})
    start, polls = plugin.calls[0], plugin.calls[1:]
    progress_file = start[1]['_progress_file']
    assert start[0] is None and start[2] is True and start[3] == progress_action.TIME_LIMIT
    assert progress_file.startswith('~/.ansible_async/alicloud_ops.ecs-progress-')  # expanded where the module runs
    assert all(p[:3] == (progress_action.POLL_MODULE, dict(results_file=STARTED['results_file'],
                                                           progress_file=progress_file, wait=2), False) for p in polls)
    assert plugin._task.async_val == 0
    assert result == {'changed': True, 'parts_sent': 3, 'invocation': {'module_args': {'bucket': 'b'}}}
    assert printed == ['[h1] oss_object: upload oss://b/k: 1.0 MiB of 3.0 MiB (33%), 512.0 KiB/s, 4s left, parts 1/3',
                       printed[1]]
    assert printed[1].startswith('[h1] oss_object: upload oss://b/k: 2.0 MiB of 3.0 MiB (66%), ')


@pytest.mark.parametrize('args, async_val, check_mode', [
    (dict(UPLOAD, progress_interval=0), 0, False),
    (UPLOAD, 60, False),
    (UPLOAD, 0, True),
    (dict(UPLOAD, state='absent'), 0, False),
])
def test_short_runs_the_lines_off_check_mode_and_the_users_async_run_the_plain_module(printed, args, async_val,
                                                                                      check_mode):
    plugin = action(args, answers=[{'changed': False}], async_val=async_val, check_mode=check_mode)
    assert plugin.run(task_vars={}) == {'changed': False}
    assert [(c[0], c[2]) for c in plugin.calls] == [(None, async_val)] and printed == []
    assert '_progress_file' not in plugin.calls[0][1]


@pytest.mark.parametrize('value', [-1, 'soon', 1.5, True])
def test_a_bad_interval_fails_naming_the_option_before_any_module_runs(value):
    plugin = action(dict(UPLOAD, progress_interval=value))
    result = plugin.run(task_vars={})
    assert result['failed'] and result['msg'].startswith('progress_interval: expected a whole number of seconds')
    assert plugin.calls == []


def test_an_image_module_waits_in_the_background_only_with_wait_and_state_present(printed):
    args = dict(name='img', wait=True, progress_interval=1)
    assert ImageImportAction.long_running(action(args, plugin=ImageImportAction), args)
    for other in (dict(args, wait=False), dict(args, state='absent')):
        assert not ImageImportAction.long_running(action(other, plugin=ImageImportAction), other)
    assert not ImageImportAction.long_running(action(args, plugin=ImageImportAction, check_mode=True), args)


def test_a_lost_poll_is_tried_again_and_then_the_run_is_told_to_stop(printed):
    lost = AnsibleConnectionFailure('gone')
    plugin = action(UPLOAD, answers=[STARTED, lost, {'finished': False}, lost, lost, lost, {'finished': False}])
    with pytest.raises(AnsibleConnectionFailure):
        plugin.run(task_vars={})
    assert plugin.calls[-1][1] == dict(results_file=STARTED['results_file'], progress_file=plugin.calls[0][1][
        '_progress_file'], cleanup=True)
    assert len(plugin.calls) == 7


def test_a_failed_start_is_returned_as_it_is(printed):
    plugin = action(UPLOAD, answers=[{'failed': True, 'msg': 'module not found'}])
    assert plugin.run(task_vars={}) == {'failed': True, 'msg': 'module not found'}


def test_with_no_log_and_delegate_to_the_line_names_the_hosts_but_not_the_object(printed):
    plugin = action(UPLOAD, answers=[STARTED, {'finished': False, 'progress': RECORD}, JOB], no_log=True)
    plugin._task.delegate_to = 'h2'
    plugin.run(task_vars={'inventory_hostname': 'h1'})
    assert printed == ['[h1 -> h2] oss_object: upload: 1.0 MiB of 3.0 MiB (33%), 512.0 KiB/s, 4s left, parts 1/3']


def test_a_failed_poll_tells_the_run_to_stop_and_fails_the_task(printed):
    plugin = action(UPLOAD, answers=[STARTED, {'failed': True, 'msg': 'poll broke'}, {'finished': False}])
    assert plugin.run(task_vars={}) == {'failed': True, 'msg': 'poll broke'}
    assert plugin.calls[-1][1]['cleanup'] is True
