# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's image actions, by raw signed requests: ImportImage, DescribeImages and CancelTask as the API
reference describes them, and the fault that drops an answer after carrying the call out."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.tests.unit.emulator.test_protocol import error_of, send, signed

IMPORT = {'RegionId': 'cn-hangzhou', 'ImageName': 'golden-web', 'DiskDeviceMapping.1.OSSBucket': 'images',
          'DiskDeviceMapping.1.OSSObject': 'golden.qcow2'}


def call(emulator, action, params):
    return send(emulator, signed(params, action=action, method='POST'), 'POST')


def describe(emulator, **params):
    answer = call(emulator, 'DescribeImages', dict({'RegionId': 'cn-hangzhou'}, **params))
    assert answer.status_code == 200, answer.text
    return answer.json()


def names(answer):
    return sorted(image['ImageName'] for image in answer['Images']['Image'])


def test_an_import_makes_a_creating_image_that_follows_its_task(emulator_factory):
    emulator = emulator_factory(time_scale=1)
    answer = call(emulator, 'ImportImage', IMPORT).json()
    assert set(answer) == {'RegionId', 'TaskId', 'ImageId', 'RequestId'}
    assert describe(emulator)['Images']['Image'] == []  # the default Status filter: Available only
    image = describe(emulator, Status='Creating,Available')['Images']['Image'][0]
    assert (image['ImageId'], image['Status'], image['ImageName']) == (answer['ImageId'], 'Creating', 'golden-web')
    emulator.control('POST', 'tasks/' + answer['TaskId'], {'status': 'Finished'})
    image = describe(emulator)['Images']['Image'][0]
    assert (image['Status'], image['Progress'], image['Size']) == ('Available', '100%', 20)
    emulator.control('POST', 'tasks/' + answer['TaskId'], {'status': 'Failed'})
    assert describe(emulator, Status='CreateFailed')['TotalCount'] == 1


def test_an_object_fixture_makes_the_import_fail(emulator):
    emulator.control('POST', 'clock', {'freeze': True})
    answer = call(emulator, 'ImportImage', dict(IMPORT, **{'DiskDeviceMapping.1.OSSObject': 'broken.qcow2'})).json()
    emulator.control('POST', 'tasks/' + answer['TaskId'], {'status': None, 'processing_seconds': 0})
    assert [t['TaskStatus'] for t in emulator.control('GET', 'tasks')['tasks']] == ['Waiting']  # 5 s of waiting
    emulator.control('POST', 'clock', {'advance': 5})
    assert [t['TaskStatus'] for t in emulator.control('GET', 'tasks')['tasks']] == ['Failed']


def test_describe_images_matches_names_loosely_and_pages(emulator):
    emulator.control('POST', 'images', {'images': [{'image_name': name} for name in
                                                   ('web', 'web-2', 'Legacy-WEB', 'db', 'webserver')]})
    assert names(describe(emulator, ImageName='web')) == ['Legacy-WEB', 'web', 'web-2', 'webserver']
    first = describe(emulator, PageSize='2')
    second = describe(emulator, PageSize='2', PageNumber='3')
    assert (first['TotalCount'], len(first['Images']['Image']), len(second['Images']['Image'])) == (5, 2, 1)
    assert describe(emulator)['PageSize'] == 10


def test_describe_images_filters_ids_statuses_and_owner(emulator):
    seeded = emulator.control('POST', 'images', {'images': [
        {'image_id': 'm-a', 'image_name': 'a'}, {'image_id': 'm-b', 'image_name': 'b', 'status': 'CreateFailed'},
        {'image_id': 'm-c', 'image_name': 'c', 'owner_alias': 'system'}]})
    assert len(seeded['images']) == 3
    assert names(describe(emulator, ImageId='m-a,m-b')) == ['a']
    assert names(describe(emulator, ImageId='m-a,m-b', Status='Available,CreateFailed')) == ['a', 'b']
    assert names(describe(emulator, ImageOwnerAlias='self', Status='ALL')) == ['a', 'b']
    assert error_of(call(emulator, 'DescribeImages', {'RegionId': 'cn-hangzhou', 'Status': 'Broken'})) == \
        (400, 'InvalidParameter')


