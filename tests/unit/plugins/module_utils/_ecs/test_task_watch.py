# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""TaskWatcher against the in-process emulator: status changes, no duplicates, new tasks, old running tasks,
the cost of a poll, and the source's arguments."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.task_watch import TaskWatcher
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_task_events import backoff, source_options
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.tasks import TaskService


def watcher(emulator, max_retries=0, **kwargs):
    client = ecs_client(emulator.options(max_retries=max_retries))
    kwargs.setdefault('actions', ['ImportImage', 'ExportImage'])
    return TaskWatcher(TaskService(client), region=client.region, **kwargs)


def drive(emulator, task_id, status):
    emulator.control('POST', 'tasks/' + task_id, {'status': status})


def changes(events):
    return [(e['ecs_task']['task_id'], e['ecs_task']['previous_status'], e['ecs_task']['task_status'])
            for e in events]


def test_one_event_per_change_and_none_twice(emulator):
    running, = emulator.seed({'status': 'Processing', 'age_seconds': 600})
    watch = watcher(emulator)
    assert watch.poll() == []
    assert watch.poll() == []
    drive(emulator, running, 'Finished')
    events = watch.poll()
    assert changes(events) == [(running, 'Processing', 'Finished')]
    event = events[0]['ecs_task']
    assert set(event) == {'task_id', 'task_action', 'task_status', 'previous_status', 'resource_id', 'creation_time',
                          'finished_time', 'region'} and event['region'] == 'cn-hangzhou'
    assert watch.poll() == [] and watch.poll() == []


def test_new_tasks_appear_and_one_that_started_and_finished_between_polls_gives_its_final_status(emulator):
    watch = watcher(emulator)
    assert watch.poll() == []
    quick, = emulator.seed({'status': 'Finished'})
    slow, = emulator.seed({'status': 'Waiting', 'task_action': 'ExportImage'})
    assert sorted(changes(watch.poll())) == sorted([(quick, None, 'Finished'), (slow, None, 'Waiting')])
    drive(emulator, slow, 'Processing')
    assert changes(watch.poll()) == [(slow, 'Waiting', 'Processing')]
    drive(emulator, slow, 'Failed')
    assert changes(watch.poll()) == [(slow, 'Processing', 'Failed')]
    assert watch.poll() == []


def test_tasks_running_at_start_are_followed_whatever_their_age_and_finished_ones_are_not_reported(emulator):
    old, = emulator.seed({'status': 'Processing', 'age_seconds': 30 * 86400})
    waiting, = emulator.seed({'status': 'Waiting', 'age_seconds': 3600})
    done, = emulator.seed({'status': 'Finished', 'age_seconds': 30})
    watch = watcher(emulator)
    assert watch.poll() == []
    assert set(watch.followed) == {old, waiting}
    drive(emulator, old, 'Finished')
    drive(emulator, waiting, 'Processing')
    assert sorted(changes(watch.poll())) == sorted([(old, 'Processing', 'Finished'), (waiting, 'Waiting', 'Processing')])
    assert done not in [c[0] for c in changes(watch.poll())]


def test_include_existing_reports_the_running_tasks_once_at_start(emulator):
    old, = emulator.seed({'status': 'Processing', 'age_seconds': 86400 * 3})
    emulator.seed({'status': 'Finished', 'age_seconds': 30})
    watch = watcher(emulator, include_existing=True)
    assert changes(watch.poll()) == [(old, None, 'Processing')]
    assert watch.poll() == []


def test_statuses_task_ids_resource_ids_and_actions_filter_the_events(emulator):
    first, second = emulator.seed({'status': 'Processing', 'resource_id': 'm-a'},
                                  {'status': 'Processing', 'resource_id': 'm-b'})
    export, = emulator.seed({'status': 'Processing', 'task_action': 'ExportImage', 'resource_id': 'm-a'})
    only_finished = watcher(emulator, statuses=['Finished', 'Failed'])
    by_id = watcher(emulator, task_ids=[second])
    by_image = watcher(emulator, resource_ids=['m-a'], actions=['ImportImage'])
    for watch in (only_finished, by_id, by_image):
        watch.poll()
    for task_id in (first, second, export):
        drive(emulator, task_id, 'Finished')
    assert sorted(changes(only_finished.poll())) == sorted(
        [(first, 'Processing', 'Finished'), (second, 'Processing', 'Finished'), (export, 'Processing', 'Finished')])
    assert changes(by_id.poll()) == [(second, 'Processing', 'Finished')]
    assert changes(by_image.poll()) == [(first, 'Processing', 'Finished')]


