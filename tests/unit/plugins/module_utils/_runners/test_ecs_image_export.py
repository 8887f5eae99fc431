# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_export import run_image_export


def by_action(emulator):
    return emulator.requests()['by_action']


# --- ecs_image_export ------------------------------------------------------------------------------

def export_options(emulator, **overrides):
    options = emulator.options(image_id=None, image_name='golden', oss_bucket='exports', oss_prefix=None,
                               image_format=None, role_name=None, state='present', wait=False, wait_timeout=60,
                               poll_interval=0.05)
    options.update(overrides)
    return options


@pytest.fixture
def golden(emulator):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'},
                                                   {'image_id': 'm-golden2', 'image_name': 'golden-2'}]})
    return emulator


@pytest.mark.parametrize('change, option', [
    (dict(image_id='m-golden'), 'image_id'),
    (dict(image_name=None), 'image_id'),
    (dict(oss_prefix='has_underscore'), 'oss_prefix'),
    (dict(oss_prefix='x' * 31), 'oss_prefix'),
    (dict(oss_bucket=''), 'oss_bucket'),
    (dict(wait=True, poll_interval=-1), 'poll_interval'),
])
def test_bad_export_input_is_refused_before_any_call(emulator, change, option):
    outcome = run_image_export(export_options(emulator, **change))
    assert outcome.failed and outcome.message.startswith(option + ': ')
    assert emulator.requests()['count'] == 0


def test_an_export_by_exact_name_starts_one_task(golden):
    outcome = run_image_export(export_options(golden))
    assert not outcome.failed, outcome.message
    assert outcome.result['changed'] and outcome.result['image_id'] == 'm-golden'
    assert outcome.result['task_id'].startswith('t-') and outcome.result['oss_objects'] == []
    assert by_action(golden) == {'DescribeImages': 1, 'DescribeTasks': 1, 'ExportImage': 1}


def test_a_running_export_is_adopted(golden):
    first = run_image_export(export_options(golden)).result
    outcome = run_image_export(export_options(golden, image_name=None, image_id='m-golden'))
    assert not outcome.result['changed'] and outcome.result['task_id'] == first['task_id']
    assert outcome.result['task']['task_status'] in ('Waiting', 'Processing')
    assert by_action(golden)['ExportImage'] == 1


def test_an_unknown_name_fails_clearly(golden):
    outcome = run_image_export(export_options(golden, image_name='gold'))
    assert outcome.failed and "no custom image named exactly 'gold'" in outcome.message


@pytest.mark.parametrize('change, code', [
    (dict(image_name=None, image_id='m-nope'), 'InvalidImageId.NotFound'),
    (dict(oss_bucket='nowhere'), 'InvalidOSSBucket.NotFound'),
])
def test_api_refusals_carry_code_and_hint(golden, change, code):
    outcome = run_image_export(export_options(golden, **change))
    assert outcome.failed and outcome.result['error']['code'] == code and outcome.result['error']['request_id']


def test_an_image_that_is_not_available_is_refused_with_the_apis_code(golden):
    golden.control('POST', 'images', {'images': [{'image_id': 'm-new', 'image_name': 'new', 'status': 'Creating'}]})
    outcome = run_image_export(export_options(golden, image_name='new'))
    assert outcome.failed and outcome.result['error']['code'] == 'IncorrectImageStatus'
    assert 'wait for the image first' in outcome.message


def test_a_lost_export_answer_is_not_resent_the_running_export_is_reported(golden):
    golden.fault(kind='drop_answer', action='ExportImage', count=1)
    outcome = run_image_export(export_options(golden))
    assert not outcome.failed, outcome.message
    assert outcome.result['changed'] and outcome.result['task']['task_status'] in ('Waiting', 'Processing')
    assert by_action(golden)['ExportImage'] == 1
    assert len([t for t in golden.control('GET', 'tasks')['tasks'] if t['TaskAction'] == 'ExportImage']) == 1


def test_an_export_refused_by_a_server_error_is_sent_again_once_nothing_runs(golden):
    golden.fault(code='ServiceUnavailable', action='ExportImage', count=1)
    outcome = run_image_export(export_options(golden))
    assert not outcome.failed and outcome.result['changed']
    assert by_action(golden)['ExportImage'] == 2
    assert len(golden.control('GET', 'tasks')['tasks']) == 1


def test_image_is_exporting_is_taken_as_ours_running(golden, monkeypatch):
    other = run_image_export(export_options(golden)).result
    # the adoption check does not see the running export (as with a lagging API); ExportImage does
    lookups = []

    def lagging(self, action, image_id, statuses=None):
        lookups.append(action)
        return None if len(lookups) == 1 else {'task_id': other['task_id'], 'task_status': 'Processing'}
    monkeypatch.setattr('ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images.ImageService.newest_task',
                        lagging)
    outcome = run_image_export(export_options(golden))
    assert not outcome.failed and outcome.result['changed'] and outcome.result['task_id'] == other['task_id']
    assert golden.requests()['by_code'].get('ImageIsExporting') == 1


def test_export_wait_returns_the_objects_written(emulator):
    emulator.control('POST', 'config', {'task_polls': {'ExportImage': 2}})
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'}]})
    outcome = run_image_export(export_options(emulator, oss_prefix='nightly', image_format='vhd', wait=True))
    assert not outcome.failed, outcome.message
    task_id = outcome.result['task_id']
    assert outcome.result['task']['task_status'] == 'Finished'
    assert outcome.result['oss_objects'] == ['nightly_m-golden_%s.vhd' % task_id]
    assert outcome.result['oss_objects'][0] in emulator.control('GET', 'oss/exports')['objects']


def test_export_wait_fails_at_once_on_a_failed_export(emulator):
    emulator.control('POST', 'config', {'task_polls': {'ExportImage': 2}})
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'}]})
    emulator.control('POST', 'oss/failing', {'export_outcome': 'Failed'})
    outcome = run_image_export(export_options(emulator, oss_bucket='failing', wait=True, wait_timeout=3600))
    assert outcome.failed and outcome.result['task']['task_status'] == 'Failed'
    assert '%s of image m-golden is Failed' % outcome.result['task_id'] in outcome.message
    assert outcome.result['oss_objects'] == [] and outcome.result['polls'] == 3


def test_export_absent_cancels_the_running_export_and_check_mode_dry_runs(golden):
    checked = run_image_export(export_options(golden), check_mode=True)
    assert checked.result['changed'] and checked.result['task'] is None
    assert golden.requests()['by_code'].get('DryRunOperation') == 1
    run_image_export(export_options(golden))
    cancelled = run_image_export(export_options(golden, state='absent', oss_bucket=None))
    assert cancelled.result['changed'] and cancelled.result['task']['task_status'] == 'Deleted'
    again = run_image_export(export_options(golden, state='absent', oss_bucket=None))
    assert not again.result['changed'] and by_action(golden)['CancelTask'] == 1


def test_check_mode_never_turns_a_lost_dry_run_answer_into_an_export(golden, monkeypatch):
    monkeypatch.setattr('random.uniform', lambda low, high: 0.01)
    golden.fault(kind='reset', action='ExportImage', count=1)
    outcome = run_image_export(export_options(golden), check_mode=True)
    assert not outcome.failed and outcome.result['changed'] and outcome.result['task'] is None
    assert golden.requests()['by_code'] == {'OK': 2, 'ConnectionReset': 1, 'DryRunOperation': 1}
    assert golden.control('GET', 'tasks')['tasks'] == []
