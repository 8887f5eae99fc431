# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator, driven by the official Alibaba Cloud SDKs: if they accept it, it speaks the real protocol."""

from __future__ import absolute_import, division, print_function

import json
from urllib.parse import urlsplit

import oss2
import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.client import AcsClient
from aliyunsdkecs.request.v20140526.DescribeImagesRequest import DescribeImagesRequest
from aliyunsdkecs.request.v20140526.DescribeTaskAttributeRequest import DescribeTaskAttributeRequest
from aliyunsdkecs.request.v20140526.DescribeTasksRequest import DescribeTasksRequest
from aliyunsdkecs.request.v20140526.ExportImageRequest import ExportImageRequest
from aliyunsdkecs.request.v20140526.ImportImageRequest import ImportImageRequest
from alibabacloud_ecs20140526 import models as ecs_models
from alibabacloud_ecs20140526.client import Client as TeaEcsClient
from alibabacloud_tea_openapi.utils_models import Config

from ansible_collections.alicloud_ops.ecs.tests import disk_files
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import ACCESS_KEY, SECRET


def core_request(emulator, request):
    request.set_endpoint(urlsplit(emulator.url).netloc)
    request.set_protocol_type('http')
    return request


def core_client(secret=SECRET):
    return AcsClient(ACCESS_KEY, secret, 'cn-hangzhou', auto_retry=False)


def tea_client(emulator, secret=SECRET):
    return TeaEcsClient(Config(access_key_id=ACCESS_KEY, access_key_secret=secret, region_id='cn-hangzhou',
                               endpoint=urlsplit(emulator.url).netloc, protocol='http'))


def test_core_sdk_v1_import_describe_and_attribute(emulator):
    client = core_client()
    request = core_request(emulator, ImportImageRequest())
    request.set_ImageName('golden')
    request.set_DiskDeviceMappings([{'OSSBucket': 'images', 'OSSObject': 'golden.qcow2', 'Format': 'qcow2'}])
    imported = json.loads(client.do_action_with_exception(request))
    assert imported['TaskId'].startswith('t-') and imported['ImageId'].startswith('m-') and imported['RequestId']

    request = core_request(emulator, DescribeTasksRequest())
    request.set_TaskAction('ImportImage')
    request.set_TaskIds(imported['TaskId'])
    request.set_PageSize(100)
    described = json.loads(client.do_action_with_exception(request))
    task = described['TaskSet']['Task'][0]
    assert (task['TaskId'], task['ResourceId'], described['TotalCount']) == (imported['TaskId'], imported['ImageId'], 1)

    request = core_request(emulator, DescribeTaskAttributeRequest())
    request.set_TaskId(imported['TaskId'])
    attribute = json.loads(client.do_action_with_exception(request))
    assert attribute['TaskId'] == imported['TaskId'] and attribute['TaskProcess'].endswith('%')


def test_core_sdk_resource_ids_past_ten(emulator):
    image_ids = ['m-%02d' % i for i in range(12)]
    emulator.seed(*[{'task_action': 'ExportImage', 'resource_id': i} for i in image_ids])
    request = core_request(emulator, DescribeTasksRequest())
    request.set_TaskAction('ExportImage')
    request.set_ResourceIdss(image_ids[-11:])
    described = json.loads(core_client().do_action_with_exception(request))
    assert described['TotalCount'] == 11


def test_core_sdk_reports_a_wrong_secret_as_invalid_access_key_secret(emulator):
    request = core_request(emulator, DescribeTasksRequest())
    request.set_TaskAction('ImportImage')
    with pytest.raises(ServerException) as caught:
        core_client(secret='not-the-secret').do_action_with_exception(request)
    assert caught.value.get_error_code() == 'InvalidAccessKeySecret'
    assert caught.value.get_request_id()


def test_core_sdk_export_image_and_its_related_items(emulator):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'}]})
    request = core_request(emulator, ExportImageRequest())
    request.set_ImageId('m-golden')
    request.set_OSSBucket('exports')
    request.set_OSSPrefix('nightly')
    request.set_ImageFormat('qcow2')
    exported = json.loads(core_client().do_action_with_exception(request))
    assert exported['TaskId'].startswith('t-')
    with pytest.raises(ServerException) as caught:
        core_client().do_action_with_exception(request)
    assert (caught.value.get_error_code(), caught.value.get_http_status()) == ('ImageIsExporting', 403)

    request = core_request(emulator, DescribeTaskAttributeRequest())
    request.set_TaskId(exported['TaskId'])
    attribute = json.loads(core_client().do_action_with_exception(request))
    items = attribute['OperationProgressSet']['OperationProgress'][0]['RelatedItemSet']['RelatedItem']
    assert dict((i['Name'], i['Value']) for i in items) == {
        'OSSBucket': 'exports', 'OSSObject': 'nightly_m-golden_%s.qcow2' % exported['TaskId'], 'ImageFormat': 'qcow2'}


