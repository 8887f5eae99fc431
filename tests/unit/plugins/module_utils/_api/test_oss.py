# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import time

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.credentials import Credentials, StaticProvider
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.oss import OssClient, oss_endpoint
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import RetryPolicy
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import ACCESS_KEY, SECRET

BUCKETS = {'oss_buckets': {'images': {'region': 'cn-hangzhou', 'objects': {}}}}


def client(emulator, **kwargs):
    kwargs.setdefault('retry_policy', RetryPolicy(2, uniform=lambda low, high: 0))
    return OssClient(emulator.url, True, 'cn-hangzhou', StaticProvider(Credentials(ACCESS_KEY, SECRET), 'test'),
                     **kwargs)


@pytest.mark.parametrize('url, endpoint_type, expected', [
    (None, 'public', ('https://oss-cn-hangzhou.aliyuncs.com', False)),
    (None, 'internal', ('https://oss-cn-hangzhou-internal.aliyuncs.com', False)),
    (None, 'accelerate', ('https://oss-accelerate.aliyuncs.com', False)),
    ('http://127.0.0.1:9000', 'public', ('http://127.0.0.1:9000', True)),
    ('http://localhost:9000', 'public', ('http://localhost:9000', True)),
    ('http://[::1]:9000', 'public', ('http://[::1]:9000', True)),
    ('oss.example.com', 'public', ('https://oss.example.com', False)),
])
def test_endpoints_and_their_addressing(url, endpoint_type, expected):
    assert oss_endpoint('cn-hangzhou', url, endpoint_type) == expected


def test_urls_path_style_and_virtual_hosted_encode_the_key_but_its_slashes():
    provider = StaticProvider(Credentials('a', 'b'), 'test')
    path = OssClient('http://127.0.0.1:9000', True, 'r', provider)
    hosted = OssClient('https://oss-r.aliyuncs.com', False, 'r', provider)
    assert path.url('b1', 'dir/a b+c', {'uploadId': 'x/y', 'uploads': ''}) == \
        'http://127.0.0.1:9000/b1/dir/a%20b%2Bc?uploadId=x%2Fy&uploads'
    assert hosted.url('b1', 'k', {}) == 'https://b1.oss-r.aliyuncs.com/k'


def test_a_bad_endpoint_is_refused_naming_oss_endpoint():
    with pytest.raises(OptionError) as refused:
        oss_endpoint('cn-hangzhou', 'ftp://host')
    assert refused.value.option == 'oss_endpoint'


def test_a_skewed_clock_is_refused_and_explained_as_a_clock_problem(emulator_factory):
    emulator = emulator_factory(BUCKETS)
    skewed = client(emulator, now=lambda: time.time() - 3600)
    with pytest.raises(ApiError) as refused:
        skewed.put_object('images', 'k', b'data', {})
    assert refused.value.code == 'RequestTimeTooSkewed' and refused.value.http_status == 403
    assert 'clock' in str(refused.value) and refused.value.request_id


def test_head_errors_come_from_x_oss_err_and_a_missing_object_is_none(emulator_factory):
    emulator = emulator_factory(BUCKETS)
    oss = client(emulator)
    assert oss.head_object('images', 'nothing') is None
    with pytest.raises(ApiError) as missing_bucket:
        oss.head_object('nowhere', 'k')
    assert missing_bucket.value.code == 'NoSuchBucket' and 'region' in str(missing_bucket.value)


def test_throttling_and_5xx_are_retried_with_a_fresh_signature_each_try(emulator_factory):
    emulator = emulator_factory(BUCKETS)
    emulator.fault(kind='error', code='ServiceUnavailable', action='PutObject', count=2)
    client(emulator).put_object('images', 'k', b'data', {})
    log = [r for r in emulator.requests()['requests'] if r['action'] == 'PutObject']
    assert [r['code'] for r in log] == ['ServiceUnavailable', 'ServiceUnavailable', 'OK']


def test_initiate_is_not_sent_twice_after_a_lost_answer(emulator_factory):
    emulator = emulator_factory(BUCKETS)
    emulator.fault(kind='drop_answer', action='InitiateMultipartUpload', count=1)
    with pytest.raises(ApiError) as lost:
        client(emulator).initiate_upload('images', 'k', {})
    assert lost.value.outcome_unknown
    assert emulator.requests()['by_action'] == {'InitiateMultipartUpload': 1}
