# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Faults the emulator throws at calls: those a test injects through the control API, counted down, and the seeded
random ones of a chaos run."""

from __future__ import absolute_import, division, print_function

import random

FAULT_ERRORS = {
    'Throttling.User': ('Request was denied due to user flow control.', 400),
    'Throttling': ('Request was denied due to flow control.', 400),
    'ServiceUnavailable': ('The request has failed due to a temporary failure of the server.', 503),
    'InternalError': ('The request processing has failed due to some unknown error.', 500),
    'InvalidTimeStamp.Expired': ('Specified time stamp or date value is expired.', 400),
}
FAULT_KINDS = ('error', 'latency', 'reset', 'non_json', 'redirect', 'drop_answer', 'corrupt_body')
# What a chaos run throws at ECS and OSS calls, and the OSS calls whose bodies it can damage.
CHAOS_FAULTS = (
    {'kind': 'drop_answer'}, {'kind': 'reset'}, {'kind': 'error', 'code': 'ServiceUnavailable'},
    {'kind': 'error', 'code': 'Throttling.User'},
)
CHAOS_BODY_FAULT = {'kind': 'corrupt_body'}
OSS_BODY_ACTIONS = ('PutObject', 'UploadPart')


def error_of(fault):
    """(message, HTTP status) of an error fault."""
    message, status = FAULT_ERRORS.get(fault['code'], ('Injected fault.', 500))
    return message, fault['status'] or status


class Faults:
    """The injected faults, in order, and the chaos run's random source; called under the server's lock."""

    def __init__(self):
        self.injected = []
        self.chaos_random = None  # random.Random(seed) while a chaos run is on
        self.chaos_rate = 0.0

    def add(self, request):
        """A fault from a control API request; ValueError when it is not one."""
        kind = request.get('kind', 'error')
        if kind not in FAULT_KINDS:
            raise ValueError('kind must be one of %s' % ', '.join(FAULT_KINDS))
        if kind == 'error' and not request.get('code'):
            raise ValueError('an error fault needs a code, such as %s' % ', '.join(FAULT_ERRORS))
        self.injected.append({'kind': kind, 'code': request.get('code'), 'status': request.get('status'),
                              'action': request.get('action'), 'remaining': request.get('count'),
                              'seconds': float(request.get('seconds') or 0), 'after': int(request.get('after') or 0),
                              'match': dict(request.get('match') or {})})

    def clear(self):
        del self.injected[:]

    def set_chaos(self, chaos):
        """Random faults at `rate` from `seed` ({'seed': 3, 'rate': 0.2}), or none (an empty value)."""
        self.chaos_random = random.Random(int(chaos['seed'])) if chaos else None
        self.chaos_rate = float((chaos or {}).get('rate', 0.2))

    def take(self, action, params=None):
        """The next injected fault that applies to this action (and these request parameters, when the fault
        matches some), counted down; else a chaos run's."""
        for fault in self.injected:
            if fault['action'] in (None, action) and fault['remaining'] != 0 \
                    and all((params or {}).get(k) == v for k, v in fault['match'].items()):
                if fault['after']:
                    fault['after'] -= 1  # this many matching requests pass first
                    continue
                if fault['remaining'] is not None:
                    fault['remaining'] -= 1
                return dict(fault)
        return self.chaos_fault(action)

    def chaos_fault(self, action):
        """A seeded random fault for an ECS or OSS call (never the metadata service), at the chaos run's rate."""
        if self.chaos_random is None or action in (None, '', 'Metadata'):
            return None
        if self.chaos_random.random() >= self.chaos_rate:
            return None
        choices = CHAOS_FAULTS + ((CHAOS_BODY_FAULT,) if action in OSS_BODY_ACTIONS else ())
        return dict({'code': None, 'status': None, 'action': action, 'remaining': None, 'seconds': 0.0,
                     'after': 0, 'match': {}}, **self.chaos_random.choice(choices))
