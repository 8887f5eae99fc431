# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's RAM policies and accounts: what a key may call, decided as RAM decides it and refused as ECS and
OSS refuse it (checked with the official SDKs), the actions each key used, and what a second account sees of the
images shared with it."""

from __future__ import absolute_import, division, print_function

from urllib.parse import urlsplit

import oss2
import pytest
from alibabacloud_ecs20140526 import models as m
from alibabacloud_ecs20140526.client import Client as TeaEcsClient
from alibabacloud_tea_openapi.models import Config
from Tea.exceptions import TeaException

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client
from ansible_collections.alicloud_ops.ecs.tests.emulator.ram import check_policy, decide

OWNER = '1234567890123456'
SHAREE = '2000000000000002'
READER = {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': ['ecs:Describe*'], 'Resource': '*'},
                                        {'Effect': 'Deny', 'Action': 'ecs:DescribeSnapshots', 'Resource': '*'}]}
UPLOADER = {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': ['oss:GetObject'], 'Resource': ['*']}]}


@pytest.fixture
def world(emulator_factory):
    return emulator_factory({
        'access_keys': [{'id': 'reader', 'secret': 'r', 'policy': READER},
                        {'id': 'uploader', 'secret': 'u', 'policy': UPLOADER},
                        {'id': 'sharee', 'secret': 's', 'account_id': SHAREE}],
        'oss_buckets': {'images': {'region': 'cn-hangzhou', 'objects': {'a.raw': {'bytes': 1024}}}},
        'images': [{'image_id': 'm-v1', 'image_name': 'golden-v1', 'image_family': 'golden', 'age_seconds': 60,
                    'shared_with': [SHAREE]},
                   {'image_id': 'm-v2', 'image_name': 'golden-v2', 'image_family': 'golden'},
                   {'image_id': 'm-mine', 'image_name': 'mine', 'owner_id': SHAREE}]})


def sdk(emulator, key, secret):
    return TeaEcsClient(Config(access_key_id=key, access_key_secret=secret, region_id='cn-hangzhou',
                               endpoint=urlsplit(emulator.url).netloc, protocol='http'))


def ours(emulator, key, secret, **options):
    return ecs_client(emulator.options(access_key=key, secret_key=secret, max_retries=0, **options))


@pytest.mark.parametrize('action, decision', [
    ('ecs:DescribeImages', 'Allow'),
    ('ECS:describeimages', 'Allow'),  # actions match whatever their case
    ('ecs:DescribeSnapshots', 'ExplicitDeny'),  # a Deny wins over an Allow
    ('ecs:CopyImage', 'ImplicitDeny'),
])
def test_a_policy_allows_its_actions_and_their_wildcards_and_a_deny_wins(action, decision):
    assert decide(check_policy(READER), action) == decision
    assert decide(None, action) == 'Allow'  # a key without a policy may do anything


@pytest.mark.parametrize('statement', [
    {'Effect': 'Allow', 'Action': 'ecs:*', 'Resource': 'acs:ecs:*:*:image/*'},
    {'Effect': 'Allow', 'Action': 'ecs:*', 'Resource': '*', 'Condition': {}},
    {'Effect': 'Allow', 'NotAction': 'ecs:*', 'Resource': '*'},
    {'Effect': 'Maybe', 'Action': 'ecs:*', 'Resource': '*'},
])
def test_a_policy_the_emulator_cannot_decide_is_refused_when_loaded(statement):
    with pytest.raises(ValueError):
        check_policy({'Statement': [statement]})


def test_an_ecs_call_outside_the_policy_is_forbidden_ram_naming_the_action(world):
    client = sdk(world, 'reader', 'r')
    assert client.describe_images(m.DescribeImagesRequest(region_id='cn-hangzhou')).body.total_count == 2
    with pytest.raises(TeaException) as refused:
        client.copy_image(m.CopyImageRequest(region_id='cn-hangzhou', image_id='m-v2',
                                             destination_region_id='cn-shanghai'))
    assert refused.value.code == 'Forbidden.RAM' and refused.value.data['statusCode'] == 403
    assert refused.value.data['AccessDeniedDetail']['AuthAction'] == 'ecs:CopyImage'
    assert refused.value.data['AccessDeniedDetail']['NoPermissionType'] == 'ImplicitDeny'
    with pytest.raises(ApiError) as denied:
        ours(world, 'reader', 'r', ram_policy='docs/permissions/reader.json').call(
            'DescribeSnapshots', {'RegionId': 'cn-hangzhou'})
    assert denied.value.permission == 'ecs:DescribeSnapshots' and denied.value.request_id
    assert 'lacks the RAM permission ecs:DescribeSnapshots' in str(denied.value)
    assert 'docs/permissions/reader.json' in str(denied.value)
    keys = world.control('GET', 'access')['keys']
    assert keys['reader'] == {'account_id': OWNER, 'actions': ['ecs:DescribeImages']}  # allowed calls only


def test_an_oss_call_outside_the_policy_is_access_denied_naming_the_action(world):
    bucket = oss2.Bucket(oss2.AuthV4('uploader', 'u'), world.url, 'images', region='cn-hangzhou')
    assert bucket.get_object('a.raw').read() and bucket.head_object('a.raw').content_length == 1024
    with pytest.raises(oss2.exceptions.AccessDenied) as refused:
        bucket.put_object('b.raw', b'data')
    assert 'oss:PutObject' in refused.value.body.decode()
    assert world.control('GET', 'access')['keys']['uploader']['actions'] == ['oss:GetObject']


def test_an_account_sees_the_images_shared_with_it_as_others_and_no_other(world):
    sharee = sdk(world, 'sharee', 's')

    def listed(alias):
        return [(i.image_id, i.image_owner_alias, i.image_owner_id, i.image_family)
                for i in sharee.describe_images(m.DescribeImagesRequest(
                    region_id='cn-hangzhou', image_owner_alias=alias)).body.images.image]
    assert listed('others') == [('m-v1', 'others', int(OWNER), 'acs:%s:golden' % OWNER)]
    assert listed('self') == [('m-mine', 'self', int(SHAREE), '')]
    assert sorted(i[0] for i in listed(None)) == ['m-mine', 'm-v1']
    for family in ('golden', 'acs:%s:golden' % OWNER):
        found = sharee.describe_image_from_family(m.DescribeImageFromFamilyRequest(
            region_id='cn-hangzhou', image_family=family)).body.image
        assert found.image_id == 'm-v1'  # the newest it is shared, not the owner's newest (m-v2)
    with pytest.raises(TeaException) as refused:
        sharee.delete_image(m.DeleteImageRequest(region_id='cn-hangzhou', image_id='m-v1'))
    assert refused.value.code == 'InvalidImageId.NotFound'
    owner = sdk(world, 'reader', 'r')
    assert owner.describe_image_from_family(m.DescribeImageFromFamilyRequest(
        region_id='cn-hangzhou', image_family='golden')).body.image.image_id == 'm-v2'
