# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Raw signed requests to the emulator: every protocol rule and error, and the control API's faults.

Requests are signed with the collection's signer, which _api/test_signing.py proves equal to the official SDKs'.
"""

from __future__ import absolute_import, division, print_function

import json
import time
import uuid
from xml.etree import ElementTree

import pytest
import requests

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.signing import sign_v1
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import ACCESS_KEY, SECRET


def signed(params=None, action='DescribeTasks', version='2014-05-26', key=ACCESS_KEY, secret=SECRET,
           timestamp=None, nonce=None, method='GET', fmt='JSON', drop=()):
    form = {'Action': action, 'Version': version, 'Format': fmt, 'AccessKeyId': key, 'SignatureMethod': 'HMAC-SHA1',
            'SignatureVersion': '1.0', 'SignatureNonce': nonce or uuid.uuid4().hex,
            'Timestamp': timestamp or time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}
    form.update(params if params is not None else {'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage'})
    form['Signature'] = sign_v1(method, form, secret)
    for name in drop:
        form.pop(name)
    return form


def send(emulator, form, method='GET'):
    if method == 'GET':
        response = requests.get(emulator.url + '/', params=form, timeout=5)
    else:
        response = requests.post(emulator.url + '/', data=form, timeout=5)
    return response


def error_of(response):
    body = response.json()
    assert set(body) == {'RequestId', 'HostId', 'Code', 'Message', 'Recommend'}
    return response.status_code, body['Code']


@pytest.mark.parametrize('method', ['GET', 'POST'])
def test_valid_requests_by_get_and_post(emulator, method):
    response = send(emulator, signed(method=method), method)
    assert response.status_code == 200 and response.json()['RequestId']


@pytest.mark.parametrize('kwargs, expected', [
    (dict(key='AKIDunknown'), (404, 'InvalidAccessKeyId.NotFound')),
    (dict(secret='wrong'), (400, 'SignatureDoesNotMatch')),
    (dict(drop=('Signature',)), (400, 'MissingParameter')),
    (dict(timestamp='2016-02-23T12:46:24Z'), (400, 'InvalidTimeStamp.Expired')),
    (dict(timestamp='yesterday'), (400, 'InvalidTimeStamp.Format')),
    (dict(params={'TaskAction': 'ImportImage'}), (400, 'MissingParameter')),
    (dict(params={'RegionId': 'xx-none-1', 'TaskAction': 'ImportImage'}), (400, 'InvalidRegionId.NotFound')),
    (dict(params={'RegionId': 'cn-hangzhou'}), (400, 'MissingParameter')),
    (dict(params={'RegionId': 'cn-hangzhou', 'TaskAction': 'CreateInstance'}), (400, 'InvalidParameter')),
    (dict(params={'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage',
                  'TaskIds': ','.join('t-%d' % i for i in range(101))}), (400, 'InvalidParameter')),
    (dict(params={'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage', 'ResourceIds.101': 'm-1'}),
     (400, 'InvalidParameter')),
    (dict(params={'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage', 'PageSize': '101'}), (400, 'InvalidParameter')),
    (dict(params={'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage', 'PageSize': '0'}), (400, 'InvalidParameter')),
    (dict(params={'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage', 'PageNumber': '0'}), (400, 'InvalidParameter')),
    (dict(params={'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage', 'StartTime': '2026/11/29'}),
     (400, 'InvalidParameter')),
    (dict(action='RunEverything'), (404, 'InvalidAction.NotFound')),
    (dict(params={'RegionId': 'cn-hangzhou', 'TaskId': 't-none'}, action='DescribeTaskAttribute'),
     (400, 'InvalidTaskId.NotFound')),
])
def test_errors_have_the_real_codes_statuses_and_body(emulator, kwargs, expected):
    assert error_of(send(emulator, signed(**kwargs))) == expected


def test_wrong_secret_message_ends_with_the_server_string_to_sign(emulator):
    form = signed(secret='wrong')
    message = send(emulator, form).json()['Message']
    assert message.startswith('Specified signature is not matched with our calculation. server string to sign is:GET&%2F&')
    assert message.split(':')[1].startswith('GET&%2F&AccessKeyId%3D' + ACCESS_KEY)


def test_a_reused_nonce_is_refused(emulator):
    nonce = uuid.uuid4().hex
    assert send(emulator, signed(nonce=nonce)).status_code == 200
    assert error_of(send(emulator, signed(nonce=nonce))) == (400, 'SignatureNonceUsed')


def test_every_answer_has_a_request_id_and_errors_come_in_xml_too(emulator):
    response = send(emulator, signed(params={'RegionId': 'xx-none-1', 'TaskAction': 'ImportImage'}, fmt='XML'))
    root = ElementTree.fromstring(response.content)
    assert root.tag == 'Error' and root.findtext('Code') == 'InvalidRegionId.NotFound' and root.findtext('RequestId')


def test_xml_answer_has_the_reference_shape(emulator):
    emulator.seed({'task_action': 'ImportImage'}, {'task_action': 'ImportImage'})
    root = ElementTree.fromstring(send(emulator, signed(fmt='XML')).content)
    assert root.tag == 'DescribeTasksResponse' and root.findtext('TotalCount') == '2'
    assert len(root.findall('./TaskSet/Task')) == 2 and root.find('./TaskSet/Task/TaskId').text.startswith('t-')


def test_format_defaults_to_xml_for_v1(emulator):
    form = signed()
    form.pop('Format')
    form.pop('Signature')
    form['Signature'] = sign_v1('GET', form, SECRET)
    assert send(emulator, form).content.startswith(b'<?xml')


def test_tasks_move_through_their_states_on_the_emulated_clock(emulator_factory):
    emulator = emulator_factory(time_scale=600)
    emulator.control('POST', 'clock', {'freeze': True})
    emulator.seed({'task_action': 'ImportImage', 'waiting_seconds': 300, 'processing_seconds': 600})
    seen = []
    for seconds in (0, 299, 2, 598, 2):  # 0 s, 299 s, 301 s, 899 s, 901 s after its creation
        emulator.control('POST', 'clock', {'advance': seconds})
        seen.append(emulator.control('GET', 'tasks')['tasks'][0]['TaskStatus'])
    assert seen == ['Waiting', 'Waiting', 'Processing', 'Processing', 'Finished']


def test_newest_first_time_window_and_status_filter(emulator):
    emulator.seed({'task_action': 'ImportImage', 'task_id': 't-a', 'creation_time': '2026-01-01T00:00Z',
                   'status': 'Finished'},
                  {'task_action': 'ImportImage', 'task_id': 't-b', 'creation_time': '2026-01-02T00:00Z',
                   'status': 'Processing'},
                  {'task_action': 'ImportImage', 'task_id': 't-c', 'creation_time': '2026-01-03T00:00:30Z',
                   'status': 'Finished'})
    body = send(emulator, signed()).json()
    assert [t['TaskId'] for t in body['TaskSet']['Task']] == ['t-c', 't-b', 't-a']
    params = {'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage', 'TaskStatus': 'Finished',
              'StartTime': '2026-01-01T12:00Z', 'EndTime': '2026-01-03T00:01:00Z'}
    assert [t['TaskId'] for t in send(emulator, signed(params)).json()['TaskSet']['Task']] == ['t-c']
    ignored = dict(params, TaskStatus='Paused', StartTime='2025-01-01T00:00Z')
    assert len(send(emulator, signed(ignored)).json()['TaskSet']['Task']) == 3


def test_cancel_task(emulator):
    task_id = emulator.seed({'task_action': 'ImportImage'})[0]
    assert send(emulator, signed({'RegionId': 'cn-hangzhou', 'TaskId': task_id}, action='CancelTask')).status_code == 200
    assert emulator.control('GET', 'tasks')['tasks'][0]['TaskStatus'] == 'Deleted'
    again = send(emulator, signed({'RegionId': 'cn-hangzhou', 'TaskId': task_id}, action='CancelTask'))
    assert error_of(again) == (403, 'InvalidTaskId.IncorrectTaskStatus')


def test_sts_assume_role_and_expiry_of_its_token(emulator_factory):
    emulator = emulator_factory({'sts_token_seconds': 1})
    answer = send(emulator, signed({'RoleArn': 'acs:ram::123:role/r', 'RoleSessionName': 's'},
                                   action='AssumeRole', version='2015-04-01')).json()
    credentials = answer['Credentials']
    params = {'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage', 'SecurityToken': credentials['SecurityToken']}
    assert send(emulator, signed(params, key=credentials['AccessKeyId'],
                                 secret=credentials['AccessKeySecret'])).status_code == 200
    no_token = dict(params)
    no_token.pop('SecurityToken')
    assert error_of(send(emulator, signed(no_token, key=credentials['AccessKeyId'],
                                          secret=credentials['AccessKeySecret'])))[1] == \
        'InvalidSecurityToken.MismatchWithAccessKey'
    time.sleep(1.1)
    assert error_of(send(emulator, signed(params, key=credentials['AccessKeyId'],
                                          secret=credentials['AccessKeySecret']))) == (400, 'InvalidSecurityToken.Expired')


# --- the control API's faults ----------------------------------------------------------------------

@pytest.mark.parametrize('code, status', [('Throttling.User', 400), ('ServiceUnavailable', 503),
                                          ('InternalError', 500), ('InvalidTimeStamp.Expired', 400)])
def test_error_faults_for_the_next_n_requests(emulator, code, status):
    emulator.fault(code=code, count=2)
    assert [error_of(send(emulator, signed())) for dummy in range(2)] == [(status, code)] * 2
    assert send(emulator, signed()).status_code == 200


def test_faults_can_target_one_action(emulator):
    emulator.fault(code='Throttling.User', action='DescribeTaskAttribute')
    assert send(emulator, signed()).status_code == 200


def test_connection_reset_fault(emulator):
    emulator.fault(kind='reset', count=1)
    with pytest.raises(requests.exceptions.ConnectionError):
        send(emulator, signed())
    assert send(emulator, signed()).status_code == 200


def test_non_json_fault(emulator):
    emulator.fault(kind='non_json', count=1)
    response = send(emulator, signed())
    assert response.status_code == 502 and response.content.startswith(b'<html>')


def test_redirect_fault(emulator):
    emulator.fault(kind='redirect', status=302, count=1)
    response = requests.get(emulator.url + '/', params=signed(), timeout=5, allow_redirects=False)
    assert response.status_code == 302 and response.headers['Location'] == '/_emulator/health'
    assert send(emulator, signed()).status_code == 200


def test_latency_fault(emulator):
    emulator.fault(kind='latency', seconds=0.3, count=1)
    started = time.monotonic()
    assert send(emulator, signed()).status_code == 200
    assert time.monotonic() - started >= 0.3


def test_request_log_counters_and_reset(emulator):
    send(emulator, signed())
    send(emulator, signed(secret='wrong'))
    log = emulator.requests()
    assert log['count'] == 2 and log['by_code'] == {'OK': 1, 'SignatureDoesNotMatch': 1}
    emulator.seed({'task_action': 'ImportImage'})
    emulator.control('POST', 'reset')
    assert emulator.requests()['count'] == 0 and emulator.control('GET', 'tasks')['tasks'] == []


def test_bad_control_requests_are_explained(emulator):
    response = requests.post(emulator.url + '/_emulator/faults', data=json.dumps({'kind': 'meteor'}), timeout=5)
    assert response.status_code == 400 and 'kind must be one of' in response.json()['error']
