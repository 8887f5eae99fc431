# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of ecs_task_info and the ecs_task lookup: a query, and optionally a wait.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.task_query import TaskQuery
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.tasks import TaskService
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.waits import check_wait_options, waiter_for


def run_task_query(options, on_poll=None, clock=None):
    """Run the query (and the wait) that module or lookup options describe; never raises for expected failures.

    The result holds tasks, total_count, missing, elapsed, polls and request_ids, and `error` (code, message,
    request_id, recommend) when the API refused a call.
    """
    clock = clock or time.monotonic

    def work(client, result):
        query = TaskQuery.from_options(options)
        check_wait_options(options)
        service = TaskService(client)
        if options.get('wait'):
            waiter = waiter_for(options, clock)
            listing = service.wait(query, waiter, progress=options.get('progress'), on_poll=on_poll,
                                   missing_ok=options.get('on_missing') in ('warn', 'skip'))
            result['polls'] = waiter.polls
        else:
            listing = service.query(query)
            result['polls'] = 1
            if options.get('progress'):
                service.add_progress(listing.tasks, options.get('progress_round') or 0)
        result.update(tasks=listing.tasks, total_count=listing.total_count, missing=listing.missing)

    return run_work(options, dict(changed=False, tasks=[], total_count=0, missing=[], polls=0), work, clock)