@pytest.mark.parametrize('change, expected', [
    ({'DiskDeviceMapping.1.OSSBucket': None, 'DiskDeviceMapping.1.OSSObject': None},
     (403, 'MissingParameter.DiskDeviceMapping')),
    ({'DiskDeviceMapping.1.OSSObject': None}, (400, 'MissingParameter')),
    ({'DiskDeviceMapping.1.OSSBucket': 'nope'}, (400, 'InvalidOSSBucket.NotFound')),
    ({'DiskDeviceMapping.1.OSSObject': 'nope.raw'}, (400, 'InvalidOSSObject.NotFound')),
    ({'DiskDeviceMapping.1.OSSBucket': 'no-role'}, (403, 'NoSetRoletoECSServiceAcount')),
    ({'DiskDeviceMapping.1.Format': 'ISO'}, (400, 'InvalidImageFormat.Malformed')),
    ({'DiskDeviceMapping.1.DiskImageSize': '2049'}, (400, 'InvalidImageSize')),
    ({'ImageName': 'aliyun-web'}, (400, 'InvalidImageName.Malformed')),
    ({'ImageName': '1web'}, (400, 'InvalidImageName.Malformed')),
    ({'Architecture': 'sparc'}, (400, 'InvalidArchitecture.Malformed')),
    ({'Platform': 'Plan 9'}, (400, 'InvalidPlatform.Malformed')),
    ({'Architecture': 'arm64', 'BootMode': 'BIOS'}, (400, 'InvalidParameter')),
    ({'RegionId': 'cn-shanghai'}, (400, 'InvalidOSSBucket.NotFound')),
    ({'DryRun': 'True'}, (400, 'DryRunOperation')),
])
def test_import_errors_as_the_reference_lists_them(emulator, change, expected):
    params = dict(IMPORT, **change)
    params = dict((k, v) for k, v in params.items() if v is not None)
    assert error_of(call(emulator, 'ImportImage', params)) == expected
    assert emulator.control('GET', 'tasks')['tasks'] == []


def test_a_taken_name_is_refused(emulator):
    assert call(emulator, 'ImportImage', IMPORT).status_code == 200
    assert error_of(call(emulator, 'ImportImage', IMPORT)) == (400, 'InvalidImageName.Duplicated')


def test_a_client_token_replays_the_first_answer_and_refuses_another_request(emulator):
    first = call(emulator, 'ImportImage', dict(IMPORT, ClientToken='token-1')).json()
    again = call(emulator, 'ImportImage', dict(IMPORT, ClientToken='token-1')).json()
    assert (again['TaskId'], again['ImageId']) == (first['TaskId'], first['ImageId'])
    assert again['RequestId'] != first['RequestId']
    assert len(emulator.control('GET', 'tasks')['tasks']) == 1
    other = dict(IMPORT, ClientToken='token-1', ImageName='golden-db')
    assert error_of(call(emulator, 'ImportImage', other)) == (400, 'IdempotentParameterMismatch')


def test_a_dropped_answer_still_carries_the_call_out(emulator):
    emulator.fault(kind='drop_answer', action='ImportImage', count=1)
    with pytest.raises(Exception):
        call(emulator, 'ImportImage', IMPORT)
    assert len(emulator.control('GET', 'tasks')['tasks']) == 1
    assert emulator.requests()['by_code'] == {'AnswerDropped': 1}


