# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import datetime
import math
from urllib.parse import parse_qsl

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_task_info import run_task_query
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.task_query import TaskQuery
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.times import creation_window, parse_time
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.tasks import TaskService, task_record
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import ScriptedSession


# --- against the emulator: call budget, paging, merging --------------------------------------------

def calls(emulator, action='DescribeTasks'):
    return emulator.requests()['by_action'].get(action, 0)


@pytest.mark.parametrize('count', [1, 100, 101, 250])
def test_listing_m_tasks_costs_ceil_m_over_100_calls(emulator, count):
    emulator.seed(count=count, template={'task_action': 'ExportImage'})
    outcome = run_task_query(emulator.options(task_action='ExportImage'))
    assert not outcome.failed
    assert len(outcome.result['tasks']) == count == outcome.result['total_count']
    assert calls(emulator) == max(1, math.ceil(count / 100.0))


def test_querying_n_ids_costs_ceil_n_over_100_calls_per_action(emulator):
    ids = emulator.seed(count=250, template={'task_action': 'ImportImage'})
    outcome = run_task_query(emulator.options(task_ids=list(reversed(ids))))
    assert [t['task_id'] for t in outcome.result['tasks']] == list(reversed(ids))
    assert outcome.result['missing'] == []
    assert calls(emulator) == 3 * 2  # ImportImage and ExportImage, 3 batches each


def test_resource_ids_past_100_are_batched(emulator):
    specs = [{'task_action': 'ImportImage', 'resource_id': 'm-%03d' % i} for i in range(150)]
    emulator.seed(*specs)
    outcome = run_task_query(emulator.options(task_action='ImportImage', resource_ids=['m-%03d' % i for i in range(150)]))
    assert len(outcome.result['tasks']) == 150
    assert calls(emulator) == 2


def test_without_task_action_import_and_export_are_merged_newest_first(emulator):
    emulator.seed({'task_action': 'ImportImage', 'task_id': 't-old', 'age_seconds': 600},
                  {'task_action': 'ExportImage', 'task_id': 't-new', 'age_seconds': 60},
                  {'task_action': 'RedeployInstance', 'task_id': 't-other'})
    outcome = run_task_query(emulator.options())
    assert [t['task_id'] for t in outcome.result['tasks']] == ['t-new', 't-old']


def test_page_number_returns_exactly_that_page(emulator):
    for age in range(25):
        emulator.seed({'task_action': 'ImportImage', 'task_id': 't-%02d' % age, 'age_seconds': age * 60})
    outcome = run_task_query(emulator.options(task_action='ImportImage', page_number=2, page_size=10))
    assert [t['task_id'] for t in outcome.result['tasks']] == ['t-%02d' % age for age in range(10, 20)]
    assert outcome.result['total_count'] == 25 and calls(emulator) == 1


def test_status_and_time_filters_reach_the_api(emulator):
    emulator.seed({'task_action': 'ImportImage', 'task_id': 't-done', 'status': 'Finished',
                   'creation_time': '2026-11-29T08:00Z'},
                  {'task_action': 'ImportImage', 'task_id': 't-busy', 'status': 'Processing',
                   'creation_time': '2026-11-29T08:30Z'},
                  {'task_action': 'ImportImage', 'task_id': 't-late', 'status': 'Finished',
                   'creation_time': '2026-11-29T12:00Z'})
    outcome = run_task_query(emulator.options(task_action='ImportImage', task_status='Finished',
                                              start_time='2026-11-29T15:00+08:00', end_time='2026-11-29T09:00Z'))
    assert [t['task_id'] for t in outcome.result['tasks']] == ['t-done']


def test_unknown_ids_are_listed_as_missing_without_wait(emulator):
    known = emulator.seed({'task_action': 'ImportImage'})
    outcome = run_task_query(emulator.options(task_ids=known + ['t-nope']))
    assert not outcome.failed and outcome.result['missing'] == ['t-nope']


