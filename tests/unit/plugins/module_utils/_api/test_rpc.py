# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

from urllib.parse import parse_qsl

import pytest
import requests

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.rpc import (
    ECS_API_VERSION, RpcClient, ecs_endpoint)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.http import normalize_endpoint
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.credentials import Credentials, StaticProvider
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import RetryPolicy
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.signing import sign_v1
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import ScriptedSession

SECRET = 'unit-secret-value'
TOKEN = 'unit-token-value'
OK = (200, {'RequestId': 'R-OK', 'TotalCount': 0})


def form_of(call):
    """The form parameters of a scripted V1 call."""
    return dict(parse_qsl(call['data'].decode('ascii'), keep_blank_values=True))


def client(session, token=None, **kwargs):
    provider = StaticProvider(Credentials('AKID', SECRET, token), 'test')
    kwargs.setdefault('retry_policy', RetryPolicy(3, uniform=lambda low, high: high))
    return RpcClient('https://ecs.example.test', ECS_API_VERSION, provider, session=session, **kwargs)


@pytest.mark.parametrize('region, endpoint_type, expected', [
    ('cn-shanghai', 'public', 'https://ecs.cn-shanghai.aliyuncs.com'),
    ('cn-hangzhou', 'public', 'https://ecs-cn-hangzhou.aliyuncs.com'),
    ('cn-wuhan', 'public', 'https://ecs.aliyuncs.com'),
    ('eu-central-1', 'vpc', 'https://ecs-vpc.eu-central-1.aliyuncs.com'),
])
def test_default_endpoints_follow_the_official_sdks(region, endpoint_type, expected):
    assert ecs_endpoint(region, None, endpoint_type) == expected


@pytest.mark.parametrize('given, expected', [
    ('http://127.0.0.1:8080', 'http://127.0.0.1:8080'),
    ('https://ecs.example.test/', 'https://ecs.example.test'),
    ('ecs.example.test', 'https://ecs.example.test'),
    ('ecs.example.test:8443', 'https://ecs.example.test:8443'),
])
def test_explicit_endpoint_overrides_region(given, expected):
    assert ecs_endpoint('cn-hangzhou', given) == expected


@pytest.mark.parametrize('bad', ['ftp://ecs.example.test', 'http://', 'https://ecs.example.test/v1', 'http://x/?a=1'])
def test_endpoint_that_is_not_http_is_refused_naming_the_option(bad):
    with pytest.raises(OptionError, match='^endpoint: expected an http'):
        normalize_endpoint(bad, 'endpoint')


def test_v1_request_is_signed_form_post_with_common_parameters():
    session = ScriptedSession(OK)
    assert client(session, token=TOKEN).call('DescribeTasks', {'RegionId': 'cn-hangzhou'}) == OK[1]
    call = session.calls[0]
    assert call['method'] == 'POST' and call['url'] == 'https://ecs.example.test/'
    form = form_of(call)
    assert form['Action'] == 'DescribeTasks' and form['Version'] == '2014-05-26' and form['Format'] == 'JSON'
    assert form['SecurityToken'] == TOKEN and form['RegionId'] == 'cn-hangzhou'
    signature = form.pop('Signature')
    assert signature == sign_v1('POST', form, SECRET)


def test_v3_request_signs_headers_and_keeps_parameters_in_the_query():
    session = ScriptedSession(OK)
    client(session, token=TOKEN, signature_version='v3').call('DescribeTasks', {'RegionId': 'cn-hangzhou'})
    call = session.calls[0]
    assert call['url'] == 'https://ecs.example.test/?RegionId=cn-hangzhou'
    headers = call['headers']
    assert headers['x-acs-action'] == 'DescribeTasks' and headers['x-acs-security-token'] == TOKEN
    assert headers['Authorization'].startswith('ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;')
    assert call['data'] == b''


def test_every_attempt_has_a_fresh_nonce_and_timestamp(sleeps):
    session = ScriptedSession((503, {'Code': 'ServiceUnavailable', 'RequestId': 'R1'}), OK)
    times = iter([1000.0, 1001.0])
    client(session, now=lambda: next(times)).call('DescribeTasks', {})
    first, second = (form_of(call) for call in session.calls)
    assert first['SignatureNonce'] != second['SignatureNonce']
    assert first['Timestamp'] != second['Timestamp']
    assert first['Signature'] != second['Signature']


