# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client, plain_http_warnings


@pytest.mark.parametrize('options, warned', [
    (dict(endpoint='http://ecs.cn-hangzhou.aliyuncs.com'), ['endpoint']),
    (dict(endpoint='HTTP://10.0.0.8:8080'), ['endpoint']),
    (dict(sts_endpoint='http://sts.aliyuncs.com'), ['sts_endpoint']),
    (dict(endpoint='http://ecs.test', sts_endpoint='http://sts.test'), ['endpoint', 'sts_endpoint']),
    (dict(endpoint='https://ecs.cn-hangzhou.aliyuncs.com'), []),
    (dict(endpoint='ecs.cn-hangzhou.aliyuncs.com'), []),
    (dict(endpoint='http://127.0.0.1:8080'), []),
    (dict(endpoint='http://127.8.9.10'), []),
    (dict(endpoint='http://localhost:8080'), []),
    (dict(endpoint='http://[::1]:8080'), []),
    (dict(), []),
])
def test_plain_http_to_another_host_is_warned_about(options, warned):
    warnings = plain_http_warnings(options)
    assert [w.split(' ')[0] for w in warnings] == warned
    assert all('access key id and any security token travel in clear' in w for w in warnings)


def test_a_client_in_another_region_has_its_endpoint_and_shares_credentials_and_request_ids(emulator):
    client = ecs_client(dict(access_key='emulator-access-key', secret_key='emulator-secret', region='cn-hangzhou'))
    other = client.in_region('cn-shanghai')
    assert client.endpoint == 'https://ecs-cn-hangzhou.aliyuncs.com'
    assert other.endpoint == 'https://ecs.cn-shanghai.aliyuncs.com'
    assert other.credentials is client.credentials and other.region == 'cn-shanghai'
    assert client.in_region('cn-hangzhou') is client
    local = ecs_client(emulator.options())
    regional = local.in_region('cn-beijing')
    assert regional.endpoint == emulator.url
    regional.call('DescribeImages', {'RegionId': 'cn-beijing'})
    assert len(regional.request_ids) == 1 and local.request_ids == regional.request_ids


@pytest.mark.parametrize('endpoint_type, expected', [(None, 'https://ecs-cn-hangzhou.aliyuncs.com'),
                                                     ('public', 'https://ecs-cn-hangzhou.aliyuncs.com'),
                                                     ('vpc', 'https://ecs-vpc.cn-hangzhou.aliyuncs.com'),
                                                     ('internal', 'https://ecs-vpc.cn-hangzhou.aliyuncs.com')])
def test_endpoint_type_is_one_vocabulary_with_oss(endpoint_type, expected):
    client = ecs_client(dict(access_key='k', secret_key='s', region='cn-hangzhou', endpoint_type=endpoint_type))
    assert client.endpoint == expected
    assert client.in_region('cn-shanghai').endpoint == expected.replace('ecs-cn-hangzhou', 'ecs.cn-shanghai').replace(
        'cn-hangzhou', 'cn-shanghai')


def test_accelerate_reaching_an_ecs_module_is_refused_naming_the_option():
    with pytest.raises(OptionError) as caught:
        ecs_client(dict(access_key='k', secret_key='s', region='cn-hangzhou', endpoint_type='accelerate'))
    assert caught.value.option == 'endpoint_type' and 'only oss_object takes' in str(caught.value)