def test_progress_of_a_few_exports_costs_one_attribute_call_per_processing_task(emulator):
    emulator.seed({'task_action': 'ExportImage', 'status': 'Finished'}, {'task_action': 'ExportImage', 'status': 'Processing'},
                  {'task_action': 'ExportImage', 'status': 'Processing'})
    outcome = run_task_query(emulator.options(task_action='ExportImage', progress=True))
    assert sorted(t['progress'] for t in outcome.result['tasks'])[-1] == 100
    assert calls(emulator, 'DescribeTaskAttribute') == 2


def test_api_error_result_has_code_message_and_request_id(emulator):
    outcome = run_task_query(emulator.options(region='xx-nowhere-1'))
    assert outcome.failed and 'InvalidRegionId.NotFound' in outcome.message
    error = outcome.result['error']
    assert error['code'] == 'InvalidRegionId.NotFound' and error['request_id'] in outcome.result['request_ids']
    assert error['message'] and error['recommend']


# --- waiting ---------------------------------------------------------------------------------------

def wait_options(emulator, **overrides):
    options = emulator.options(wait=True, wait_timeout=30, poll_interval=0.05)
    options.update(overrides)
    return options


def test_wait_succeeds_when_every_task_finishes(emulator):
    ids = emulator.seed(count=3, template={'task_action': 'ImportImage', 'waiting_polls': 1, 'processing_polls': 2})
    outcome = run_task_query(wait_options(emulator, task_ids=ids))
    assert not outcome.failed, outcome.message
    assert all(t['task_status'] == 'Finished' and t['finished_time'] for t in outcome.result['tasks'])
    assert outcome.result['polls'] == 4 and outcome.result['elapsed'] >= 3 * 0.05  # three sleeps between polls


def test_wait_polls_only_unfinished_tasks_by_id_and_only_their_action(emulator):
    done = emulator.seed(count=150, template={'task_action': 'ExportImage', 'status': 'Finished'})
    busy = emulator.seed(count=120, template={'task_action': 'ImportImage', 'processing_polls': 3})
    polls = []
    outcome = run_task_query(wait_options(emulator, task_ids=done + busy),
                             on_poll=lambda tasks, waiter: polls.append(calls(emulator)))
    assert not outcome.failed, outcome.message
    # first round: 3 batches of ids x 2 actions; then the 2 batches of the 120 unfinished imports only, until the
    # fourth round sees them Finished
    assert [b - a for a, b in zip([0] + polls, polls)] == [6, 2, 2, 2]


def test_wait_fails_at_once_on_a_failed_task_naming_it(emulator):
    ok, bad = emulator.seed({'task_action': 'ImportImage'}, {'task_action': 'ImportImage', 'status': 'Failed'})
    outcome = run_task_query(wait_options(emulator, task_ids=[ok, bad], wait_timeout=3600))
    assert outcome.failed and '%s is Failed' % bad in outcome.message and ok not in outcome.message
    assert outcome.result['polls'] == 1  # no sleep: the first poll ended it


def test_wait_fails_when_a_task_is_deleted_midway(emulator):
    task_id = emulator.seed({'task_action': 'ExportImage'})[0]

    def delete_after_first_poll(tasks, waiter):
        if waiter.polls == 2:
            emulator.control('POST', 'tasks/' + task_id, {'status': 'Deleted'})
    outcome = run_task_query(wait_options(emulator, task_ids=[task_id]), on_poll=delete_after_first_poll)
    assert outcome.failed and '%s is Deleted' % task_id in outcome.message
    assert outcome.result['polls'] == 3


def test_wait_fails_at_once_on_unknown_ids(emulator):
    known = emulator.seed({'task_action': 'ImportImage'})
    outcome = run_task_query(wait_options(emulator, task_ids=known + ['t-ghost'], wait_timeout=3600))
    assert outcome.failed and 't-ghost' in outcome.message and outcome.result['missing'] == ['t-ghost']
    assert outcome.result['polls'] == 1


