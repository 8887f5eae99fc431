# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import hashlib
import importlib
import types
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.signing import (
    EMPTY_SHA256, canonical_query, oss_query, percent_encode, sign_oss_v4, sign_v1, sign_v3, v1_string_to_sign,
    v3_canonical_request)

V1_VECTOR = dict(AccessKeyId='testid', Action='DescribeRegions', Format='XML', SignatureMethod='HMAC-SHA1',
                 SignatureNonce='3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion='1.0', Version='2014-05-26',
                 Timestamp='2016-02-23T12:46:24Z')
V3_HEADERS = {'host': 'ecs.cn-shanghai.aliyuncs.com', 'x-acs-action': 'RunInstances', 'x-acs-version': '2014-05-26',
              'x-acs-date': '2023-10-26T10:22:32Z', 'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
              'x-acs-content-sha256': EMPTY_SHA256}
V3_QUERY = {'ImageId': 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', 'RegionId': 'cn-shanghai'}

# Text the API can carry: any Unicode scalar value (surrogates have no UTF-8 form).
unicode_text = st.text(st.characters(blacklist_categories=('Cs',)), max_size=30)
# Parameter names: tea-openapi leaves names unencoded in V3 (it never meets a name outside this alphabet),
# so the V3 comparison keeps to the characters real parameter names use.
parameter_name = st.text(st.sampled_from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-'),
                         min_size=1, max_size=20)
resource_ids = st.lists(unicode_text, min_size=0, max_size=25).map(
    lambda ids: dict(('ResourceIds.%d' % n, value) for n, value in enumerate(ids, 1)))


def test_percent_encoding_keeps_only_unreserved_characters():
    assert percent_encode('a-z_A.Z~0 9*/+=&é') == 'a-z_A.Z~0%209%2A%2F%2B%3D%26%C3%A9'


def test_v1_published_vectors():
    assert sign_v1('GET', V1_VECTOR, 'testsecret') == 'OLeaidS1JvxuMvnyHOwuJ+uX5qY='
    assert sign_v1('POST', V1_VECTOR, 'testsecret') == 'MxbnVAM4w6sft9xjVpe/GCKueuk='


def test_v1_sorts_keys_by_raw_bytes():
    query = canonical_query({'ResourceIds.2': 'b', 'ResourceIds.10': 'a', 'RegionId': 'x'})
    assert query == 'RegionId=x&ResourceIds.10=a&ResourceIds.2=b'


def test_v3_published_vector():
    request, signed = v3_canonical_request('POST', V3_QUERY, V3_HEADERS, EMPTY_SHA256)
    assert hashlib.sha256(request.encode()).hexdigest() == \
        '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259'
    assert signed == 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version'
    authorization = sign_v3('POST', V3_QUERY, V3_HEADERS, 'YourAccessKeyId', 'YourAccessKeySecret')
    assert authorization == (
        'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=%s,'
        'Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0' % signed)


def test_changing_any_parameter_changes_the_signature():
    changed = dict(V1_VECTOR, SignatureNonce='another')
    assert sign_v1('GET', changed, 'testsecret') != sign_v1('GET', V1_VECTOR, 'testsecret')


# --- the official SDKs as the oracle ---------------------------------------------------------------

@pytest.fixture(scope='module')
def core_composer():
    return importlib.import_module('aliyunsdkcore.auth.composer.rpc_signature_composer')


@pytest.fixture(scope='module')
def tea_utils():
    return importlib.import_module('alibabacloud_tea_openapi.utils')


@settings(max_examples=300, deadline=None)
@given(params=st.dictionaries(unicode_text.filter(bool), unicode_text, max_size=12), extra=resource_ids,
       secret=unicode_text.filter(bool), method=st.sampled_from(['GET', 'POST']))
def test_v1_matches_aliyun_python_sdk_core(core_composer, params, extra, secret, method):
    params = dict(params, **extra)
    compose = getattr(core_composer, '__compose_string_to_sign')
    get_signature = getattr(core_composer, '__get_signature')
    sdk_string = compose(method, params)
    assert v1_string_to_sign(method, params) == sdk_string
    assert sign_v1(method, params, secret) == get_signature(sdk_string, secret)


@settings(max_examples=300, deadline=None)
@given(query=st.dictionaries(parameter_name, unicode_text, max_size=12), extra=resource_ids,
       secret=unicode_text.filter(bool), nonce=st.text('0123456789abcdef', min_size=1, max_size=32),
       token=st.one_of(st.none(), unicode_text.filter(lambda t: t.strip() == t and t)))
def test_v3_matches_alibabacloud_tea_openapi(tea_utils, query, extra, secret, nonce, token):
    query = dict(query, **extra)
    headers = dict(V3_HEADERS, **{'x-acs-signature-nonce': nonce})
    if token:
        headers['x-acs-security-token'] = token
    request = types.SimpleNamespace(pathname='/', method='POST', query=query, headers=headers)
    expected = tea_utils.Utils.get_authorization(request, 'ACS3-HMAC-SHA256', EMPTY_SHA256, 'AKID', secret)
    assert sign_v3('POST', query, headers, 'AKID', secret) == expected


# --- OSS signature V4, against both official OSS SDKs -------------------------------------------------------------

OSS_MOMENT = (2026, 12, 1, 8, 30, 5)
# Keys and query values that need encoding: spaces, '/', '+', '=', '%', UTF-8 and characters the unreserved set keeps.
object_key = st.text(st.characters(blacklist_categories=('Cs', 'Cc')), min_size=1, max_size=40).filter(
    lambda k: k[0] not in '/\\')
OSS_CASES = [
    ('PUT', 'images', 'golden.qcow2', {}, {'Content-MD5': 'XrY7u+Ae7tCTyyK7j1rNww==',
                                           'Content-Type': 'application/octet-stream', 'x-oss-meta-build': '7'}),
    ('PUT', 'images', 'dir/a b+c=%.raw', {'partNumber': '3', 'uploadId': 'ABC/+='}, {'Content-MD5': 'AAAA'}),
    ('POST', 'images', 'big.raw', {'uploads': ''}, {}),
    ('GET', 'images', '', {'uploads': '', 'prefix': 'dir/a b', 'max-uploads': '1000'}, {}),
    ('GET', 'images', 'こんにちは/~_-.', {}, {'Range': 'bytes=0-99'}),
    ('HEAD', 'images', 'x', {}, {'x-oss-security-token': 'token/with+chars='}),
]


def our_oss_signature(method, bucket, key, params, headers, token=None):
    signed = {'x-oss-date': '20261201T083005Z', 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD'}
    signed.update((k.lower(), v) for k, v in headers.items())
    return sign_oss_v4(method, bucket, key, params, signed, 'LTAI-test', 'secret-test', 'cn-hangzhou')


def v2_sdk_signature(method, bucket, key, params, headers):
    import datetime
    from alibabacloud_oss_v2.signer.v4 import SignerV4
    from alibabacloud_oss_v2.types import Credentials, HttpRequest, SigningContext
    query = oss_query(params)  # the SDK signs the query of the URL as the URL carries it
    request = HttpRequest(method, 'http://127.0.0.1/%s/%s%s' % (bucket, quote(key), '?' + query if query else ''),
                          headers=dict(headers))
    context = SigningContext(product='oss', region='cn-hangzhou', bucket=bucket or None, key=key or None,
                             request=request, credentials=Credentials('LTAI-test', 'secret-test'),
                             signing_time=datetime.datetime(*OSS_MOMENT, tzinfo=datetime.timezone.utc))
    SignerV4().sign(context)
    return request.headers['Authorization']


def oss2_signature(method, bucket, key, params, headers, monkeypatch):
    import datetime
    import oss2
    import oss2.auth
    from oss2.http import Request

    class FixedDatetime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return cls(*OSS_MOMENT)
    monkeypatch.setattr(oss2.auth, 'datetime', FixedDatetime)
    request = Request(method, 'http://127.0.0.1/', params=dict(params), headers=dict(headers), region='cn-hangzhou',
                      product='oss')
    oss2.AuthV4('LTAI-test', 'secret-test')._sign_request(request, bucket, key)
    return request.headers['authorization']


def signature_of(authorization):
    return authorization.rsplit('Signature=', 1)[1].split(',')[0].strip()


@pytest.mark.parametrize('method, bucket, key, params, headers', OSS_CASES)
def test_oss_v4_signature_is_the_official_sdks_for_the_same_request(method, bucket, key, params, headers, monkeypatch):
    ours = our_oss_signature(method, bucket, key, params, headers)
    assert ours.startswith('OSS4-HMAC-SHA256 Credential=LTAI-test/20261201/cn-hangzhou/oss/aliyun_v4_request,')
    assert signature_of(ours) == signature_of(v2_sdk_signature(method, bucket, key, params, headers))
    assert signature_of(ours) == signature_of(oss2_signature(method, bucket, key, params, headers, monkeypatch))


@settings(max_examples=60, deadline=None)
@given(key=object_key, value=unicode_text)
def test_oss_v4_signature_matches_the_v2_sdk_for_any_key_and_query_value(key, value):
    params = {'uploadId': value} if value else {}
    assert signature_of(our_oss_signature('PUT', 'bucket-1', key, params, {})) == \
        signature_of(v2_sdk_signature('PUT', 'bucket-1', key, params, {}))


def test_oss_v4_signature_changes_with_every_signed_part():
    base = our_oss_signature('PUT', 'images', 'a', {'uploadId': '1'}, {'Content-MD5': 'x'})
    assert our_oss_signature('PUT', 'images', 'b', {'uploadId': '1'}, {'Content-MD5': 'x'}) != base
    assert our_oss_signature('PUT', 'images', 'a', {'uploadId': '2'}, {'Content-MD5': 'x'}) != base
    assert our_oss_signature('PUT', 'images', 'a', {'uploadId': '1'}, {'Content-MD5': 'y'}) != base
    assert our_oss_signature('POST', 'images', 'a', {'uploadId': '1'}, {'Content-MD5': 'x'}) != base
    # headers OSS does not sign by default leave the signature as it is
    assert our_oss_signature('PUT', 'images', 'a', {'uploadId': '1'}, {'Content-MD5': 'x', 'Range': 'bytes=1-2'}) == base
