# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""DescribeTasks filters of the module and the lookup, checked before any API call, and the times they hold.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import MAX_IDS_PER_CALL, MAX_PAGE_SIZE, id_list
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError

TASK_ACTIONS = ('ImportImage', 'ExportImage', 'RedeployInstance', 'ModifyDiskSpec', 'ArchiveSnapshot')
IMAGE_TASK_ACTIONS = ('ImportImage', 'ExportImage')
TASK_STATUSES = ('Finished', 'Processing', 'Failed', 'Waiting', 'Deleted', 'Paused')
# The only TaskStatus values the API filters by; it ignores the others and answers tasks in every state.
API_FILTERED_STATUSES = ('Finished', 'Processing', 'Failed')
FAILED_STATUSES = ('Failed', 'Deleted')
RUNNING_STATUSES = ('Waiting', 'Processing')

_TIME = re.compile(r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$', re.I)
_UTC = datetime.timezone.utc


def task_query_argument_spec():
    """Argument spec of the DescribeTasks filters, for AnsibleModule."""
    return dict(
        task_action=dict(type='str', choices=list(TASK_ACTIONS)),
        task_ids=dict(type='list', elements='str'),
        resource_ids=dict(type='list', elements='str'),
        task_status=dict(type='str', choices=list(TASK_STATUSES)),
        start_time=dict(type='str'),
        end_time=dict(type='str'),
    )


def wait_argument_spec():
    return dict(
        wait=dict(type='bool', default=False),
        wait_timeout=dict(type='float', default=3600),
        poll_interval=dict(type='float', default=10),
        progress=dict(type='bool', default=False),
        progress_round=dict(type='int', default=0),
    )


def parse_time(value, option):
    """An aware UTC datetime from ISO 8601 with or without seconds, Z or an offset (none means UTC)."""
    match = _TIME.match(value.strip())
    if not match:
        raise OptionError(option, 'expected an ISO 8601 time such as 2026-11-29T08:30Z, 2026-11-29T08:30:00Z or '
                                  '2026-11-29T16:30+08:00, got %r' % value)
    year, month, day, hour, minute, second, zone = match.groups()
    offset = datetime.timedelta(0)
    if zone and zone.upper() != 'Z':
        digits = zone[1:].replace(':', '')
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == '-' else offset
    try:
        local = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                  tzinfo=datetime.timezone(offset))
    except ValueError as exc:
        raise OptionError(option, 'not a valid time: %r (%s)' % (value, exc))
    return local.astimezone(_UTC)


def api_time(moment):
    """UTC time as the API documents it: YYYY-MM-DDThh:mmZ, with seconds only when they are not zero."""
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ' if moment.second else '%Y-%m-%dT%H:%MZ')


def creation_window(value):
    """(earliest, latest) moment a creation time such as 2015-11-24T12:50Z can stand for: the API shows some
    times without seconds, so such a time stands for its whole minute. None when it is not a time."""
    try:
        moment = parse_time(value or '', 'creation_time')
    except OptionError:
        return None
    has_seconds = re.search(r'T\d{2}:\d{2}:\d{2}', value)
    return moment, moment + datetime.timedelta(seconds=0 if has_seconds else 59)


def newest_first(items):
    """Tasks or images, newest first by their creation_time (those without one last)."""
    def key(task):
        try:
            return parse_time(task['creation_time'], 'creation_time')
        except (OptionError, AttributeError):
            return datetime.datetime.min.replace(tzinfo=_UTC)
    return sorted(items, key=key, reverse=True)


def check_wait_options(options):
    for name in ('wait_timeout', 'poll_interval'):
        if options.get(name) is not None and options[name] < 0:
            raise OptionError(name, 'expected 0 or more seconds, got %s' % options[name])
    if options.get('wait') and options.get('page_number'):
        raise OptionError('page_number', 'cannot be used with wait: a wait follows every matching task')


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