def test_wait_timeout_names_every_unfinished_task_and_the_time(emulator):
    ids = emulator.seed(count=2, template={'task_action': 'ImportImage', 'waiting_seconds': 0,
                                           'processing_seconds': 3600})
    outcome = run_task_query(wait_options(emulator, task_ids=ids, wait_timeout=0.3, poll_interval=0.1))
    assert outcome.failed and outcome.message.startswith('timed out after 0 s waiting for 2 task(s)')
    assert all('%s is Processing' % i in outcome.message for i in ids)
    assert outcome.result['elapsed'] >= 0.3 and outcome.result['polls'] >= 1  # the deadline, on the wait's own clock


def test_paused_and_waiting_tasks_are_waited_for(emulator):
    paused = emulator.seed({'task_action': 'ImportImage', 'status': 'Paused'})[0]

    def resume(tasks, waiter):
        if waiter.polls == 2:
            emulator.control('POST', 'tasks/' + paused, {'status': 'Finished'})
    outcome = run_task_query(wait_options(emulator, task_ids=[paused]), on_poll=resume)
    assert not outcome.failed and outcome.result['polls'] == 3


def test_throttling_during_a_wait_is_retried_within_the_deadline(emulator, monkeypatch):
    monkeypatch.setattr('random.uniform', lambda low, high: 0.01)
    task_id = emulator.seed({'task_action': 'ImportImage', 'status': 'Finished'})[0]
    emulator.fault(code='Throttling.User', count=3, action='DescribeTasks')
    outcome = run_task_query(wait_options(emulator, task_ids=[task_id]))
    assert not outcome.failed, outcome.message
    assert emulator.requests()['by_code'] == {'Throttling.User': 3, 'OK': 2}


def test_wait_over_filters_waits_for_the_tasks_matched_first(emulator):
    emulator.seed(count=3, template={'task_action': 'ImportImage', 'resource_id': 'm-shared', 'processing_polls': 2})
    outcome = run_task_query(wait_options(emulator, task_action='ImportImage', resource_ids=['m-shared']))
    assert not outcome.failed and len(outcome.result['tasks']) == 3 and outcome.result['polls'] == 3


def test_bad_input_makes_no_call(emulator):
    outcome = run_task_query(emulator.options(task_ids=[], wait=True))
    assert outcome.failed and outcome.message.startswith('task_ids: ')
    outcome = run_task_query(emulator.options(endpoint='ftp://127.0.0.1'))
    assert outcome.failed and outcome.message.startswith('endpoint: ')
    assert emulator.requests()['count'] == 0


def test_credentials_expiring_during_a_wait_are_refreshed(emulator_factory):
    emulator = emulator_factory({'sts_token_seconds': 2})
    # 18 polls a quarter of a second apart: the wait lasts at least 4.25 s of real time, the tokens 2 s each
    task_id = emulator.seed({'task_action': 'ImportImage', 'processing_polls': 17})[0]
    assume_role = dict(role_arn='acs:ram::1234567890123456:role/image-importer', duration_seconds=900)
    outcome = run_task_query(wait_options(emulator, task_ids=[task_id], poll_interval=0.25, sts_endpoint=emulator.url,
                                          assume_role=assume_role))
    assert not outcome.failed, outcome.message
    log = emulator.requests()
    # tokens live 2 s, the wait at least 4.25 s: at least two refreshes, and not one call refused
    assert log['by_action']['AssumeRole'] >= 3 and set(log['by_code']) == {'OK'}


# --- the API's answer is evidence: every filter holds in what we return ----------------------------

LOOSE_API = {'ignored_filters': ['TaskIds', 'ResourceIds', 'TaskStatus', 'StartTime', 'EndTime', 'PageSize']}


