# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""How every module and the lookup run their API work and report it. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client, plain_http_warnings


class Outcome:
    """What a module or lookup reports: `message` is None on success; `exception` is what ended a failure;
    `warnings` are shown on success and failure alike."""

    def __init__(self, message, result, exception=None, warnings=()):
        self.message = message
        self.result = result
        self.exception = exception
        self.warnings = list(warnings)

    @property
    def failed(self):
        return self.message is not None


def run_work(options, result, work, clock=None, make_client=ecs_client):
    """Make the client for `options` (ECS unless told) and call work(client, result), which fills `result` in place.

    Never raises for expected failures: bad options (before any API call), API errors (`error` gets code, message
    and request id) and WorkFailed. `elapsed` and `request_ids` are set on success and failure alike.
    """
    clock = clock or time.monotonic
    started = clock()
    result.update(elapsed=0.0, request_ids=[])
    client = None
    message = exception = None
    try:
        client = make_client(options)
        work(client, result)
    except OptionError as exc:
        message, exception = str(exc), exc
    except ApiError as exc:
        message, exception = str(exc), exc
        result['error'] = exc.to_dict()
    except WorkFailed as exc:
        message, exception = str(exc), exc
        result.update(exc.result)
    result['elapsed'] = round(clock() - started, 3)
    if client is not None:
        result['request_ids'] = list(client.request_ids)
    return Outcome(message, result, exception, plain_http_warnings(options))


def exit_module(module, outcome):
    """End a module run with its outcome: warnings first, then fail_json or exit_json."""
    for warning in outcome.warnings:
        module.warn(warning)
    if outcome.failed:
        module.fail_json(msg=outcome.message, **outcome.result)
    module.exit_json(**outcome.result)