@pytest.mark.parametrize('failure', [
    (400, {'Code': 'Throttling.User', 'Message': 'flow control', 'RequestId': 'R1'}),
    (400, {'Code': 'Throttling', 'Message': 'flow control', 'RequestId': 'R1'}),
    (503, {'Code': 'ServiceUnavailable', 'RequestId': 'R1'}),
    (500, {'Code': 'InternalError', 'RequestId': 'R1'}),
    (502, b'<html>Bad gateway</html>'),
    (504, b''),
    requests.exceptions.ConnectionError('connection reset'),
    requests.exceptions.ReadTimeout('read timed out'),
])
def test_retryable_failures_are_retried_with_backoff(failure, sleeps):
    session = ScriptedSession(failure, failure, OK)
    assert client(session).call('DescribeTasks', {}) == OK[1]
    assert len(session.calls) == 3
    assert sleeps == [0.5, 1.0]


@pytest.mark.parametrize('failure', [
    (400, {'Code': 'InvalidParameter', 'RequestId': 'R1'}),
    (400, {'Code': 'SignatureDoesNotMatch', 'RequestId': 'R1'}),
    (404, {'Code': 'InvalidAccessKeyId.NotFound', 'RequestId': 'R1'}),
    (403, {'Code': 'Forbidden.RAM', 'RequestId': 'R1'}),
    (200, b'<html>captive portal</html>'),
])
def test_other_failures_are_not_retried(failure, sleeps):
    session = ScriptedSession(failure, OK)
    with pytest.raises(ApiError):
        client(session).call('DescribeTasks', {})
    assert len(session.calls) == 1 and sleeps == []


@pytest.mark.parametrize('failure', [
    (503, {'Code': 'ServiceUnavailable', 'RequestId': 'R1'}),
    (500, {'Code': 'InternalError', 'RequestId': 'R1'}),
    (502, b'<html>Bad gateway</html>'),
    requests.exceptions.ConnectionError('connection reset'),
    requests.exceptions.ReadTimeout('read timed out'),
])
def test_a_write_without_client_token_is_not_sent_again_when_it_may_have_been_done(failure, sleeps):
    session = ScriptedSession(failure, OK)
    with pytest.raises(ApiError) as caught:
        client(session).call('ExportImage', {}, resend_safe=False)
    assert len(session.calls) == 1 and sleeps == []
    assert caught.value.outcome_unknown


def test_a_write_without_client_token_is_sent_again_after_throttling(sleeps):
    throttled = (400, {'Code': 'Throttling.User', 'RequestId': 'R1'})
    session = ScriptedSession(throttled, OK)
    assert client(session).call('ExportImage', {}, resend_safe=False) == OK[1]
    assert len(session.calls) == 2


def test_retries_stop_at_max_retries_and_report_the_attempts(sleeps):
    throttled = (400, {'Code': 'Throttling.User', 'Message': 'Request was denied.', 'RequestId': 'R9'})
    session = ScriptedSession(*[throttled] * 10)
    with pytest.raises(ApiError) as caught:
        client(session).call('DescribeTasks', {})
    assert len(session.calls) == 4 and len(sleeps) == 3
    assert caught.value.attempts == 4
    assert 'after 4 attempts' in str(caught.value) and 'request id R9' in str(caught.value)
    assert 'poll_interval' in str(caught.value)


def test_retries_never_run_past_the_deadline(sleeps):
    throttled = (400, {'Code': 'Throttling.User', 'RequestId': 'R1'})
    session = ScriptedSession(*[throttled] * 10)
    with pytest.raises(ApiError):
        client(session, clock=lambda: 100.0).call('DescribeTasks', {}, deadline=100.8)
    # the first backoff (0.5 s) fits before the deadline, the second (1 s) does not
    assert sleeps == [0.5] and len(session.calls) == 2


