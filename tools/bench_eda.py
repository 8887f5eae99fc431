#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Event source rows of make bench: detection latency from a task finishing to its event, and DescribeTasks calls a
poll at 10, 150 and 1,000 followed tasks, against the emulator (its own process)."""

import asyncio
import importlib
import time

INTERVAL = 1.0
KEY, SECRET, REGION = 'emulator-access-key', 'emulator-secret', 'cn-hangzhou'


def source_module():
    return importlib.import_module('ansible_collections.alicloud_ops.ecs.extensions.eda.plugins.event_source.ecs_task')


def calls_per_poll(emulator):
    source = source_module()
    rows = []
    for count in (10, 150, 1000):
        emulator.reset()
        emulator.seed(count, status='Processing', age_seconds=7200)
        watcher, dummy = source.watcher_for(dict(access_key=KEY, secret_key=SECRET, region=REGION,
                                                 endpoint=emulator.url), environ={})
        watcher.poll()
        emulator.clear_log()
        watcher.poll()
        calls = emulator.calls('DescribeTasks')
        budget = -(-count // 100) + 2  # the followed imports by id, and a page of new tasks for each of the 2 actions
        rows.append(('event source, one poll following %d running imports: DescribeTasks calls' % count, calls,
                     'at most %d (ceil(U/100) + a page of new tasks a task action)' % budget, calls <= budget))
    return rows


def detection_latency(emulator):
    """The worst of three: a task driven to Finished at three points of the poll cycle, to its event."""
    source = source_module()
    emulator.reset()
    task_ids = emulator.seed(3, status='Processing', age_seconds=600)
    latencies = []

    class TimedQueue:
        async def put(self, event):
            latencies.append(time.monotonic() - marked[event['ecs_task']['task_id']])

    marked = {}

    async def scenario():
        args = dict(access_key=KEY, secret_key=SECRET, region=REGION, endpoint=emulator.url, interval=INTERVAL,
                    statuses=['Finished'])
        running = asyncio.ensure_future(source.main(TimedQueue(), args))
        await asyncio.sleep(INTERVAL * 1.5)
        for number, task_id in enumerate(task_ids):
            await asyncio.sleep(INTERVAL * (0.3 + number * 0.35))
            emulator.control('POST', 'tasks/' + task_id, {'status': 'Finished'})
            marked[task_id] = time.monotonic()
            while len(latencies) <= number:
                await asyncio.sleep(0.01)
        running.cancel()
        try:
            await running
        except asyncio.CancelledError:
            pass
    asyncio.run(scenario())
    worst = max(latencies)
    return [('event source: detection latency at interval %g, worst of %s (s)'
             % (INTERVAL, ', '.join('%.2f' % v for v in latencies)), worst,
             'at most %g (interval + 1)' % (INTERVAL + 1), worst <= INTERVAL + 1)]


def rows(emulator):
    return calls_per_poll(emulator) + detection_latency(emulator)
