# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import time

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._images import (
    check_image_name, client_token, image_record, import_parameters, run_image_export, run_image_import)

DISK = {'oss_bucket': 'images', 'oss_object': 'golden.qcow2', 'format': None, 'size': None}


def import_options(emulator, **overrides):
    options = emulator.options(name='golden-web', disks=[dict(DISK)], architecture='x86_64', os_type='linux',
                               platform='Ubuntu', state='present', wait=False, wait_timeout=60, poll_interval=0.05)
    options.update(overrides)
    return options


def by_action(emulator):
    return emulator.requests()['by_action']


def images_of(emulator):
    return emulator.control('GET', 'images')['images']


# --- input, before any call ------------------------------------------------------------------------

@pytest.mark.parametrize('name', ['a', '1golden', 'aliyun-web', 'acs:web', 'golden web', 'x' * 129, 'web-http://x',
                                  '_web', ''])
def test_names_outside_the_api_rules_are_refused(name):
    with pytest.raises(OptionError, match=r'^name: expected 2 to 128 characters'):
        check_image_name(name)


@pytest.mark.parametrize('name', ['ab', 'golden-web_2026.11:1', 'Ubuntu', 'x' * 128, u'\u955c\u50cf-1'])
def test_names_within_the_rules_are_taken(name):
    assert check_image_name(name) == name


@pytest.mark.parametrize('change, option', [
    (dict(disks=[]), 'disks'),
    (dict(disks=[dict(DISK)] * 18), 'disks'),
    (dict(disks=[dict(DISK, size=0)]), r'disks\[0\].size'),
    (dict(disks=[dict(DISK), dict(DISK, size=2049)]), r'disks\[1\].size'),
    (dict(disks=[dict(DISK, format='ISO')]), r'disks\[0\].format'),
    (dict(disks=[dict(DISK, oss_object=' ')]), r'disks\[0\].oss_object'),
    (dict(architecture='arm64', boot_mode='BIOS'), 'boot_mode'),
    (dict(description='https://example.com/image'), 'description'),
    (dict(description='x'), 'description'),
    (dict(tags=dict(('k%d' % n, 'v') for n in range(21))), 'tags'),
    (dict(tags={'acs:team': 'web'}), 'tags'),
    (dict(name='aliyun-golden'), 'name'),
])
def test_bad_input_is_refused_before_any_call(emulator, change, option):
    outcome = run_image_import(import_options(emulator, **change))
    assert outcome.failed and outcome.message.startswith(option.replace('\\', '') + ': ')
    assert emulator.requests()['count'] == 0


def test_request_parameters_are_built_explicitly():
    params = import_parameters(dict(name='golden', disks=[dict(DISK, format='qcow2', size=40),
                                                          dict(DISK, oss_object='data.raw')],
                                    architecture='arm64', os_type='linux', platform='Ubuntu', boot_mode='UEFI',
                                    tags={'team': 'web', 'env': None}, role_name='ImportRole', description=None))
    assert params == {
        'RegionId': None, 'ImageName': 'golden',
        'DiskDeviceMapping.1.OSSBucket': 'images', 'DiskDeviceMapping.1.OSSObject': 'golden.qcow2',
        'DiskDeviceMapping.1.Format': 'QCOW2', 'DiskDeviceMapping.1.DiskImageSize': '40',
        'DiskDeviceMapping.2.OSSBucket': 'images', 'DiskDeviceMapping.2.OSSObject': 'data.raw',
        'Architecture': 'arm64', 'OSType': 'linux', 'Platform': 'Ubuntu', 'BootMode': 'UEFI', 'RoleName': 'ImportRole',
        'Tag.1.Key': 'env', 'Tag.1.Value': '', 'Tag.2.Key': 'team', 'Tag.2.Value': 'web'}


def test_the_client_token_follows_the_request_and_the_run():
    params = {'RegionId': 'cn-hangzhou', 'ImageName': 'golden'}
    token = client_token(params, 'run-1')
    assert token == client_token(dict(params), 'run-1') and len(token) <= 64
    assert token != client_token(dict(params, ImageName='other'), 'run-1')
    assert token != client_token(params, 'run-2')


def test_image_records_tolerate_progress_and_size_in_both_forms():
    assert image_record({'ImageId': 'm-1', 'Progress': 45, 'Size': '40'})['progress'] == 45
    assert image_record({'ImageId': 'm-1', 'Progress': '100%', 'Size': 40})['size'] == 40


# --- present ---------------------------------------------------------------------------------------