def test_jittered_backoff_stays_between_half_and_all_of_the_capped_exponential():
    policy = RetryPolicy(20)
    for retry in range(12):
        ceiling = min(20.0, 0.5 * 2 ** retry)
        for dummy in range(20):
            assert ceiling / 2 <= policy.delay(retry) <= ceiling


def test_api_error_carries_every_field_and_no_string_to_sign():
    body = {'Code': 'SignatureDoesNotMatch', 'RequestId': 'R2', 'HostId': 'ecs.example.test',
            'Recommend': 'https://example.test/r', 'Message': 'Specified signature is not matched with our '
            'calculation. server string to sign is:POST&%2F&AccessKeyId%3DAKID%26SecurityToken%3D' + TOKEN}
    with pytest.raises(ApiError) as caught:
        client(ScriptedSession((400, body))).call('DescribeTasks', {})
    error = caught.value
    assert (error.code, error.http_status, error.request_id, error.host_id, error.recommend) == (
        'SignatureDoesNotMatch', 400, 'R2', 'ecs.example.test', 'https://example.test/r')
    assert TOKEN not in str(error) and TOKEN not in repr(error.to_dict()) and TOKEN not in repr(error.args)
    assert 'check secret_key' in str(error)


@pytest.mark.parametrize('code, advice', [
    ('InvalidTimeStamp.Expired', 'check the clock'),
    ('InvalidAccessKeyId.NotFound', 'access key id is unknown'),
])
def test_messages_say_what_to_do(code, advice):
    with pytest.raises(ApiError, match=advice):
        client(ScriptedSession((400, {'Code': code, 'Message': 'm', 'RequestId': 'R'}))).call('DescribeTasks', {})


def test_a_body_that_is_not_json_becomes_a_clear_error_with_status_and_first_bytes():
    with pytest.raises(ApiError) as caught:
        client(ScriptedSession((200, b'<html><body>Proxy login</body></html>'))).call('DescribeTasks', {})
    assert caught.value.code == 'InvalidResponse' and caught.value.http_status == 200
    assert '<html><body>Proxy login' in str(caught.value)


def test_network_errors_never_show_the_secret(sleeps):
    session = ScriptedSession(*[requests.exceptions.ConnectionError('refused')] * 4)
    with pytest.raises(ApiError) as caught:
        client(session, token=TOKEN).call('DescribeTasks', {})
    assert caught.value.code == 'ConnectionError' and caught.value.is_network_error
    assert SECRET not in str(caught.value) and TOKEN not in str(caught.value)


def test_request_ids_are_collected():
    session = ScriptedSession(OK, (200, {'RequestId': 'R-2'}))
    api = client(session)
    api.call('DescribeTasks', {})
    api.call('DescribeTasks', {})
    assert api.request_ids == ['R-OK', 'R-2'] and api.calls == 2


def test_expired_token_makes_refreshable_credentials_refresh_once():
    class Provider:
        refreshable = True
        invalidated = 0

        def get(self):
            return Credentials('STS.%d' % self.invalidated, SECRET, TOKEN)

        def invalidate(self):
            self.invalidated += 1

    provider = Provider()
    session = ScriptedSession((400, {'Code': 'InvalidSecurityToken.Expired', 'RequestId': 'R'}), OK)
    api = RpcClient('https://ecs.example.test', ECS_API_VERSION, provider, session=session)
    assert api.call('DescribeTasks', {}) == OK[1]
    assert provider.invalidated == 1
    assert [form_of(c)['AccessKeyId'] for c in session.calls] == ['STS.0', 'STS.1']


def test_proxies_from_the_environment_are_used(emulator, monkeypatch):
    # The emulator answers absolute-URI requests too, so it can stand in for an HTTP proxy.
    monkeypatch.setenv('HTTP_PROXY', emulator.url)
    monkeypatch.delenv('NO_PROXY', raising=False)
    monkeypatch.delenv('no_proxy', raising=False)
    provider = StaticProvider(Credentials('emulator-access-key', 'emulator-secret'), 'test')
    api = RpcClient('http://ecs.unreachable.invalid', ECS_API_VERSION, provider, session=requests.Session(),
                    retry_policy=RetryPolicy(0))
    answer = api.call('DescribeTasks', {'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage'})
    assert answer['RequestId'] and emulator.requests()['count'] == 1


