# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Event source alicloud_ops.ecs.ecs_task: an event each time an ECS image task changes status."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ecs_task
short_description: An event each time an Alibaba Cloud ECS image import or export changes status
version_added: 0.3.0
description:
  - An event source for Event-Driven Ansible (ansible-rulebook). It polls the ECS API action C(DescribeTasks) every
    O(interval) seconds and puts one event on the queue per task per status change, so that a rulebook can launch
    the fleet when an import finishes, open a ticket when one fails, or copy a finished export, without a play
    waiting for hours.
  - "Events are shaped C({ecs_task: {task_id, task_action, task_status, previous_status, resource_id, creation_time,
    finished_time, region}}). No event is put twice; a task that starts and finishes between two polls still gives its
    final status."
  - It follows the unfinished tasks it knows by id, ceil(U/100) calls a poll for U tasks, and finds new ones in a
    window on C(CreationTime) that starts two minutes before the previous poll (C(CreationTime) has minute
    precision), one call a page; a finished task costs nothing more.
  - Tasks already running when it starts are followed from its first poll, whatever their age (C(Processing) ones
    through the API's filter, C(Waiting) ones of the last day), so a rulebook restarted in the middle of a long
    import still gets its C(Finished).
  - Throttling, server errors, a network outage or expired temporary credentials do not end it (returning would
    end the whole rulebook). It logs the fault without secrets, waits longer each time (up to 5 minutes), refreshes
    temporary credentials and goes on; the next good poll sees what happened meanwhile.
  - Bad arguments are refused at start, naming the argument.
  - Takes the connection options of the collection's modules, with the same environment variables
    (E(ALIBABA_CLOUD_ACCESS_KEY_ID), E(ALIBABA_CLOUD_REGION_ID) and the rest), profiles, ECS RAM role and assumed
    role.
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  task_action:
    description: V(ImportImage), V(ExportImage), or a list of both.
    type: list
    elements: str
    default: [ImportImage, ExportImage]
  task_ids:
    description: Only these tasks.
    type: list
    elements: str
  resource_ids:
    description: Only the tasks of these images.
    type: list
    elements: str
  statuses:
    description:
      - The statuses that produce events, such as V([Finished, Failed]); when not set, every change.
    type: list
    elements: str
    choices: [Finished, Processing, Failed, Waiting, Deleted, Paused]
  interval:
    description: Seconds between polls.
    type: float
    default: 30
  include_existing:
    description:
      - Put an event for the state of each task running at start (with a null C(previous_status)), before any
        change.
    type: bool
    default: false
extends_documentation_fragment:
  - alicloud_ops.ecs.connection
'''

EXAMPLES = r'''
- name: React to image tasks
  hosts: localhost
  sources:
    - alicloud_ops.ecs.ecs_task:
        region: cn-hangzhou
        statuses: [Finished, Failed]
        interval: 30
  rules:
    - name: An import finished
      condition: event.ecs_task.task_action == "ImportImage" and event.ecs_task.task_status == "Finished"
      action:
        run_playbook:
          name: launch_fleet.yml
          extra_vars:
            image_id: "{{ event.ecs_task.resource_id }}"
    - name: A task failed
      condition: event.ecs_task.task_status == "Failed"
      action:
        run_playbook:
          name: open_ticket.yml
'''

import asyncio
import logging
import os
import sys


def _importable_collection():
    """ansible-rulebook loads this file with runpy, without the collections root on sys.path: put the root that
    holds this collection there, so that the collection's own client is imported, not copied."""
    try:
        import ansible_collections.alicloud_ops.ecs.plugins.module_utils  # noqa: F401 pylint: disable=unused-import
    except ImportError:
        here = os.path.dirname(os.path.abspath(__file__))
        sys.path.insert(0, os.path.abspath(os.path.join(here, *([os.pardir] * 7))))


_importable_collection()

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.task_watch import TaskWatcher  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.tasks import TaskService  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_task_events import (  # noqa: E402  pylint: disable=wrong-import-position
    backoff, source_options)

logger = logging.getLogger('alicloud_ops.ecs.ecs_task')


def watcher_for(args, environ=None):
    """The watcher and the options of the source's arguments; raises ValueError naming a bad argument."""
    try:
        options = source_options(args, environ)
        client = ecs_client(options)
    except OptionError as error:
        raise ValueError('alicloud_ops.ecs.ecs_task: %s' % error)
    watcher = TaskWatcher(TaskService(client), options['task_action'], client.region, options['task_ids'],
                          options['resource_ids'], options['statuses'], options['include_existing'])
    return watcher, options


async def main(queue, args, sleep=asyncio.sleep):
    """Put an event on the queue for each status change, until cancelled; never returns on a fault."""
    watcher, options = watcher_for(args)
    failures = 0
    loop = asyncio.get_running_loop()
    while True:
        try:
            events = await loop.run_in_executor(None, watcher.poll)
        except Exception as error:  # pylint: disable=broad-exception-caught  # returning would end the rulebook
            failures += 1
            wait = backoff(options['interval'], failures)
            logger.warning('alicloud_ops.ecs.ecs_task: poll failed (%d in a row), next in %.0f s: %s',
                           failures, wait, error if isinstance(error, ApiError) else error.__class__.__name__)
            credentials = watcher.tasks.client.credentials
            if credentials.refreshable:
                credentials.invalidate()
            await sleep(wait)
            continue
        if failures:
            logger.info('alicloud_ops.ecs.ecs_task: polling again after %d failed polls', failures)
        failures = 0
        for event in events:
            await queue.put(event)
            await asyncio.sleep(0)
        await sleep(options['interval'])


if __name__ == '__main__':
    class PrintQueue:
        async def put(self, event):
            print(event)

    asyncio.run(main(PrintQueue(), dict(interval=5)))
