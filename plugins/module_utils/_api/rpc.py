# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The collection's one client of Alibaba Cloud RPC APIs (ECS, STS). Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.http import USER_AGENT, Endpoint, normalize_endpoint, requests
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import RetryPolicy
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.signing import (
    EMPTY_SHA256, canonical_query, percent_encode, sign_v1, sign_v3)

ECS_API_VERSION = '2014-05-26'
STS_API_VERSION = '2015-04-01'
# The RAM product of each API version: a call of action X needs the permission <product>:X.
RAM_PRODUCTS = {ECS_API_VERSION: 'ecs', STS_API_VERSION: 'sts'}
TIMESTAMP_FORMAT = '%Y-%m-%dT%H:%M:%SZ'

# Regions the official ECS SDK maps to an endpoint other than ecs.<region>.aliyuncs.com.
SPECIAL_ECS_ENDPOINTS = {
    'cn-hangzhou': 'ecs-cn-hangzhou.aliyuncs.com',
    'cn-fujian': 'ecs-cn-hangzhou.aliyuncs.com',
    'cn-shanghai-finance-1': 'ecs-cn-hangzhou.aliyuncs.com',
    'cn-shenzhen-finance-1': 'ecs-cn-hangzhou.aliyuncs.com',
    'cn-beijing-finance-pop': 'ecs.aliyuncs.com',
    'cn-beijing-gov-1': 'ecs.aliyuncs.com',
    'cn-hangzhou-finance': 'ecs.aliyuncs.com',
    'cn-hongkong-finance-pop': 'ecs.aliyuncs.com',
    'cn-north-2-gov-1': 'ecs.aliyuncs.com',
    'cn-shanghai-inner': 'ecs.aliyuncs.com',
    'cn-shenzhen-inner': 'ecs.aliyuncs.com',
    'cn-wuhan': 'ecs.aliyuncs.com',
    'cn-yushanfang': 'ecs.aliyuncs.com',
    'cn-zhangbei': 'ecs.aliyuncs.com',
    'ap-northeast-2-pop': 'ecs.aliyuncs.com',
    'rus-west-1-pop': 'ecs.aliyuncs.com',
    'cn-edge-1': 'ecs.cn-qingdao-nebula.aliyuncs.com',
    'cn-huhehaote-nebula-1': 'ecs.cn-qingdao-nebula.aliyuncs.com',
    'cn-zhengzhou-nebula-1': 'ecs.cn-qingdao-nebula.aliyuncs.com',
    'eu-west-1-oxs': 'ecs.cn-shenzhen-cloudstone.aliyuncs.com',
    'cn-zhangjiakou-na62-a01': 'ecs.cn-zhangjiakou.aliyuncs.com',
}


def ecs_endpoint(region, endpoint=None, endpoint_type='public'):
    """The ECS endpoint for a region: `endpoint` when given, else the one the official SDKs use."""
    if endpoint:
        return normalize_endpoint(endpoint, 'endpoint')
    if endpoint_type == 'vpc':
        return 'https://ecs-vpc.%s.aliyuncs.com' % region
    return 'https://' + SPECIAL_ECS_ENDPOINTS.get(region, 'ecs.%s.aliyuncs.com' % region)


