# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The one retry policy: what is tried again, how long it waits, and a write that is never sent twice blindly."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import RetryPolicy, is_retryable, write_once


class Credentials:
    refreshable = True

    def __init__(self):
        self.invalidated = 0

    def invalidate(self):
        self.invalidated += 1


@pytest.mark.parametrize('error, resend_safe, retried', [
    (ApiError('Throttling.User', ''), False, True),
    (ApiError('ServiceUnavailable', '', http_status=503), True, True),
    (ApiError('ServiceUnavailable', '', http_status=503), False, False),
    (ApiError('ConnectionError', ''), True, True),
    (ApiError('ConnectionError', ''), False, False),
    (ApiError('InvalidParameter', '', http_status=400), True, False),
])
def test_only_throttling_server_and_network_errors_are_retried_and_writes_only_after_throttling(
        error, resend_safe, retried):
    assert is_retryable(error, resend_safe) is retried


def test_delays_are_jittered_between_half_and_all_of_the_capped_exponential():
    policy = RetryPolicy(base=0.5, cap=4.0, uniform=lambda low, high: (low, high))
    assert [policy.delay(n) for n in range(5)] == [(0.25, 0.5), (0.5, 1.0), (1.0, 2.0), (2.0, 4.0), (2.0, 4.0)]


def test_no_retry_past_the_budget_or_the_deadline():
    policy = RetryPolicy(max_retries=2, uniform=lambda low, high: high)
    error = ApiError('Throttling', '')
    assert policy.next_delay(error, 1) == 1.0
    assert policy.next_delay(error, 2) is None
    assert policy.next_delay(error, 1, seconds_left=0.9) is None


def test_call_retries_then_raises_with_the_attempts_counted():
    sleeps = []
    attempts = []

    def attempt():
        attempts.append(1)
        raise ApiError('ServiceUnavailable', 'busy', http_status=503)
    with pytest.raises(ApiError) as raised:
        RetryPolicy(max_retries=2, uniform=lambda low, high: high).call(attempt, Credentials(), sleep=sleeps.append)
    assert (len(attempts), sleeps, raised.value.attempts) == (3, [0.5, 1.0], 3)


def test_an_expired_token_is_refreshed_once_and_the_call_sent_again_without_a_wait():
    credentials = Credentials()
    answers = [ApiError('InvalidSecurityToken.Expired', ''), ApiError('InvalidSecurityToken.Expired', '')]

    def attempt():
        raise answers.pop(0)
    with pytest.raises(ApiError):
        RetryPolicy(max_retries=0).call(attempt, credentials, sleep=lambda s: None)
    assert credentials.invalidated == 1 and answers == []


def test_write_once_answers_the_first_send_and_recovers_only_after_a_lost_answer():
    sent, recovered = [], []

    def send():
        sent.append(1)
        if len(sent) == 1 and failure is not None:
            raise failure
        return 'sent'
    for failure, result in ((None, 'sent'), (ApiError('ConnectionError', ''), 'recovered'),
                            (ApiError('InternalError', '', http_status=500), 'recovered')):
        del sent[:]
        assert write_once(send, lambda: recovered.append(1) or 'recovered') == result
        assert len(sent) == 1
    assert len(recovered) == 2


def test_write_once_raises_a_refusal_without_recovering():
    def send():
        raise ApiError('InvalidImageId.NotFound', '', http_status=404)
    with pytest.raises(ApiError, match='InvalidImageId.NotFound'):
        write_once(send, lambda: pytest.fail('a refused write is not recovered'))
