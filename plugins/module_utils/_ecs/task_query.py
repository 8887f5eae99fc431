# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The DescribeTasks filters of ecs_task_info and the ecs_task lookup, checked before any API call.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import MAX_IDS_PER_CALL, MAX_PAGE_SIZE
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import id_list
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import IMAGE_TASK_ACTIONS
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.times import api_time, creation_window, parse_time


def unknown_ids_message(task_action, missing):
    return 'unknown task ids (not found for task action %s): %s' % (
        task_action or ' or '.join(IMAGE_TASK_ACTIONS), ', '.join(missing))


class TaskQuery:
    """DescribeTasks filters, checked before any API call."""

    def __init__(self, task_action=None, task_ids=None, resource_ids=None, task_status=None, start_time=None,
                 end_time=None, page_number=None, page_size=None):
        self.actions = [task_action] if task_action else list(IMAGE_TASK_ACTIONS)
        self.task_action = task_action
        self.task_ids = id_list(task_ids, 'task_ids') if task_ids is not None else []
        self.resource_ids = id_list(resource_ids, 'resource_ids') if resource_ids is not None else []
        self.task_status = task_status
        self.start_time = parse_time(start_time, 'start_time') if start_time else None
        self.end_time = parse_time(end_time, 'end_time') if end_time else None
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise OptionError('end_time', 'must not be before start_time (%s < %s)'
                              % (api_time(self.end_time), api_time(self.start_time)))
        if page_size is not None and not 1 <= page_size <= MAX_PAGE_SIZE:
            raise OptionError('page_size', 'expected 1 to %d, got %s' % (MAX_PAGE_SIZE, page_size))
        if page_number is not None:
            if page_number < 1:
                raise OptionError('page_number', 'expected 1 or more, got %s' % page_number)
            if not task_action:
                raise OptionError('page_number', 'pages are counted per task action: set task_action too')
            if len(self.task_ids) > MAX_IDS_PER_CALL or len(self.resource_ids) > MAX_IDS_PER_CALL:
                raise OptionError('page_number', 'a single page cannot hold more than %d task_ids or resource_ids'
                                  % MAX_IDS_PER_CALL)
        self.page_number = page_number
        self.page_size = page_size or MAX_PAGE_SIZE

    @classmethod
    def from_options(cls, options):
        return cls(**dict((name, options.get(name)) for name in (
            'task_action', 'task_ids', 'resource_ids', 'task_status', 'start_time', 'end_time', 'page_number',
            'page_size')))

    def matches(self, task):
        """Whether a task the API returned holds every filter: the API ignores some of them (statuses other
        than Finished, Processing and Failed, and older API versions more), so its answer is checked."""
        if task['task_action'] not in self.actions:
            return False
        if self.task_ids and task['task_id'] not in self.task_ids:
            return False
        if self.resource_ids and task['resource_id'] not in self.resource_ids:
            return False
        if self.task_status and task['task_status'] != self.task_status:
            return False
        if self.start_time or self.end_time:
            created = creation_window(task['creation_time'])
            if created is None:
                return False
            earliest, latest = created
            if (self.start_time and latest < self.start_time) or (self.end_time and earliest > self.end_time):
                return False
        return True