def test_cancel_task_rules(emulator):
    running = call(emulator, 'ImportImage', IMPORT).json()['TaskId']
    other = emulator.seed({'task_action': 'ModifyDiskSpec'})[0]
    done = emulator.seed({'task_action': 'ExportImage', 'status': 'Finished'})[0]
    assert call(emulator, 'CancelTask', {'RegionId': 'cn-hangzhou', 'TaskId': running}).status_code == 200
    assert describe(emulator, Status='ALL')['TotalCount'] == 0  # a cancelled import leaves no image
    assert error_of(call(emulator, 'CancelTask', {'RegionId': 'cn-hangzhou', 'TaskId': running})) == \
        (403, 'InvalidTaskId.IncorrectTaskStatus')
    assert error_of(call(emulator, 'CancelTask', {'RegionId': 'cn-hangzhou', 'TaskId': done})) == \
        (403, 'InvalidTaskId.IncorrectTaskStatus')
    assert error_of(call(emulator, 'CancelTask', {'RegionId': 'cn-hangzhou', 'TaskId': other})) == \
        (403, 'InvalidTaskId.TaskActionNotSupport')
    assert error_of(call(emulator, 'CancelTask', {'RegionId': 'cn-hangzhou', 'TaskId': 't-none'})) == \
        (400, 'InvalidTaskId.NotFound')


def test_legacy_task_id_field_quirk(emulator):
    emulator.control('POST', 'config', {'quirks': {'task_id_field': 'legacy'}})
    answer = call(emulator, 'ImportImage', IMPORT).json()
    assert 'ImportTaskId' in answer and 'TaskId' not in answer


def test_oss_objects_can_be_added_by_the_control_api(emulator):
    emulator.control('POST', 'oss/builds', {'region': 'cn-hangzhou', 'objects': {'x.raw': {'size_gib': 8}}})
    params = dict(IMPORT, **{'DiskDeviceMapping.1.OSSBucket': 'builds', 'DiskDeviceMapping.1.OSSObject': 'x.raw'})
    assert call(emulator, 'ImportImage', params).status_code == 200


def test_an_export_writes_an_object_that_can_be_imported_again(emulator):
    imported = call(emulator, 'ImportImage', IMPORT).json()
    export = {'RegionId': 'cn-hangzhou', 'ImageId': imported['ImageId'], 'OSSBucket': 'exports'}
    assert error_of(call(emulator, 'ExportImage', export)) == (400, 'IncorrectImageStatus')
    emulator.control('POST', 'tasks/' + imported['TaskId'], {'status': 'Finished'})
    task_id = call(emulator, 'ExportImage', export).json()['TaskId']
    key = '%s_%s.raw.tar.gz' % (imported['ImageId'], task_id)
    assert key not in emulator.control('GET', 'oss/exports')['objects']
    emulator.control('POST', 'tasks/' + task_id, {'status': 'Finished'})
    assert emulator.control('GET', 'oss/exports')['objects'][key] == {'size_gib': 20}
    again = dict(IMPORT, ImageName='golden-again', **{'DiskDeviceMapping.1.OSSBucket': 'exports',
                                                      'DiskDeviceMapping.1.OSSObject': key})
    assert call(emulator, 'ImportImage', again).status_code == 200


def test_export_rules(emulator):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-pub', 'image_name': 'pub', 'owner_alias': 'system'},
                                                   {'image_id': 'm-mine', 'image_name': 'mine'}]})
    export = {'RegionId': 'cn-hangzhou', 'OSSBucket': 'exports'}
    assert error_of(call(emulator, 'ExportImage', dict(export, ImageId='m-pub'))) == (404, 'InvalidImageId.NotFound')
    assert error_of(call(emulator, 'ExportImage', {'RegionId': 'cn-hangzhou', 'ImageId': 'm-mine'})) == \
        (400, 'MissingParameter')
    assert error_of(call(emulator, 'ExportImage', dict(export, ImageId='m-mine', OSSBucket='no-role'))) == \
        (403, 'NoSetRoletoECSServiceAcount')
    assert error_of(call(emulator, 'ExportImage', dict(export, ImageId='m-mine', OSSPrefix='x' * 31))) == \
        (400, 'InvalidOSSPrefix.Malformed')
    assert call(emulator, 'ExportImage', dict(export, ImageId='m-mine')).status_code == 200
    assert error_of(call(emulator, 'ExportImage', dict(export, ImageId='m-mine'))) == (403, 'ImageIsExporting')
