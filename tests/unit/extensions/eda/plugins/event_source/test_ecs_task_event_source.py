# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The ecs_task event source's main() with a list-backed queue against the in-process emulator (named apart from the
lookup's test_ecs_task.py: pytest keys test modules by file name)."""

from __future__ import absolute_import, division, print_function

import asyncio
import logging
import time

import pytest

from ansible_collections.alicloud_ops.ecs.extensions.eda.plugins.event_source import ecs_task
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import SECRET


class ListQueue:
    def __init__(self):
        self.events = []

    async def put(self, event):
        self.events.append(event)


def source_args(emulator, **extra):
    args = dict(access_key='emulator-access-key', secret_key=SECRET, region='cn-hangzhou', endpoint=emulator.url,
                interval=0.05, max_retries=0)
    args.update(extra)
    return args


def run_until(queue, args, done, seconds=30, sleeps=None):
    """Run main() until done(queue) or `seconds`, then cancel it; sleeps collects the waits it asked for."""
    async def recorded_sleep(delay):
        if sleeps is not None:
            sleeps.append(delay)
        await asyncio.sleep(min(delay, 0.05))

    async def scenario():
        task = asyncio.ensure_future(ecs_task.main(queue, args, sleep=recorded_sleep))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not done(queue) and loop.time() < deadline and not task.done():
            await asyncio.sleep(0.02)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
    asyncio.run(scenario())


def test_events_reach_the_queue_once_each(emulator):
    running, = emulator.seed({'status': 'Processing', 'age_seconds': 300})
    queue = ListQueue()
    state = {'driven': False}
    sleeps = []

    def done(q):
        if not state['driven'] and sleeps:  # the first poll has ended (it saw the task running): finish it now
            emulator.control('POST', 'tasks/' + running, {'status': 'Finished'})
            state['driven'] = True
        return len(q.events) >= 1 and len(sleeps) >= 4
    run_until(queue, source_args(emulator), done, sleeps=sleeps)
    assert [(e['ecs_task']['task_id'], e['ecs_task']['task_status']) for e in queue.events] == [(running, 'Finished')]


def test_faults_do_not_end_the_source_which_backs_off_logs_without_secrets_and_goes_on(emulator, caplog):
    running, = emulator.seed({'status': 'Processing', 'age_seconds': 300})
    queue = ListQueue()
    sleeps = []
    emulator.fault(kind='error', code='Throttling.User', count=2)
    emulator.fault(kind='error', code='ServiceUnavailable', count=1)
    emulator.fault(kind='reset', count=1)
    emulator.fault(kind='non_json', count=1)

    def done(q):
        if len(sleeps) >= 6 and not q.events:  # the five failed polls and a good one are over
            emulator.control('POST', 'tasks/' + running, {'status': 'Failed'})
        return bool(q.events)
    with caplog.at_level(logging.INFO, logger='alicloud_ops.ecs.ecs_task'):
        run_until(queue, source_args(emulator), done, sleeps=sleeps)
    assert [e['ecs_task']['task_status'] for e in queue.events] == ['Failed']
    assert sleeps[:5] == [0.1, 0.2, 0.4, 0.8, 1.6]  # the backoff after each of the five failed polls
    messages = [r.getMessage() for r in caplog.records]
    assert sum('poll failed' in m for m in messages) == 5
    assert any('Throttling.User' in m for m in messages) and any('polling again' in m for m in messages)
    assert not any(SECRET in m for m in messages)


def test_expired_temporary_credentials_are_fetched_again(emulator):
    emulator.control('POST', 'config', {'sts_token_seconds': 1})
    emulator.control('POST', 'keys', {'id': 'source-key', 'secret': 'source-secret'})
    queue = ListQueue()
    task_id, = emulator.seed({'status': 'Processing', 'age_seconds': 60})
    args = source_args(emulator, access_key='source-key', secret_key='source-secret', interval=0.4,
                       assume_role={'role_arn': 'acs:ram::1:role/watcher', 'duration_seconds': 900},
                       sts_endpoint=emulator.url)
    started = time.monotonic()

    def done(q):
        if time.monotonic() - started > 2.5:  # past two lifetimes of the 1-second credentials
            emulator.control('POST', 'tasks/' + task_id, {'status': 'Finished'})
        return bool(q.events)
    run_until(queue, args, done, seconds=15)
    assert [e['ecs_task']['task_status'] for e in queue.events] == ['Finished']
    assert emulator.requests()['by_action']['AssumeRole'] >= 2


@pytest.mark.parametrize('args, name', [
    (dict(interval=-1), 'interval'),
    (dict(statuses='Done'), 'statuses'),
    (dict(task_action=['ImportImage', 'ArchiveSnapshot']), 'task_action'),
    (dict(unknown_option=1), 'unknown_option'),
    (dict(region=None), 'region'),
])
def test_bad_arguments_end_the_source_at_start_naming_the_argument(emulator, args, name, monkeypatch):
    for variable in ('ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION'):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv('HOME', '/nonexistent')  # no aliyun CLI profile with a region
    with pytest.raises(ValueError) as refused:
        asyncio.run(ecs_task.main(ListQueue(), source_args(emulator, **args)))
    assert str(refused.value).startswith('alicloud_ops.ecs.ecs_task: %s: ' % name)
    assert emulator.requests()['count'] == 0
