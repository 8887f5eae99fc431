# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_import import import_parameters, run_image_import
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.oss_object import run_oss_object
from ansible_collections.alicloud_ops.ecs.tests import disk_files

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
                                    nvme_support='supported', detection_strategy='Standard',
                                    tags={'team': 'web', 'env': None}, role_name='ImportRole', description=None))
    assert params == {
        'RegionId': None, 'ImageName': 'golden',
        'DiskDeviceMapping.1.OSSBucket': 'images', 'DiskDeviceMapping.1.OSSObject': 'golden.qcow2',
        'DiskDeviceMapping.1.Format': 'QCOW2', 'DiskDeviceMapping.1.DiskImageSize': '40',
        'DiskDeviceMapping.2.OSSBucket': 'images', 'DiskDeviceMapping.2.OSSObject': 'data.raw',
        'Architecture': 'arm64', 'OSType': 'linux', 'Platform': 'Ubuntu', 'BootMode': 'UEFI', 'RoleName': 'ImportRole',
        'Features.NvmeSupport': 'supported', 'DetectionStrategy': 'Standard',
        'Tag.1.Key': 'env', 'Tag.1.Value': '', 'Tag.2.Key': 'team', 'Tag.2.Value': 'web'}


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


def test_wait_follows_the_task_to_finished_and_the_image_to_available(emulator):
    emulator.control('POST', 'config', {'task_polls': {'ImportImage': {'waiting': 1, 'processing': 2}}})
    outcome = run_image_import(import_options(emulator, wait=True))
    assert not outcome.failed, outcome.message
    assert outcome.result['task']['task_status'] == 'Finished' and outcome.result['image']['status'] == 'Available'
    assert outcome.result['image']['progress'] == 100
    # a poll reads the task (Waiting, Processing, Processing, Finished), then, once it is Finished, the image
    calls = emulator.requests()['by_action']
    assert (calls['DescribeTasks'], calls['DescribeImages']) == (4, 1 + 1)  # the look-up by name before the import
    assert outcome.result['elapsed'] >= 3 * 0.05


def test_wait_fails_at_once_on_a_failed_import_naming_task_image_and_state(emulator):
    emulator.control('POST', 'config', {'task_polls': {'ImportImage': 2}})
    outcome = run_image_import(import_options(emulator, disks=[dict(DISK, oss_object='broken.qcow2')], wait=True,
                                              wait_timeout=3600))
    task_id, image_id = outcome.result['task_id'], outcome.result['image_id']
    assert outcome.failed and task_id in outcome.message and image_id in outcome.message
    assert 'is Failed' in outcome.message and outcome.result['task']['task_status'] == 'Failed'
    assert outcome.result['polls'] == 3  # the first poll that saw it Failed


def test_a_failed_import_names_the_api_s_reason(emulator, tmp_path):
    disk = str(tmp_path / 'disk.raw')
    disk_files.gpt(disk, 4 << 20)
    uploaded = run_oss_object(emulator.options(
        oss_endpoint=emulator.url, bucket='images', object='disk.raw', src=disk, dest=None, state='present',
        overwrite='different', part_size=None, parallel=3, metadata=None, endpoint_type='public'))
    assert not uploaded.failed, uploaded.message
    emulator.control('POST', 'config', {'task_polls': {'ImportImage': 1}})
    outcome = run_image_import(import_options(emulator, disks=[dict(DISK, oss_object='disk.raw', format='QCOW2')],
                                              wait=True, wait_timeout=3600))
    assert outcome.failed and outcome.message.endswith(
        'is Failed (InvalidImageFormat.NotMatch: The format of the image file (RAW) does not match the specified '
        'Format QCOW2.)')
    assert by_action(emulator)['DescribeTaskAttribute'] == 1


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
