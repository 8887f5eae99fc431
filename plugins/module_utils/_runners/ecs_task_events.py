# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The arguments of the ecs_task event source, and how long it waits after failed polls; its watcher is
_ecs/task_watch.py. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import id_list
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import IMAGE_TASK_ACTIONS, TASK_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import ENVIRONMENT, connection_argument_spec

DEFAULT_INTERVAL = 30
MAX_BACKOFF = 300
SOURCE_ARGUMENTS = ('task_action', 'task_ids', 'resource_ids', 'statuses', 'interval', 'include_existing')


def source_options(args, environ=None):
    """The connection options (with their environment variables) and the source's own, checked; raises OptionError
    naming the argument."""
    environ = os.environ if environ is None else environ
    connection = connection_argument_spec()
    unknown = sorted(set(args) - set(connection) - set(SOURCE_ARGUMENTS) - {'eda_feedback_queue'})
    if unknown:
        raise OptionError(unknown[0], 'not an argument of alicloud_ops.ecs.ecs_task; its arguments are %s'
                          % ', '.join(sorted(set(connection) | set(SOURCE_ARGUMENTS))))
    options = dict((name, spec.get('default')) for name, spec in connection.items())
    for name, variables in ENVIRONMENT.items():
        found = [environ[v] for v in variables if environ.get(v)]
        if found:
            options[name] = found[0]
    options.update((k, v) for k, v in args.items() if k in connection and v is not None)
    actions = args.get('task_action') or list(IMAGE_TASK_ACTIONS)
    actions = [actions] if isinstance(actions, str) else list(actions)
    if not actions or any(action not in IMAGE_TASK_ACTIONS for action in actions):
        raise OptionError('task_action', 'expected ImportImage, ExportImage or a list of both, got %r'
                          % (args.get('task_action'),))
    statuses = args.get('statuses')
    statuses = [statuses] if isinstance(statuses, str) else statuses
    if statuses is not None and (not statuses or any(s not in TASK_STATUSES for s in statuses)):
        raise OptionError('statuses', 'expected a list of %s, got %r' % (', '.join(TASK_STATUSES), statuses))
    # a rulebook's templated arguments ("{{ interval }}") arrive as text
    try:
        interval = float(args.get('interval', DEFAULT_INTERVAL))
    except (TypeError, ValueError):
        interval = None
    if isinstance(args.get('interval'), bool) or interval is None or not 0 < interval < float('inf'):
        raise OptionError('interval', 'expected a positive number of seconds, got %r' % (args.get('interval'),))
    try:
        include_existing = boolean(args.get('include_existing', False), strict=True)
    except TypeError:
        raise OptionError('include_existing', 'expected true or false, got %r' % (args.get('include_existing'),))
    options.update(
        task_action=actions,
        task_ids=id_list(args['task_ids'], 'task_ids') if args.get('task_ids') is not None else [],
        resource_ids=id_list(args['resource_ids'], 'resource_ids') if args.get('resource_ids') is not None else [],
        statuses=statuses, interval=interval, include_existing=include_existing)
    return options


def backoff(interval, failures):
    """Seconds to wait after `failures` polls in a row failed: the interval, doubled each time, at most 5 minutes
    (or the interval, when that is longer)."""
    return max(interval, min(MAX_BACKOFF, interval * 2 ** failures))
