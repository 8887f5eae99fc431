# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Status changes of image tasks, poll by poll, for the ecs_task event source. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import chunks
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import RUNNING_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.times import creation_window

# CreationTime has minute precision and clocks differ: the window of new tasks reaches this far before the last poll.
WINDOW_MARGIN = datetime.timedelta(minutes=2)
# At the first poll, Waiting tasks (the API cannot filter them) are looked for this far back.
WAITING_LOOKBACK = datetime.timedelta(hours=24)


def floor_minute(moment):
    return moment.replace(second=0, microsecond=0)


class TaskWatcher:
    """Turns polls of DescribeTasks into one event per task per status change.

    It follows the unfinished tasks it knows by id (ceil(U/100) calls a poll) and finds new ones in a window on
    CreationTime that starts a margin before the previous poll (the pages of new tasks); a finished task costs
    nothing more. Tasks running when it starts are followed from the first poll, whatever their age. A poll changes
    the watcher's state only when every call of it succeeded, so a failed poll is simply done again."""

    def __init__(self, tasks, actions, region, task_ids=(), resource_ids=(), statuses=None, include_existing=False,
                 now=None):
        self.tasks = tasks
        self.actions = list(actions)
        self.region = region
        self.task_ids = list(task_ids)
        self.resource_ids = list(resource_ids)
        self.statuses = statuses
        self.include_existing = include_existing
        self._now = now or (lambda: datetime.datetime.now(datetime.timezone.utc))
        self.followed = {}  # unfinished tasks by id
        self.last_status = {}  # task id: the last status seen, for the tasks that can still be listed again
        self.window_start = None

    def poll(self):
        """The events of one poll, in order."""
        started = self._now()
        first = self.window_start is None
        seen, recent = self._first_poll(started) if first else self._next_poll()
        events = []
        last_status = dict(self.last_status)
        followed = dict(self.followed)
        for task in seen:
            previous = last_status.get(task['task_id'])
            running = task['task_status'] in RUNNING_STATUSES
            report = self.include_existing and running if first else task['task_status'] != previous
            if report and (self.statuses is None or task['task_status'] in self.statuses):
                events.append(self.event(task, previous))
            last_status[task['task_id']] = task['task_status']
            if running:
                followed[task['task_id']] = task
            else:
                followed.pop(task['task_id'], None)
        self.followed = followed
        # a status is kept while the task can be seen again: followed, or listed in the window of new tasks
        self.last_status = dict((task_id, status) for task_id, status in last_status.items()
                                if task_id in followed or task_id in recent
                                or (self.task_ids and task_id in self.task_ids))
        self.window_start = floor_minute(started) - WINDOW_MARGIN
        return events

    def event(self, task, previous):
        return {'ecs_task': dict(task_id=task['task_id'], task_action=task['task_action'],
                                 task_status=task['task_status'], previous_status=previous,
                                 resource_id=task['resource_id'], creation_time=task['creation_time'],
                                 finished_time=task['finished_time'], region=self.region)}

    def _wanted(self, task):
        return (task['task_action'] in self.actions and (not self.task_ids or task['task_id'] in self.task_ids)
                and (not self.resource_ids or task['resource_id'] in self.resource_ids))

    def _first_poll(self, started):
        """(tasks, ids that can be listed again): the tasks given by id; or the running ones whatever their age
        (Processing, as the API filters it) and every task of the last day (the Waiting ones among them, which the
        API cannot filter, and those of the first window)."""
        if self.task_ids:
            return self._by_ids(self.task_ids, self.actions), set()
        found = {}
        for action in self.actions:
            for batch in chunks(self.resource_ids):
                for task in self.tasks.describe_all(action, resource_ids=batch, task_status='Processing')[0]:
                    if task['task_status'] == 'Processing' and self._wanted(task):
                        found[task['task_id']] = task
        recent = self._created_since(started - WAITING_LOOKBACK)
        found.update((task['task_id'], task) for task in recent)
        return list(found.values()), set(task['task_id'] for task in recent)

    def _next_poll(self):
        current = self.tasks.refresh(list(self.followed.values()))  # by id, each in its own action
        found = dict((task_id, task) for task_id, task in current.items() if self._wanted(task))
        if self.task_ids:
            unknown = [task_id for task_id in self.task_ids if task_id not in self.last_status]
            found.update((task['task_id'], task) for task in self._by_ids(unknown, self.actions))
            return list(found.values()), set()
        recent = self._created_since(self.window_start)
        found.update((task['task_id'], task) for task in recent)
        return list(found.values()), set(task['task_id'] for task in recent)

    def _by_ids(self, task_ids, actions):
        """Tasks by id in each of `actions` (an id's action is not known before it is found); an id the API does not
        know yet is looked for again the next poll."""
        found = {}
        for action in actions:
            for batch in chunks(task_ids):
                if batch:
                    found.update((task['task_id'], task) for task in self.tasks.describe_all(action, task_ids=batch)[0]
                                 if task['task_id'] in batch and self._wanted(task))
        return list(found.values())

    def _created_since(self, moment):
        """Tasks created at `moment` or later; the API may ignore StartTime, so their times are checked here."""
        found = []
        for action in self.actions:
            for batch in chunks(self.resource_ids):
                for task in self.tasks.describe_all(action, resource_ids=batch, start_time=moment)[0]:
                    window = creation_window(task['creation_time'])
                    if self._wanted(task) and window is not None and window[1] >= moment:
                        found.append(task)
        return found