def test_a_task_id_not_known_yet_is_looked_for_until_it_appears(emulator):
    watch = watcher(emulator, task_ids=['t-later'])
    assert watch.poll() == []
    emulator.seed({'task_id': 't-later', 'status': 'Processing'})
    assert changes(watch.poll()) == [('t-later', None, 'Processing')]


def test_a_poll_costs_ceil_u_over_100_calls_for_u_followed_tasks_plus_the_pages_of_new_ones(emulator):
    emulator.seed(count=250, template={'status': 'Processing', 'age_seconds': 7200})
    watch = watcher(emulator, actions=['ImportImage'])
    watch.poll()
    assert len(watch.followed) == 250
    emulator.control('DELETE', 'requests')
    assert watch.poll() == []
    assert emulator.requests()['by_action'] == {'DescribeTasks': 3 + 1}  # ceil(250/100), and one page of new tasks


def test_an_api_that_ignores_start_time_gives_no_old_task_as_new(emulator):
    emulator.control('POST', 'config', {'quirks': {'ignored_filters': ['StartTime', 'TaskStatus']}})
    emulator.seed({'status': 'Finished', 'age_seconds': 3 * 86400})
    watch = watcher(emulator)
    watch.poll()
    assert watch.poll() == [] and watch.followed == {}


def test_a_failed_poll_changes_nothing_and_the_next_one_sees_what_happened(emulator):
    running, = emulator.seed({'status': 'Processing', 'age_seconds': 60})
    watch = watcher(emulator)
    watch.poll()
    drive(emulator, running, 'Finished')
    emulator.fault(kind='error', code='InternalError', count=20)
    with pytest.raises(Exception):
        watch.poll()
    emulator.control('DELETE', 'faults')
    assert changes(watch.poll()) == [(running, 'Processing', 'Finished')]


@pytest.mark.parametrize('args, option', [
    (dict(task_action='RedeployInstance'), 'task_action'),
    (dict(statuses=['Done']), 'statuses'),
    (dict(statuses=[]), 'statuses'),
    (dict(interval=0), 'interval'),
    (dict(interval='soon'), 'interval'),
    (dict(include_existing='perhaps'), 'include_existing'),
    (dict(interval='nan'), 'interval'),
    (dict(task_ids=['']), 'task_ids'),
    (dict(regoin='cn-hangzhou'), 'regoin'),
])
def test_bad_arguments_are_refused_naming_the_argument(args, option):
    with pytest.raises(OptionError) as refused:
        source_options(dict(args, region='cn-hangzhou'), environ={})
    assert refused.value.option == option


def test_arguments_take_the_modules_environment_variables_and_defaults():
    options = source_options({'task_action': 'ImportImage'}, environ={
        'ALIBABA_CLOUD_ACCESS_KEY_ID': 'AK', 'ALICLOUD_SECRET_KEY': 'SK', 'ALIBABA_CLOUD_REGION_ID': 'cn-shanghai'})
    assert (options['access_key'], options['secret_key'], options['region']) == ('AK', 'SK', 'cn-shanghai')
    assert options['task_action'] == ['ImportImage'] and options['interval'] == 30 and options['statuses'] is None
    assert source_options({'region': 'cn-beijing'}, environ={'ALIBABA_CLOUD_REGION_ID': 'x'})['region'] == 'cn-beijing'
    templated = source_options({'region': 'r', 'interval': '15', 'include_existing': 'true'}, environ={})
    assert templated['interval'] == 15.0 and templated['include_existing'] is True


def test_backoff_doubles_from_the_interval_up_to_five_minutes():
    assert [backoff(10, n) for n in (1, 2, 3, 5, 9)] == [20, 40, 80, 300, 300]
    assert backoff(600, 3) == 600