def test_an_import_costs_one_describe_images_and_one_import_image(emulator):
    outcome = run_image_import(import_options(emulator))
    assert not outcome.failed, outcome.message
    result = outcome.result
    assert result['changed'] and result['image_id'].startswith('m-') and result['task_id'].startswith('t-')
    assert result['image']['image_name'] == 'golden-web' and result['task']['resource_id'] == result['image_id']
    assert by_action(emulator) == {'DescribeImages': 1, 'ImportImage': 1}
    assert len(result['request_ids']) == 2


def test_a_rerun_adopts_the_importing_image_at_one_describe_images_and_one_describe_tasks(emulator):
    first = run_image_import(import_options(emulator)).result
    emulator.control('DELETE', 'requests')
    outcome = run_image_import(import_options(emulator))
    result = outcome.result
    assert not outcome.failed and not result['changed']
    assert (result['image_id'], result['task_id']) == (first['image_id'], first['task_id'])
    assert result['image']['status'] == 'Creating' and result['task']['task_status'] in ('Waiting', 'Processing')
    assert by_action(emulator) == {'DescribeImages': 1, 'DescribeTasks': 1}


@pytest.mark.parametrize('status', ['Available', 'CreateFailed', 'Deprecated', 'UnAvailable'])
def test_an_image_of_that_name_in_any_state_means_no_import(emulator, status):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-there', 'image_name': 'golden-web',
                                                    'status': status}]})
    outcome = run_image_import(import_options(emulator))
    assert not outcome.result['changed'] and outcome.result['image']['status'] == status
    assert outcome.result['task'] is None and 'ImportImage' not in by_action(emulator)


def test_a_loose_name_match_is_not_taken_for_the_image(emulator):
    emulator.control('POST', 'images', {'images': [{'image_name': 'golden-web-2'}, {'image_name': 'old-golden-web'},
                                                   {'image_name': 'GOLDEN-WEB'}]})
    outcome = run_image_import(import_options(emulator))
    assert outcome.result['changed'] and by_action(emulator)['ImportImage'] == 1


def test_a_lost_answer_gets_the_first_import_back(emulator, monkeypatch):
    monkeypatch.setattr('random.uniform', lambda low, high: 0.01)
    emulator.fault(kind='drop_answer', action='ImportImage', count=1)
    outcome = run_image_import(import_options(emulator))
    assert not outcome.failed, outcome.message
    assert emulator.requests()['by_code'] == {'OK': 2, 'AnswerDropped': 1}
    assert [i['ImageId'] for i in images_of(emulator)] == [outcome.result['image_id']]
    assert len(emulator.control('GET', 'tasks')['tasks']) == 1


def test_the_legacy_task_id_field_is_read(emulator):
    emulator.control('POST', 'config', {'quirks': {'task_id_field': 'legacy'}})
    outcome = run_image_import(import_options(emulator))
    assert outcome.result['task_id'] == emulator.control('GET', 'tasks')['tasks'][0]['TaskId']


def test_check_mode_imports_nothing_and_asks_for_a_dry_run(emulator):
    outcome = run_image_import(import_options(emulator), check_mode=True)
    assert not outcome.failed and outcome.result['changed'] and outcome.result['image_id'] is None
    assert emulator.requests()['by_code'] == {'OK': 1, 'DryRunOperation': 1}
    assert images_of(emulator) == [] and emulator.control('GET', 'tasks')['tasks'] == []
    assert outcome.result['diff'] == {'before': {}, 'after': outcome.result['image']}


@pytest.mark.parametrize('disk, code', [
    (dict(DISK, oss_object='nope.raw'), 'InvalidOSSObject.NotFound'),
    (dict(DISK, oss_bucket='no-role'), 'NoSetRoletoECSServiceAcount'),
])
def test_check_mode_shows_what_the_import_would_fail_on_with_a_hint(emulator, disk, code):
    outcome = run_image_import(import_options(emulator, disks=[disk]), check_mode=True)
    assert outcome.failed and outcome.result['error']['code'] == code
    assert outcome.result['error']['request_id'] and 'Check disks' in outcome.message or 'RAM role' in outcome.message


def test_wait_follows_the_task_to_finished_and_the_image_to_available(emulator_factory):
    emulator = emulator_factory(time_scale=300)
    started = time.monotonic()
    outcome = run_image_import(import_options(emulator, wait=True))
    assert not outcome.failed, outcome.message
    assert outcome.result['task']['task_status'] == 'Finished' and outcome.result['image']['status'] == 'Available'
    assert outcome.result['image']['progress'] == 100 and 1.5 < time.monotonic() - started < 10