@pytest.mark.parametrize('change, code, status', [
    (dict(image_id='m-none'), 'InvalidImageId.NotFound', 404),
    (dict(ossbucket='nowhere'), 'InvalidOSSBucket.NotFound', 400),
    (dict(ossprefix='not_alnum'), 'InvalidOSSPrefix.Malformed', 400),
    (dict(image_format='iso'), 'InvalidImageFormat.Malformed', 400),
    (dict(image_id='m-creating'), 'IncorrectImageStatus', 400),
    (dict(dry_run=True), 'DryRunOperation', 400),
])
def test_tea_sdk_v3_export_errors(emulator, change, code, status):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-golden', 'image_name': 'golden'},
                                                   {'image_id': 'm-creating', 'image_name': 'new', 'status': 'Creating'}]})
    request = dict(region_id='cn-hangzhou', image_id='m-golden', ossbucket='exports', image_format='vhd')
    request.update(change)
    with pytest.raises(Exception) as caught:
        tea_client(emulator).export_image(ecs_models.ExportImageRequest(**request))
    assert (caught.value.code, caught.value.statusCode) == (code, status)
    assert emulator.control('GET', 'tasks')['tasks'] == []


def test_tea_sdk_v3_import_describe_and_attribute(emulator):
    client = tea_client(emulator)
    imported = client.import_image(ecs_models.ImportImageRequest(
        region_id='cn-hangzhou', image_name='golden',
        disk_device_mapping=[ecs_models.ImportImageRequestDiskDeviceMapping(ossbucket='images', ossobject='a.raw')]))
    task_id = imported.body.task_id
    assert task_id.startswith('t-') and imported.body.image_id.startswith('m-')
    described = client.describe_tasks(ecs_models.DescribeTasksRequest(region_id='cn-hangzhou',
                                                                      task_action='ImportImage', task_ids=task_id))
    assert described.body.total_count == 1 and described.body.task_set.task[0].task_id == task_id
    attribute = client.describe_task_attribute(ecs_models.DescribeTaskAttributeRequest(region_id='cn-hangzhou',
                                                                                       task_id=task_id))
    assert attribute.body.task_process.endswith('%')
    assert all(entry['signature'] == 'v3' for entry in emulator.requests()['requests'])


def test_tea_sdk_v3_an_uploaded_file_the_import_cannot_take_fails_its_task_and_a_check_reports(
        emulator_factory, tmp_path):
    emulator = emulator_factory({'oss_buckets': {'images': {'region': 'cn-hangzhou', 'objects': {}, 'detection_items': [
        {'Name': 'Virtio', 'RiskCode': 'Virtio.NotFound', 'RiskLevel': 'High', 'Value': ''}]}}})
    bucket = oss2.Bucket(oss2.Auth(ACCESS_KEY, SECRET), emulator.url, 'images', region='cn-hangzhou')
    disk = str(tmp_path / 'disk.raw')
    disk_files.gpt(disk, 2 << 20)
    bucket.put_object_from_file('disk.raw', disk)
    client = tea_client(emulator)
    emulator.control('POST', 'clock', {'freeze': True})
    started = {}
    for name, image_format in (('wrong', 'QCOW2'), ('right', 'RAW')):
        started[name] = client.import_image(ecs_models.ImportImageRequest(
            region_id='cn-hangzhou', image_name=name, detection_strategy='Standard',
            disk_device_mapping=[ecs_models.ImportImageRequestDiskDeviceMapping(
                ossbucket='images', ossobject='disk.raw', format=image_format)])).body
    emulator.control('POST', 'clock', {'advance': 3600})
    attribute = client.describe_task_attribute(ecs_models.DescribeTaskAttributeRequest(
        region_id='cn-hangzhou', task_id=started['wrong'].task_id)).body
    operation = attribute.operation_progress_set.operation_progress[0]
    assert (attribute.task_status, operation.operation_status, operation.error_code) == (
        'Failed', 'Failed', 'InvalidImageFormat.NotMatch')
    assert operation.error_msg == 'The format of the image file (RAW) does not match the specified Format QCOW2.'
    images = client.describe_images(ecs_models.DescribeImagesRequest(region_id='cn-hangzhou', status='Available')).body
    image = images.images.image[0]
    assert (image.image_id, image.size, image.detection_options.status) == (started['right'].image_id, 1, 'Finished')
    item = image.detection_options.items.item[0]
    assert (item.name, item.risk_code, item.risk_level) == ('Virtio', 'Virtio.NotFound', 'High')


