# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's copy, share, family, tag and delete calls, driven by the official ECS SDK (V3 signature): its
request models name every parameter as the API does, and its response models read the answers."""

from __future__ import absolute_import, division, print_function

import pytest
from alibabacloud_ecs20140526 import models as m
from Tea.exceptions import TeaException

from ansible_collections.alicloud_ops.ecs.tests.unit.emulator.test_sdk_conformance import tea_client

SOURCE = {'image_id': 'm-golden', 'image_name': 'golden', 'size': 40}


@pytest.fixture
def world(emulator_factory):
    """An emulator whose copies are Creating in the answers of 2 DescribeImages calls, then Available; a deleted image
    is listed once more."""
    return emulator_factory({'images': [SOURCE], 'copy_polls': 2, 'delete_polls': 1, 'failing_copy_regions': ['cn-qingdao'],
                             'kms_keys': [{'key_id': 'key-sh', 'region': 'cn-shanghai'},
                                          {'key_id': 'key-off', 'region': 'cn-shanghai', 'enabled': False}],
                             'instances': [{'instance_id': 'i-1', 'image_id': 'm-used'}]})


def copy_request(**overrides):
    request = dict(region_id='cn-hangzhou', image_id='m-golden', destination_region_id='cn-shanghai',
                   destination_image_name='golden', tag=[m.CopyImageRequestTag(key='team', value='web')])
    request.update(overrides)
    return m.CopyImageRequest(**request)


def image_in(client, region, image_id):
    images = client.describe_images(m.DescribeImagesRequest(
        region_id=region, image_id=image_id, status='Creating,Waiting,Available,CreateFailed')).body.images.image
    return images[0] if images else None


def refused(call, request):
    with pytest.raises(TeaException) as caught:
        call(request)
    return caught.value.code


def test_a_copy_is_waiting_or_creating_then_available_with_its_tags(world):
    client = tea_client(world)
    copied = client.copy_image(copy_request(client_token='copy-1')).body
    assert copied.image_id.startswith('m-') and copied.request_id
    image = image_in(client, 'cn-shanghai', copied.image_id)
    assert image.status in ('Waiting', 'Creating') and image.is_copied is True
    assert [(t.tag_key, t.tag_value) for t in image.tags.tag] == [('team', 'web')]
    assert client.copy_image(copy_request(client_token='copy-1')).body.image_id == copied.image_id
    assert refused(client.copy_image, copy_request(destination_image_name='golden-2')) \
        == 'OperationDenied.ImageCopyConflict'  # a second copy to the same region
    assert client.copy_image(copy_request(destination_region_id='cn-beijing')).body.image_id  # another region: at once
    assert refused(client.cancel_copy_image, m.CancelCopyImageRequest(region_id='cn-hangzhou',
                                                                      image_id='m-golden')) == 'ImageCreatedNotFromCopy'
    assert image_in(client, 'cn-shanghai', copied.image_id).status == 'Creating'  # the second observation
    image = image_in(client, 'cn-shanghai', copied.image_id)
    assert image.status == 'Available' and image.progress in ('100%', '100')
    assert refused(client.copy_image, copy_request(destination_image_name='golden')) == 'InvalidImageName.Duplicated'
    assert refused(client.cancel_copy_image, m.CancelCopyImageRequest(region_id='cn-shanghai',
                                                                      image_id=copied.image_id)) == 'IncorrectImageStatus'


@pytest.mark.parametrize('overrides, code', [
    (dict(destination_region_id='cn-hangzhou'), 'IncorrectDestinationRegion'),
    (dict(destination_region_id='xx-none-1'), 'DestinationRegion.NotFound'),
    (dict(image_id='m-none'), 'InvalidImageId.NotFound'),
    (dict(kmskey_id='key-sh'), 'InvalidParameter.EncryptedIllegal'),
    (dict(kmskey_id='key-elsewhere', encrypted=True), 'InvalidParameter.KMSKeyId.NotFound'),
    (dict(kmskey_id='key-off', encrypted=True), 'InvalidParameter.KMSKeyId.CMKNotEnabled'),
    (dict(destination_image_name='aliyun-golden'), 'InvalidImageName.Malformed'),
    (dict(dry_run=True), 'DryRunOperation'),
])
def test_copy_refusals_carry_the_apis_codes(world, overrides, code):
    client = tea_client(world)
    assert refused(client.copy_image, copy_request(**overrides)) == code
    assert [i['Region'] for i in world.control('GET', 'images')['images']] == ['cn-hangzhou']  # nothing copied


def test_a_running_copy_is_cancelled_and_its_image_goes(world):
    client = tea_client(world)
    copied = client.copy_image(copy_request()).body
    client.cancel_copy_image(m.CancelCopyImageRequest(region_id='cn-shanghai', image_id=copied.image_id))
    assert image_in(client, 'cn-shanghai', copied.image_id) is None


def test_a_copy_to_a_failing_region_ends_create_failed(emulator_factory):
    running = emulator_factory({'images': [SOURCE], 'copy_seconds_per_gib': 0, 'failing_copy_regions': ['cn-qingdao']})
    client = tea_client(running)
    copied = client.copy_image(copy_request(destination_region_id='cn-qingdao')).body
    assert image_in(client, 'cn-qingdao', copied.image_id).status == 'CreateFailed'


def test_family_name_status_and_the_image_from_the_family(world):
    client = tea_client(world)
    client.modify_image_attribute(m.ModifyImageAttributeRequest(region_id='cn-hangzhou', image_id='m-golden',
                                                                image_family='web', description='The web image'))
    latest = client.describe_image_from_family(m.DescribeImageFromFamilyRequest(region_id='cn-hangzhou',
                                                                                image_family='web')).body.image
    assert (latest.image_id, latest.image_family, latest.description) == ('m-golden', 'web', 'The web image')
    found = client.describe_images(m.DescribeImagesRequest(region_id='cn-hangzhou', image_family='web')).body
    assert [i.image_id for i in found.images.image] == ['m-golden']
    assert refused(client.modify_image_attribute, m.ModifyImageAttributeRequest(
        region_id='cn-hangzhou', image_id='m-golden', image_family='-bad')) == 'InvalidImageFamily.Malformed'
    copied = client.copy_image(copy_request()).body
    assert refused(client.modify_image_attribute, m.ModifyImageAttributeRequest(
        region_id='cn-shanghai', image_id=copied.image_id, image_family='web')) == 'InvalidStatus.ImageIsCreating'
    client.modify_image_attribute(m.ModifyImageAttributeRequest(region_id='cn-hangzhou', image_id='m-golden',
                                                                status='Deprecated'))
    assert client.describe_image_from_family(m.DescribeImageFromFamilyRequest(
        region_id='cn-hangzhou', image_family='web')).body.image.image_id is None


def test_shares_past_ten_a_call_are_ignored_and_pages_read_back(world):
    client = tea_client(world)
    accounts = [str(100000 + n) for n in range(12)]
    client.modify_image_share_permission(m.ModifyImageSharePermissionRequest(
        region_id='cn-hangzhou', image_id='m-golden', add_account=accounts))
    first = client.describe_image_share_permission(m.DescribeImageSharePermissionRequest(
        region_id='cn-hangzhou', image_id='m-golden', page_size=5)).body
    assert first.total_count == 10 and len(first.accounts.account) == 5
    third = client.describe_image_share_permission(m.DescribeImageSharePermissionRequest(
        region_id='cn-hangzhou', image_id='m-golden', page_size=5, page_number=3)).body
    assert third.accounts.account == [] or third.accounts.account is None
    assert refused(client.delete_image, m.DeleteImageRequest(region_id='cn-hangzhou', image_id='m-golden')) \
        == 'ImageUseShared'
    for start in range(0, 40, 10):  # 10 shared above, 40 more: the limit of 50
        client.modify_image_share_permission(m.ModifyImageSharePermissionRequest(
            region_id='cn-hangzhou', image_id='m-golden', add_account=[str(200000 + n) for n in range(start, start + 10)]))
    assert refused(client.modify_image_share_permission, m.ModifyImageSharePermissionRequest(
        region_id='cn-hangzhou', image_id='m-golden', add_account=['999'])) == 'QuotaExceed.ShareImageUser'


def test_tags_are_set_listed_and_removed(world):
    client = tea_client(world)
    client.tag_resources(m.TagResourcesRequest(region_id='cn-hangzhou', resource_type='image', resource_id=['m-golden'],
                                               tag=[m.TagResourcesRequestTag(key='env', value='prod'),
                                                    m.TagResourcesRequestTag(key='team', value='web')]))
    listed = client.list_tag_resources(m.ListTagResourcesRequest(region_id='cn-hangzhou', resource_type='image',
                                                                 resource_id=['m-golden'])).body
    assert [(r.tag_key, r.tag_value) for r in listed.tag_resources.tag_resource] == [('env', 'prod'), ('team', 'web')]
    found = client.describe_images(m.DescribeImagesRequest(region_id='cn-hangzhou', tag=[
        m.DescribeImagesRequestTag(key='env', value='prod')])).body
    assert [i.image_id for i in found.images.image] == ['m-golden']
    client.untag_resources(m.UntagResourcesRequest(region_id='cn-hangzhou', resource_type='image',
                                                   resource_id=['m-golden'], tag_key=['env']))
    listed = client.list_tag_resources(m.ListTagResourcesRequest(region_id='cn-hangzhou', resource_type='image',
                                                                 resource_id=['m-golden'])).body
    assert [r.tag_key for r in listed.tag_resources.tag_resource] == ['team']


def test_delete_refuses_an_image_in_use_unless_forced_and_ignores_a_missing_one(world):
    world.control('POST', 'images', {'images': [{'image_id': 'm-used', 'image_name': 'used'}]})
    client = tea_client(world)
    used = client.describe_images(m.DescribeImagesRequest(region_id='cn-hangzhou', usage='instance')).body
    assert [i.image_id for i in used.images.image] == ['m-used'] and used.images.image[0].usage == 'instance'
    assert refused(client.delete_image, m.DeleteImageRequest(region_id='cn-hangzhou', image_id='m-used')) \
        == 'ImageUsingByInstance'
    client.delete_image(m.DeleteImageRequest(region_id='cn-hangzhou', image_id='m-used', force=True))
    assert image_in(client, 'cn-hangzhou', 'm-used').image_id == 'm-used'  # DeleteImage takes a little time
    assert client.delete_image(m.DeleteImageRequest(region_id='cn-hangzhou', image_id='m-used')).body.request_id
    assert image_in(client, 'cn-hangzhou', 'm-used') is None
    assert client.delete_image(m.DeleteImageRequest(region_id='cn-hangzhou', image_id='m-gone')).body.request_id


def test_under_the_strict_reading_one_image_is_copied_once_at_a_time(emulator_factory):
    client = tea_client(emulator_factory({'images': [SOURCE], 'copy_polls': 2, 'copy_conflict': 'any_region'}))
    client.copy_image(copy_request())
    assert refused(client.copy_image, copy_request(destination_region_id='cn-beijing')) \
        == 'OperationDenied.ImageCopyConflict'


def test_a_copy_keeps_the_boot_mode_and_loses_the_features_which_are_set_again(world):
    client = tea_client(world)
    world.control('POST', 'images', {'images': [{'image_id': 'm-nvme', 'image_name': 'nvme', 'boot_mode': 'UEFI',
                                                 'nvme_support': 'supported', 'imds_support': 'v2'}]})
    source = image_in(client, 'cn-hangzhou', 'm-nvme')
    assert (source.boot_mode, source.features.nvme_support, source.features.imds_support) == ('UEFI', 'supported', 'v2')
    copied = client.copy_image(copy_request(image_id='m-nvme', destination_image_name='nvme')).body
    for dummy in range(3):
        copy = image_in(client, 'cn-shanghai', copied.image_id)
    assert copy.status == 'Available'
    assert (copy.boot_mode, copy.features.nvme_support, copy.features.imds_support) == ('UEFI', 'unsupported', 'v1')
    client.modify_image_attribute(m.ModifyImageAttributeRequest(
        region_id='cn-shanghai', image_id=copied.image_id, boot_mode='UEFI-Preferred',
        features=m.ModifyImageAttributeRequestFeatures(nvme_support='supported', imds_support='v2')))
    copy = image_in(client, 'cn-shanghai', copied.image_id)
    assert (copy.boot_mode, copy.features.nvme_support, copy.features.imds_support) == (
        'UEFI-Preferred', 'supported', 'v2')
    assert refused(client.modify_image_attribute, m.ModifyImageAttributeRequest(
        region_id='cn-shanghai', image_id=copied.image_id,
        features=m.ModifyImageAttributeRequestFeatures(nvme_support='yes'))) == 'InvalidParameter'