def test_wait_fails_at_once_on_a_failed_import_naming_task_image_and_state(emulator_factory):
    emulator = emulator_factory(time_scale=600)
    outcome = run_image_import(import_options(emulator, disks=[dict(DISK, oss_object='broken.qcow2')], wait=True,
                                              wait_timeout=3600))
    task_id, image_id = outcome.result['task_id'], outcome.result['image_id']
    assert outcome.failed and task_id in outcome.message and image_id in outcome.message
    assert 'is Failed' in outcome.message and outcome.result['task']['task_status'] == 'Failed'
    assert outcome.result['elapsed'] < 5


def test_wait_timeout_reports_the_last_states(emulator):
    outcome = run_image_import(import_options(emulator, wait=True, wait_timeout=0.3, poll_interval=0.1))
    assert outcome.failed and outcome.message.startswith('timed out after 0 s waiting for task %s (last '
                                                         % outcome.result['task_id'])
    assert 'and image %s' % outcome.result['image_id'] in outcome.message


# --- absent ----------------------------------------------------------------------------------------

def test_absent_cancels_the_running_import(emulator):
    started = run_image_import(import_options(emulator)).result
    outcome = run_image_import(import_options(emulator, state='absent', disks=None))
    assert not outcome.failed and outcome.result['changed']
    assert outcome.result['task']['task_id'] == started['task_id']
    assert outcome.result['task']['task_status'] == 'Deleted' and outcome.result['diff']['after'] == {}
    again = run_image_import(import_options(emulator, state='absent', disks=None))
    assert not again.result['changed'] and by_action(emulator)['CancelTask'] == 1


def test_absent_leaves_a_finished_image_alone(emulator):
    started = run_image_import(import_options(emulator)).result
    emulator.control('POST', 'tasks/' + started['task_id'], {'status': 'Finished'})
    outcome = run_image_import(import_options(emulator, state='absent', disks=None))
    assert not outcome.result['changed'] and outcome.result['image']['status'] == 'Available'
    assert 'CancelTask' not in by_action(emulator)


def test_absent_in_check_mode_cancels_nothing(emulator):
    run_image_import(import_options(emulator))
    outcome = run_image_import(import_options(emulator, state='absent', disks=None), check_mode=True)
    assert outcome.result['changed'] and 'CancelTask' not in by_action(emulator)


@pytest.mark.parametrize('fault, cancels', [
    (dict(kind='drop_answer'), 1),  # carried out, answer lost: the task is read back, not cancelled again
    (dict(code='InternalError'), 2),  # refused: the task still runs, so the cancel is sent again
])
def test_a_cancel_without_answer_is_checked_before_it_is_sent_again(emulator, fault, cancels):
    run_image_import(import_options(emulator))
    emulator.fault(action='CancelTask', count=1, **fault)
    outcome = run_image_import(import_options(emulator, state='absent', disks=None))
    assert not outcome.failed and outcome.result['task']['task_status'] == 'Deleted'
    assert by_action(emulator)['CancelTask'] == cancels


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
    monkeypatch.setattr('ansible_collections.alicloud_ops.ecs.plugins.module_utils._images.ImageService.newest_task',
                        lagging)
    outcome = run_image_export(export_options(golden))
    assert not outcome.failed and outcome.result['changed'] and outcome.result['task_id'] == other['task_id']
    assert golden.requests()['by_code'].get('ImageIsExporting') == 1


def test_export_wait_returns_the_objects_written(emulator_factory):
    emulator = emulator_factory(time_scale=300)
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'}]})
    outcome = run_image_export(export_options(emulator, oss_prefix='nightly', image_format='vhd', wait=True))
    assert not outcome.failed, outcome.message
    task_id = outcome.result['task_id']
    assert outcome.result['task']['task_status'] == 'Finished'
    assert outcome.result['oss_objects'] == ['nightly_m-golden_%s.vhd' % task_id]
    assert outcome.result['oss_objects'][0] in emulator.control('GET', 'oss/exports')['objects']


def test_export_wait_fails_at_once_on_a_failed_export(emulator_factory):
    emulator = emulator_factory(time_scale=300)
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'}]})
    emulator.control('POST', 'oss/failing', {'export_outcome': 'Failed'})
    outcome = run_image_export(export_options(emulator, oss_bucket='failing', wait=True, wait_timeout=3600))
    assert outcome.failed and outcome.result['task']['task_status'] == 'Failed'
    assert '%s of image m-golden is Failed' % outcome.result['task_id'] in outcome.message
    assert outcome.result['oss_objects'] == [] and outcome.result['elapsed'] < 10


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
