# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import progress_percent
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.task_query import TaskQuery
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.times import api_time, parse_time
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.tasks import raw_tasks, task_record


@pytest.mark.parametrize('given, expected', [
    ('2026-11-29T08:30Z', '2026-11-29T08:30Z'),
    ('2026-11-29T08:30:00Z', '2026-11-29T08:30Z'),
    ('2026-11-29T08:30:15Z', '2026-11-29T08:30:15Z'),
    ('2026-11-29T16:30+08:00', '2026-11-29T08:30Z'),
    ('2026-11-29T03:30:15-0500', '2026-11-29T08:30:15Z'),
    ('2026-11-29 08:30', '2026-11-29T08:30Z'),
    ('2026-11-30T01:00+09:30', '2026-11-29T15:30Z'),
])
def test_times_are_sent_in_utc_in_the_documented_form(given, expected):
    assert api_time(parse_time(given, 'start_time')) == expected


@pytest.mark.parametrize('bad', ['yesterday', '2026-11-29', '2026-13-01T00:00Z', '2026-11-29T08:30+8', '1700000000'])
def test_unparseable_times_name_the_option_and_the_form(bad):
    with pytest.raises(OptionError, match=r'^start_time: .*ISO 8601.*2026-11-29T08:30Z|^start_time: not a valid time'):
        TaskQuery(start_time=bad)


def test_end_before_start_is_refused():
    with pytest.raises(OptionError, match='^end_time: must not be before start_time'):
        TaskQuery(start_time='2026-11-29T10:00Z', end_time='2026-11-29T17:00+08:00')


@pytest.mark.parametrize('kwargs, option', [
    (dict(task_ids=[]), 'task_ids'),
    (dict(task_ids=['t-1', '']), 'task_ids'),
    (dict(task_ids='t-1,,t-2'), 'task_ids'),
    (dict(resource_ids=[' ']), 'resource_ids'),
    (dict(page_size=0), 'page_size'),
    (dict(page_size=101), 'page_size'),
    (dict(page_number=0, task_action='ImportImage'), 'page_number'),
    (dict(page_number=1), 'page_number'),
    (dict(page_number=1, task_action='ImportImage', task_ids=['t-%d' % i for i in range(101)]), 'page_number'),
])
def test_bad_filters_name_the_option(kwargs, option):
    with pytest.raises(OptionError, match='^%s: ' % option):
        TaskQuery(**kwargs)


def test_ids_from_a_comma_separated_string_are_stripped_and_deduplicated():
    assert TaskQuery(task_ids=' t-1, t-2,t-1').task_ids == ['t-1', 't-2']


def test_task_records_tolerate_the_shapes_seen_in_the_wild():
    answer = {'TaskSet': [{'Task': [{'TaskId': 't-1', 'TaskAction': 'IMPORT_IMAGE', 'TaskStatus': 'Processing',
                                     'SupportCancel': 'true', 'CreationTime': '2015-11-24T12:50Z',
                                     'FinishedTime': ''}]}]}
    task = task_record(raw_tasks(answer)[0])
    assert task == dict(task_id='t-1', task_action='ImportImage', task_status='Processing', support_cancel=True,
                        creation_time='2015-11-24T12:50Z', finished_time=None, resource_id=None)
    single = {'TaskSet': {'Task': {'TaskId': 't-2', 'SupportCancel': False}}}
    assert task_record(raw_tasks(single)[0])['support_cancel'] is False
    assert raw_tasks({'TaskSet': {}}) == [] and raw_tasks({}) == []


@pytest.mark.parametrize('given, expected', [('50%', 50), ('100%', 100), ('7.5%', 7), ('', None), (None, None),
                                             (45, 45), (0, 0), ('0%', 0), (12.5, 12), ('n/a', None)])
def test_progress_percent(given, expected):
    assert progress_percent(given) == expected