def test_tea_sdk_v3_wrong_secret_and_unknown_region(emulator):
    with pytest.raises(Exception) as caught:
        tea_client(emulator, secret='nope').describe_tasks(
            ecs_models.DescribeTasksRequest(region_id='cn-hangzhou', task_action='ImportImage'))
    assert caught.value.code == 'SignatureDoesNotMatch'
    with pytest.raises(Exception) as caught:
        tea_client(emulator).describe_tasks(ecs_models.DescribeTasksRequest(region_id='xx-none-1',
                                                                            task_action='ImportImage'))
    assert caught.value.code == 'InvalidRegionId.NotFound'


# --- the image actions ----------------------------------------------------------------------------

def test_tea_sdk_v3_import_with_client_token_dry_run_describe_images_and_cancel(emulator):
    client = tea_client(emulator)
    request = ecs_models.ImportImageRequest(
        region_id='cn-hangzhou', image_name='golden-web', architecture='x86_64', ostype='linux', platform='Ubuntu',
        client_token='sdk-token-1', tag=[ecs_models.ImportImageRequestTag(key='team', value='web')],
        disk_device_mapping=[ecs_models.ImportImageRequestDiskDeviceMapping(
            ossbucket='images', ossobject='golden.qcow2', format='QCOW2', disk_image_size=40)])
    request.dry_run = True
    with pytest.raises(Exception) as caught:
        client.import_image(request)
    assert caught.value.code == 'DryRunOperation' and caught.value.statusCode == 400
    request.dry_run = None
    imported = client.import_image(request)
    again = client.import_image(request)
    assert (again.body.task_id, again.body.image_id) == (imported.body.task_id, imported.body.image_id)

    images = client.describe_images(ecs_models.DescribeImagesRequest(
        region_id='cn-hangzhou', image_name='golden', status='Creating,Available', image_owner_alias='self',
        page_size=100))
    image = images.body.images.image[0]
    assert (images.body.total_count, image.image_id, image.image_name, image.status, image.size) == \
        (1, imported.body.image_id, 'golden-web', 'Creating', 40)
    assert client.describe_images(ecs_models.DescribeImagesRequest(region_id='cn-hangzhou')).body.total_count == 0

    cancelled = client.cancel_task(ecs_models.CancelTaskRequest(region_id='cn-hangzhou', task_id=imported.body.task_id))
    assert cancelled.body.request_id
    with pytest.raises(Exception) as caught:
        client.cancel_task(ecs_models.CancelTaskRequest(region_id='cn-hangzhou', task_id=imported.body.task_id))
    assert caught.value.code == 'InvalidTaskId.IncorrectTaskStatus' and caught.value.statusCode == 403


def test_core_sdk_v1_import_errors_and_describe_images(emulator):
    client = core_client()
    request = core_request(emulator, ImportImageRequest())
    request.set_ImageName('golden-db')
    request.set_DiskDeviceMappings([{'OSSBucket': 'images', 'OSSObject': 'missing.raw'}])
    with pytest.raises(ServerException) as caught:
        client.do_action_with_exception(request)
    assert (caught.value.get_error_code(), caught.value.get_http_status()) == ('InvalidOSSObject.NotFound', 400)
    request.set_DiskDeviceMappings([{'OSSBucket': 'no-role', 'OSSObject': 'golden.qcow2'}])
    with pytest.raises(ServerException) as caught:
        client.do_action_with_exception(request)
    assert (caught.value.get_error_code(), caught.value.get_http_status()) == ('NoSetRoletoECSServiceAcount', 403)
    request.set_DiskDeviceMappings([{'OSSBucket': 'images', 'OSSObject': 'db.vhd', 'Format': 'VHD'}])
    imported = json.loads(client.do_action_with_exception(request))

    request = core_request(emulator, DescribeImagesRequest())
    request.set_ImageId(imported['ImageId'])
    request.set_Status('Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated')
    described = json.loads(client.do_action_with_exception(request))
    image = described['Images']['Image'][0]
    assert (image['ImageId'], image['Status'], image['Size']) == (imported['ImageId'], 'Creating', 80)