@pytest.mark.parametrize('bad', ['{{ emulator_url }}', 'http://host name', 'http://h:port', 'http://user@h'])
def test_endpoint_with_a_bad_host_or_port_is_refused(bad):
    with pytest.raises(OptionError, match='^endpoint: '):
        normalize_endpoint(bad, 'endpoint')


def test_ipv6_endpoint_is_accepted():
    assert normalize_endpoint('http://[::1]:8080', 'endpoint') == 'http://[::1]:8080'


# --- failure behaviour against the emulator's injected faults ---------------------------------------

def emulator_client(emulator, **overrides):
    options = emulator.options(max_retries=3, http_timeout=0.5)
    options.update(overrides)
    from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client
    return ecs_client(options)


DESCRIBE = {'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage'}


@pytest.fixture
def quick_backoff(monkeypatch):
    monkeypatch.setattr('random.uniform', lambda low, high: 0.01)


@pytest.mark.parametrize('fault, code, status', [
    (dict(code='ServiceUnavailable'), 'ServiceUnavailable', 503),
    (dict(code='InternalError'), 'InternalError', 500),
    (dict(code='Throttling.User'), 'Throttling.User', 400),
    (dict(kind='non_json'), 'InvalidResponse', 502),
])
def test_persistent_server_faults_fail_in_bounded_time_naming_the_code(emulator, quick_backoff, fault, code, status):
    emulator.fault(**fault)
    with pytest.raises(ApiError) as caught:
        emulator_client(emulator).call('DescribeTasks', DESCRIBE)
    error = caught.value
    assert (error.code, error.http_status, error.attempts) == (code, status, 4)  # the bound: max_retries, then raised
    assert emulator.requests()['count'] == 4
    if code != 'InvalidResponse':
        assert error.request_id and error.request_id in str(error)
    else:
        assert '502 Bad Gateway' in str(error)


def test_a_redirect_is_not_followed_and_names_where_it_points(emulator):
    emulator.fault(kind='redirect', count=1)
    with pytest.raises(ApiError) as caught:
        emulator_client(emulator).call('DescribeTasks', DESCRIBE)
    assert (caught.value.code, caught.value.http_status, caught.value.attempts) == ('InvalidResponse', 301, 1)
    assert 'redirects to /_emulator/health' in str(caught.value) and 'set endpoint' in str(caught.value)


def test_persistent_connection_resets_fail_as_network_errors(emulator, quick_backoff):
    emulator.fault(kind='reset')
    with pytest.raises(ApiError) as caught:
        emulator_client(emulator).call('DescribeTasks', DESCRIBE)
    assert caught.value.code == 'ConnectionError' and caught.value.attempts == 4


def test_read_timeouts_fail_naming_http_timeout(emulator, quick_backoff):
    emulator.fault(kind='latency', seconds=1.0)
    with pytest.raises(ApiError) as caught:
        emulator_client(emulator, max_retries=1).call('DescribeTasks', DESCRIBE)
    assert caught.value.code == 'RequestTimeout' and 'http_timeout (0.5 s)' in str(caught.value)


def test_a_burst_of_faults_within_the_retry_budget_succeeds(emulator, quick_backoff):
    emulator.fault(code='ServiceUnavailable', count=1)
    emulator.fault(kind='reset', count=1)
    emulator.fault(code='Throttling.User', count=1)
    assert 'RequestId' in emulator_client(emulator).call('DescribeTasks', DESCRIBE)


def test_a_skewed_clock_is_refused_and_the_message_says_to_check_it(emulator):
    client = emulator_client(emulator)
    client._now = lambda: __import__('time').time() - 20 * 60  # pylint: disable=protected-access
    with pytest.raises(ApiError) as caught:
        client.call('DescribeTasks', DESCRIBE)
    assert caught.value.code == 'InvalidTimeStamp.Expired' and 'check the clock' in str(caught.value)
