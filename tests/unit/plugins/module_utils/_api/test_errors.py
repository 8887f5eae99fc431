# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The failures of the collection: what a user reads, and what a result carries."""

from __future__ import absolute_import, division, print_function

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError, WorkFailed


def test_an_api_error_reads_code_message_hint_status_request_id_and_attempts():
    error = ApiError('Forbidden.RAM', 'User not authorized', http_status=403, request_id='R-1', attempts=3)
    assert str(error) == ('Forbidden.RAM: User not authorized. The RAM user or role lacks the permission for this '
                          'action (ecs:DescribeTasks and friends). (HTTP 403, request id R-1, after 3 attempts)')


def test_throttling_has_its_hint_whatever_the_suffix():
    assert 'raise poll_interval' in str(ApiError('Throttling.User', 'flow control'))


def test_the_string_to_sign_never_reaches_the_message_or_the_result():
    error = ApiError.from_body({'Code': 'SignatureDoesNotMatch', 'Message': 'Bad signature. server string to sign is: '
                                'POST&%2F&SecurityToken%3Dsecret-token', 'RequestId': 'R-2', 'HostId': 'ecs'}, 400)
    assert 'secret-token' not in str(error) and 'secret-token' not in repr(error.to_dict())
    assert error.to_dict() == dict(code='SignatureDoesNotMatch', message='Bad signature.', request_id='R-2',
                                   recommend=None, http_status=400, host_id='ecs', permission=None)


def test_a_refusal_names_the_action_of_the_answer_or_of_the_call_and_the_policy():
    answered = ApiError.from_body({'Code': 'Forbidden.RAM', 'Message': 'User not authorized.', 'RequestId': 'R-3',
                                   'AccessDeniedDetail': {'AuthAction': 'ecs:CopyImage'}}, 403)
    answered.refused('ecs:Other', 'docs/permissions/image_distribute.json')
    assert answered.permission == 'ecs:CopyImage' and answered.to_dict()['permission'] == 'ecs:CopyImage'
    assert 'lacks the RAM permission ecs:CopyImage' in str(answered)
    assert 'docs/permissions/image_distribute.json lists every action' in str(answered)
    bare = ApiError('AccessDenied', 'You have no right.', http_status=403).refused('oss:PutObject', None)
    assert 'lacks the RAM permission oss:PutObject: add it' in str(bare) and 'lists every' not in str(bare)


def test_only_a_refusal_gets_a_permission():
    error = ApiError('InvalidImageId.NotFound', 'no such image', http_status=404).refused('ecs:CopyImage', 'p.json')
    assert error.permission is None and 'ecs:CopyImage' not in str(error)


def test_network_errors_and_server_errors_leave_a_write_unknown():
    assert ApiError('ConnectionError', '').outcome_unknown and ApiError('ConnectionError', '').is_network_error
    assert ApiError('InternalError', '', http_status=500).outcome_unknown
    assert not ApiError('InvalidParameter', '', http_status=400).outcome_unknown


def test_an_option_error_names_the_option_and_a_work_failure_carries_its_result_keys():
    error = OptionError('region', 'a region id is required')
    assert (str(error), error.option) == ('region: a region id is required', 'region')
    failed = WorkFailed('timed out', polls=3, tasks=[])
    assert (str(failed), failed.result) == ('timed out', {'polls': 3, 'tasks': []})
