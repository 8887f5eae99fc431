# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The one send path: a request built once, and every network failure, while sending or reading, as an ApiError."""

from __future__ import absolute_import, division, print_function

import pytest
import requests

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.http import Endpoint, normalize_endpoint


class Adapter:
    def __init__(self, failure=None):
        self.failure = failure
        self.sent = []

    def send(self, prepared, **kwargs):
        self.sent.append((prepared, kwargs))
        if self.failure:
            raise self.failure
        return Response()


class Response:
    status_code = 200
    closed = False

    def close(self):
        self.closed = True


def test_a_request_goes_out_with_its_length_and_the_timeout_and_the_answer_is_read_then_closed():
    adapter = Adapter()
    endpoint = Endpoint('https://ecs.example.com', requests.Session(), http_timeout=7, adapter=adapter)
    response, content = endpoint.send('PUT', 'https://ecs.example.com/x', {'A': '1'}, b'abc', lambda r: b'read')
    prepared, kwargs = adapter.sent[0]
    assert (prepared.method, prepared.url, prepared.body) == ('PUT', 'https://ecs.example.com/x', b'abc')
    assert (prepared.headers['A'], prepared.headers['Content-Length'], kwargs['timeout']) == ('1', '3', 7)
    assert content == b'read' and response.closed


@pytest.mark.parametrize('failure, code', [
    (requests.exceptions.ConnectTimeout('slow'), 'RequestTimeout'),
    (requests.exceptions.ConnectionError('refused'), 'ConnectionError'),
    (ConnectionResetError(104, 'reset'), 'ConnectionError'),
])
def test_network_failures_while_sending_become_api_errors_naming_the_host(failure, code):
    endpoint = Endpoint('https://ecs.example.com', requests.Session(), adapter=Adapter(failure))
    with pytest.raises(ApiError) as raised:
        endpoint.send('GET', 'https://ecs.example.com/', {}, b'', lambda r: b'')
    assert raised.value.code == code and 'ecs.example.com' in raised.value.message


def test_a_failure_while_reading_the_answer_is_a_network_failure_too():
    endpoint = Endpoint('https://ecs.example.com', requests.Session(), adapter=Adapter())

    def read(response):
        raise requests.packages.urllib3.exceptions.ProtocolError('Connection broken')
    with pytest.raises(ApiError) as raised:
        endpoint.send('GET', 'https://ecs.example.com/', {}, b'', read)
    assert raised.value.code == 'ConnectionError' and raised.value.is_network_error


@pytest.mark.parametrize('value, expected', [
    ('ecs.cn-hangzhou.aliyuncs.com', 'https://ecs.cn-hangzhou.aliyuncs.com'),
    ('http://127.0.0.1:8080/', 'http://127.0.0.1:8080'),
])
def test_endpoints_are_base_urls(value, expected):
    assert normalize_endpoint(value, 'endpoint') == expected


@pytest.mark.parametrize('value', ['ftp://host', 'https://host/path', 'https://user@host', 'https://host:port'])
def test_other_endpoints_name_the_option(value):
    with pytest.raises(OptionError, match='^oss_endpoint: expected an http'):
        normalize_endpoint(value, 'oss_endpoint')