def seed_mixed(emulator):
    """Imports and exports in every state, spread over a day, on two images; returns their specs."""
    specs = []
    for number in range(60):
        specs.append({'task_id': 't-%02d' % number, 'task_action': ('ImportImage', 'ExportImage')[number % 2],
                      'status': ('Finished', 'Processing', 'Failed', 'Waiting', 'Paused')[number % 5],
                      'resource_id': 'm-%d' % (number % 3), 'creation_time': '2026-11-29T%02d:%02dZ' % (
                          number // 6, number % 6 * 10)})
    emulator.seed(*specs)
    return specs


@pytest.mark.parametrize('quirks', [{}, LOOSE_API], ids=['api-as-documented', 'api-ignoring-every-filter'])
@pytest.mark.parametrize('filters', [
    dict(task_ids=['t-03', 't-10', 't-59', 't-ghost']),
    dict(resource_ids=['m-1']),
    dict(task_action='ExportImage'),
    dict(task_status='Finished'),
    dict(task_status='Waiting'),
    dict(task_status='Paused', task_action='ImportImage'),
    dict(start_time='2026-11-29T03:15Z', end_time='2026-11-29T06:20Z'),
    dict(resource_ids=['m-0', 'm-2'], task_status='Processing', start_time='2026-11-29T02:00Z'),
], ids=lambda filters: ','.join(sorted(filters)))
def test_every_filter_holds_in_what_we_return(emulator, quirks, filters):
    emulator.control('POST', 'config', {'quirks': quirks})
    specs = seed_mixed(emulator)
    query = TaskQuery(**filters)

    def expected(spec):
        created = parse_time(spec['creation_time'], 'creation_time')
        return ((not query.task_ids or spec['task_id'] in query.task_ids)
                and (not query.resource_ids or spec['resource_id'] in query.resource_ids)
                and spec['task_action'] in query.actions
                and (not query.task_status or spec['status'] == query.task_status)
                and (not query.start_time or created + datetime.timedelta(seconds=59) >= query.start_time)
                and (not query.end_time or created <= query.end_time))
    outcome = run_task_query(emulator.options(**filters))
    assert not outcome.failed, outcome.message
    returned = sorted(t['task_id'] for t in outcome.result['tasks'])
    assert returned == sorted(s['task_id'] for s in specs if expected(s))
    assert outcome.result['total_count'] == len(returned)
    assert outcome.result['missing'] == (['t-ghost'] if 'task_ids' in filters else [])


def test_a_status_the_api_ignores_is_applied_by_us_and_not_sent(emulator):
    emulator.seed({'task_id': 't-w', 'task_action': 'ImportImage', 'status': 'Waiting'},
                  {'task_id': 't-p', 'task_action': 'ImportImage', 'status': 'Processing'})
    outcome = run_task_query(emulator.options(task_action='ImportImage', task_status='Waiting'))
    assert [t['task_id'] for t in outcome.result['tasks']] == ['t-w'] and outcome.result['total_count'] == 1
    sent = [form_of(call) for call in scripted_query(dict(task_action='ImportImage', task_status='Waiting'))]
    assert 'TaskStatus' not in sent[0]
    sent = [form_of(call) for call in scripted_query(dict(task_action='ImportImage', task_status='Failed'))]
    assert sent[0]['TaskStatus'] == 'Failed'


def test_an_api_ignoring_the_page_size_is_paged_at_its_own_size(emulator):
    emulator.control('POST', 'config', {'quirks': {'ignored_filters': ['PageSize']}})
    emulator.seed(count=35, template={'task_action': 'ImportImage'})
    outcome = run_task_query(emulator.options(task_action='ImportImage'))
    assert len(outcome.result['tasks']) == 35 == outcome.result['total_count']
    assert calls(emulator) == 4


@pytest.mark.parametrize('quirks', [
    {'task_action_style': 'IMPORT_IMAGE'}, {'support_cancel': 'boolean'}, {'progress': 'number'},
    {'task_action_style': 'IMPORT_IMAGE', 'support_cancel': 'boolean', 'progress': 'number'},
])
def test_answers_in_the_other_spellings_give_the_same_records(emulator, quirks):
    emulator.seed({'task_id': 't-busy', 'task_action': 'ImportImage', 'status': 'Processing'},
                  {'task_id': 't-done', 'task_action': 'ExportImage', 'status': 'Finished'})
    plain = run_task_query(emulator.options(progress=True)).result['tasks']
    emulator.control('POST', 'config', {'quirks': quirks})
    quirky = run_task_query(emulator.options(progress=True)).result['tasks']
    assert quirky == plain
    assert [(t['task_action'], t['support_cancel']) for t in quirky] == [('ImportImage', True), ('ExportImage', False)]
    assert [t['progress'] is not None for t in quirky] == [True, True]


# --- answers only a scripted session can give --------------------------------------------------------

def form_of(call):
    return dict(parse_qsl(call['data'].decode()))


def scripted_query(options, *answers):
    """The calls a query makes against scripted answers (an empty page by default)."""
    session = ScriptedSession(*(answers or [(200, {'TotalCount': 0, 'TaskSet': {'Task': []}, 'RequestId': 'R'})]))
    client = ecs_client(dict(access_key='k', secret_key='s', region='cn-hangzhou', endpoint='https://ecs.test'),
                        session=session)
    TaskService(client).query(TaskQuery(**options))
    return session.calls


def page(total, *task_ids):
    return 200, {'TotalCount': total, 'RequestId': 'R', 'TaskSet': {'Task': [
        {'TaskId': task_id, 'TaskAction': 'ImportImage', 'TaskStatus': 'Finished'} for task_id in task_ids]}}


def test_tasks_seen_twice_while_pages_shift_are_kept_once():
    calls_made = scripted_query(dict(task_action='ImportImage', page_size=2), page('3', 't-1', 't-2'),
                                page(4, 't-2', 't-3'), page(4, 't-4'))
    assert [form_of(c)['PageNumber'] for c in calls_made] == ['1', '2', '3']


def test_an_api_answering_the_same_page_for_every_number_ends_the_paging():
    calls_made = scripted_query(dict(task_action='ImportImage', page_size=2), page(10, 't-1', 't-2'),
                                page(10, 't-1', 't-2'))
    assert len(calls_made) == 2


def test_a_count_that_is_not_a_number_does_not_crash():
    session = ScriptedSession(page('many', 't-1'))
    client = ecs_client(dict(access_key='k', secret_key='s', region='cn-hangzhou', endpoint='https://ecs.test'),
                        session=session)
    listing = TaskService(client).query(TaskQuery(task_action='ImportImage'))
    assert [t['task_id'] for t in listing.tasks] == ['t-1'] and listing.total_count == 1


def test_a_task_without_action_is_of_the_action_queried():
    assert task_record({'TaskId': 't-1'}, 'ExportImage')['task_action'] == 'ExportImage'
    assert task_record({'TaskId': 't-1', 'TaskAction': 'EXPORT_IMAGE'}, 'ImportImage')['task_action'] == 'ExportImage'


@pytest.mark.parametrize('value, window', [
    ('2026-11-29T08:30Z', ('08:30:00', '08:30:59')),
    ('2026-11-29T08:30:15Z', ('08:30:15', '08:30:15')),
    ('', None), ('soon', None),
])
def test_a_creation_time_without_seconds_stands_for_its_minute(value, window):
    result = creation_window(value)
    assert (None if result is None else tuple(m.strftime('%H:%M:%S') for m in result)) == window


# --- progress at a bounded cost ----------------------------------------------------------------------

def progress_calls(emulator):
    counts = emulator.requests()['by_action']
    return counts.get('DescribeTaskAttribute', 0) + counts.get('DescribeImages', 0)


def test_progress_of_150_exports_costs_10_calls_and_rotates_by_round(emulator):
    emulator.seed(count=150, template={'task_action': 'ExportImage', 'waiting_seconds': 0, 'processing_seconds': 3600})
    first = run_task_query(emulator.options(task_action='ExportImage', progress=True)).result['tasks']
    assert calls(emulator) == 2 and progress_calls(emulator) == 10
    assert all('progress' in t for t in first)
    sampled = set(t['task_id'] for t in first if t['progress'] is not None)
    assert len(sampled) == 10
    second = run_task_query(emulator.options(task_action='ExportImage', progress=True, progress_round=1)).result['tasks']
    resampled = set(t['task_id'] for t in second if t['progress'] is not None)
    assert len(resampled) == 10 and not sampled & resampled


def seed_importing(emulator, count):
    """Import tasks that are Processing, each with its Creating image."""
    emulator.seed(count=count, template={'task_action': 'ImportImage', 'waiting_seconds': 0, 'processing_seconds': 3600})
    emulator.control('POST', 'images', {'images': [
        {'image_id': spec['ResourceId'], 'image_name': spec['TaskId'], 'status': 'Creating'}
        for spec in emulator.control('GET', 'tasks')['tasks']]})


def test_progress_of_imports_comes_100_images_a_describe_images_call(emulator):
    seed_importing(emulator, 150)
    tasks = run_task_query(emulator.options(task_action='ImportImage', progress=True)).result['tasks']
    assert all(t['progress'] is not None for t in tasks)
    assert emulator.requests()['by_action'] == {'DescribeTasks': 2, 'DescribeImages': 2}


def test_an_api_taking_one_image_id_falls_back_within_the_budget(emulator):
    emulator.control('POST', 'config', {'quirks': {'image_id_list': 'single'}})
    seed_importing(emulator, 30)
    tasks = run_task_query(emulator.options(task_action='ImportImage', progress=True)).result['tasks']
    assert emulator.requests()['by_action'] == {'DescribeTasks': 1, 'DescribeImages': 1, 'DescribeTaskAttribute': 9}
    assert len([t for t in tasks if t['progress'] is not None]) == 9


def test_finished_and_waiting_tasks_cost_no_progress_call(emulator):
    emulator.seed(*([{'task_action': 'ExportImage', 'status': 'Finished'}] * 20
                    + [{'task_action': 'ExportImage', 'waiting_seconds': 3600}] * 20))
    tasks = run_task_query(emulator.options(task_action='ExportImage', progress=True)).result['tasks']
    assert sorted(set(t['progress'] for t in tasks)) == [0, 100] and progress_calls(emulator) == 0


def test_a_wait_on_150_tasks_spends_at_most_10_progress_calls_a_round(emulator):
    # each round observes every unfinished task once (and 10 once more, for their percent): the fourth sees all done
    ids = emulator.seed(count=150, template={'task_action': 'ExportImage', 'processing_polls': 3})
    rounds = []
    outcome = run_task_query(wait_options(emulator, task_ids=ids, task_action='ExportImage', progress=True,
                                          poll_interval=0.1),
                             on_poll=lambda tasks, waiter: rounds.append((calls(emulator), progress_calls(emulator))))
    assert not outcome.failed, outcome.message
    spent = [(b[0] - a[0], b[1] - a[1]) for a, b in zip([(0, 0)] + rounds, rounds)]
    assert len(spent) == 4 and all(describe <= 2 and progress <= 10 for describe, progress in spent)


def test_an_api_refusing_a_list_of_image_ids_falls_back_within_the_budget(emulator):
    seed_importing(emulator, 30)
    emulator.fault(code='InvalidParameter', status=400, action='DescribeImages', count=1)
    outcome = run_task_query(emulator.options(task_action='ImportImage', progress=True))
    assert not outcome.failed, outcome.message
    assert emulator.requests()['by_action'] == {'DescribeTasks': 1, 'DescribeImages': 1, 'DescribeTaskAttribute': 9}
