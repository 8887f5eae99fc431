# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one retry policy of the collection's API calls. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random

RETRYABLE_CODES = frozenset(['ServiceUnavailable', 'InternalError', 'UnknownError'])
RETRYABLE_HTTP_STATUSES = frozenset([500, 502, 503, 504])
DEFAULT_MAX_RETRIES = 6


def is_retryable(error, resend_safe=True):
    """Throttling, server-side failures and network errors are worth another try; other client errors are not.

    A write the API cannot recognise when sent again (no ClientToken) is retried only after throttling, which
    says the API refused it: after a lost answer or a server error it may have been carried out.
    """
    if error.code.startswith('Throttling'):
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

    def next_delay(self, error, retries_done, seconds_left=None, resend_safe=True):
        """Seconds to wait before retrying after `error`, or None when the error must be raised."""
        if retries_done >= self.max_retries or not is_retryable(error, resend_safe):
            return None
        delay = self.delay(retries_done)
        if seconds_left is not None and delay >= seconds_left:
            return None
        return delay
