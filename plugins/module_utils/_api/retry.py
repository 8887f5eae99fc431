# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The one retry policy of the collection's API calls. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError

RETRYABLE_CODES = frozenset(['ServiceUnavailable', 'InternalError', 'UnknownError'])
RETRYABLE_HTTP_STATUSES = frozenset([500, 502, 503, 504])
# An expired temporary credential: refreshed once, then the call is sent again (RPC APIs and OSS spell it apart).
EXPIRED_TOKEN_CODES = frozenset(['InvalidSecurityToken.Expired', 'SecurityTokenExpired'])
DEFAULT_MAX_RETRIES = 6


def is_retryable(error, resend_safe=True, retry_codes=()):
    """Throttling, server-side failures and network errors are worth another try; other client errors are not.

    A write the API cannot recognise when sent again (no ClientToken) is retried only after throttling, which
    says the API refused it: after a lost answer or a server error it may have been carried out.
    """
    if error.code.startswith('Throttling') or error.code in retry_codes:
        return True
    return resend_safe and (error.is_network_error or error.code in RETRYABLE_CODES
                            or error.http_status in RETRYABLE_HTTP_STATUSES)


class RetryPolicy:
    """Jittered exponential backoff: retry n waits between half and all of min(cap, base * 2**n) seconds."""

    def __init__(self, max_retries=DEFAULT_MAX_RETRIES, base=0.5, cap=20.0, uniform=None):
        self.max_retries = max_retries
        self.base = base
        self.cap = cap
        self._uniform = uniform or random.uniform

    def delay(self, retry_number):
        ceiling = min(self.cap, self.base * (2 ** retry_number))
        return self._uniform(ceiling / 2, ceiling)

    def next_delay(self, error, retries_done, seconds_left=None, resend_safe=True, retry_codes=()):
        """Seconds to wait before retrying after `error`, or None when the error must be raised."""
        if retries_done >= self.max_retries or not is_retryable(error, resend_safe, retry_codes):
            return None
        delay = self.delay(retries_done)
        if seconds_left is not None and delay >= seconds_left:
            return None
        return delay

    def call(self, attempt, credentials, deadline=None, resend_safe=True, retry_codes=(), sleep=None, clock=None):
        """attempt()'s result, trying again after retryable ApiErrors, never past `deadline` (a time.monotonic()
        value); expired temporary credentials are refreshed once. Each try signs anew, so every try gets a fresh
        nonce and timestamp. `retry_codes` are further error codes worth another try for this call."""
        sleep = sleep or time.sleep
        clock = clock or time.monotonic
        retries = 0
        refreshed = False
        while True:
            try:
                return attempt()
            except ApiError as error:
                error.attempts = retries + 1 + int(refreshed)
                if error.code in EXPIRED_TOKEN_CODES and credentials.refreshable and not refreshed:
                    credentials.invalidate()
                    refreshed = True
                    continue
                seconds_left = None if deadline is None else deadline - clock()
                delay = self.next_delay(error, retries, seconds_left, resend_safe, retry_codes)
                if delay is None:
                    raise
                sleep(delay)
                retries += 1


def write_once(send, recover):
    """send()'s answer, for a write the API does not recognise when it is sent again (it has no ClientToken), so it is
    never sent twice blindly. After a lost answer or a server error the write may or may not have been carried out:
    recover() reads what the first attempt did, sends again only what is still needed, and returns the write's
    result."""
    try:
        return send()
    except ApiError as error:
        if not error.outcome_unknown:
            raise
    return recover()