class RpcClient:
    """Signed RPC calls to one endpoint, over one HTTP session, retried by one policy.

    `credentials` is a provider with get(), invalidate() and `refreshable` (see _credentials).
    """

    def __init__(self, endpoint, version, credentials, signature_version='v1', validate_certs=True, http_timeout=30,
                 retry_policy=None, session=None, sleep=None, clock=None, now=None, region=None, endpoint_for=None,
                 ram_policy=None):
        self.endpoint = endpoint
        self.ram_policy = ram_policy
        self.validate_certs = validate_certs
        self.endpoint_for = endpoint_for or (lambda other_region: endpoint)
        self.region = region
        self.version = version
        self.credentials = credentials
        self.signature_version = signature_version
        self.http_timeout = http_timeout
        self.retry_policy = retry_policy or RetryPolicy()
        self.session = session or requests.Session()
        self.session.headers['User-Agent'] = USER_AGENT
        self._http = Endpoint(endpoint, self.session, validate_certs, http_timeout)
        self._session_headers = dict(self.session.headers)
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic
        self._now = now or time.time
        self.calls = 0
        self.request_ids = []
        self.parent = None

    def in_region(self, region):
        """A client of the same API in another region: same credentials, session, retries and timeouts; the request
        ids of its calls are kept in its own list and in this client's."""
        if region == self.region:
            return self
        client = RpcClient(self.endpoint_for(region), self.version, self.credentials,
                           signature_version=self.signature_version, validate_certs=self.validate_certs,
                           http_timeout=self.http_timeout, retry_policy=self.retry_policy, session=self.session,
                           sleep=self._sleep, clock=self._clock, now=self._now, region=region,
                           endpoint_for=self.endpoint_for, ram_policy=self.ram_policy)
        client.parent = self
        return client

    def call(self, action, params=None, deadline=None, resend_safe=True):
        """The decoded JSON answer of `action`; retryable failures are tried again, never past `deadline`
        (a time.monotonic() value). A write without a ClientToken is `resend_safe=False`: it is sent again only
        when the API refused it (see _api/retry.py, is_retryable)."""
        return self.retry_policy.call(lambda: self._attempt(action, params or {}), self.credentials, deadline,
                                      resend_safe, sleep=self._sleep, clock=self._clock)

    def _attempt(self, action, params):
        credentials = self.credentials.get()
        nonce = os.urandom(16).hex()
        timestamp = time.strftime(TIMESTAMP_FORMAT, time.gmtime(self._now()))
        url = self.endpoint + '/'
        if self.signature_version == 'v3':
            headers = {
                'host': self._http.host,
                'x-acs-action': action,
                'x-acs-version': self.version,
                'x-acs-date': timestamp,
                'x-acs-signature-nonce': nonce,
                'x-acs-content-sha256': EMPTY_SHA256,
            }
            if credentials.security_token:
                headers['x-acs-security-token'] = credentials.security_token
            headers['Authorization'] = sign_v3('POST', params, headers, credentials.access_key_id,
                                               credentials.access_key_secret)
            if params:
                url += '?' + canonical_query(params)
            data = ''
        else:
            form = dict(params)
            form.update(Action=action, Version=self.version, Format='JSON', AccessKeyId=credentials.access_key_id,
                        SignatureMethod='HMAC-SHA1', SignatureVersion='1.0', SignatureNonce=nonce, Timestamp=timestamp)
            if credentials.security_token:
                form['SecurityToken'] = credentials.security_token
            encoded = canonical_query(form)
            signature = sign_v1('POST', form, credentials.access_key_secret, encoded)
            headers = {'Content-Type': 'application/x-www-form-urlencoded'}
            data = encoded + '&Signature=' + percent_encode(signature)
        self.calls += 1
        headers = dict(self._session_headers, **headers)
        response, content = self._http.send('POST', url, headers, data.encode('ascii'), lambda answer: answer.content)
        if 300 <= response.status_code < 400:
            raise ApiError('InvalidResponse', 'HTTP %d from %s redirects to %s; the API does not redirect: set endpoint '
                           'to the API itself' % (response.status_code, self._http.host,
                                                  response.headers.get('Location', 'nowhere')),
                           http_status=response.status_code)
        try:
            return self._decode(response.status_code, content)
        except ApiError as error:
            raise error.refused('%s:%s' % (RAM_PRODUCTS.get(self.version, 'ecs'), action), self.ram_policy)

    def _decode(self, status, content):
        try:
            body = json.loads(content)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise ApiError('InvalidResponse', 'HTTP %d from %s is not an API answer (JSON); it begins with %r'
                           % (status, self._http.host, content[:200].decode('utf-8', 'replace')), http_status=status)
        if body.get('RequestId'):
            client = self
            while client is not None:
                client.request_ids.append(body['RequestId'])
                client = client.parent
        if status >= 400:
            raise ApiError.from_body(body, status)
        return body
