# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: ecs_task
short_description: Look up Alibaba Cloud ECS asynchronous tasks, optionally waiting until they finish
version_added: 0.1.0
author:
  - alicloud_ops maintainers (@alicloud-ops)
description:
  - Returns one task per term (task id), in the order of the terms, from the ECS API action C(DescribeTasks);
    with no terms, every task matching the filters, newest first.
  - Runs on the controller with the same API client and wait helper as the M(alicloud_ops.ecs.ecs_task_info)
    module; ids are sent 100 per call and every page is fetched.
options:
  _terms:
    description:
      - Task ids. A term may also be a list of ids or a comma-separated string of ids.
    type: list
    elements: str
  on_missing:
    description:
      - What to do with a term the API does not know.
      - V(error) raises an error naming it; V(warn) warns and leaves it out; V(skip) leaves it out silently.
    type: str
    choices: [error, warn, skip]
    default: error
extends_documentation_fragment:
  - alicloud_ops.ecs.task_query
  - alicloud_ops.ecs.connection.plugins
notes:
  - Module defaults (C(module_defaults)) do not apply to lookups; give connection options as lookup options,
    inventory variables (C(alicloud_region), C(alicloud_access_key) and so on) or environment variables.
seealso:
  - module: alicloud_ops.ecs.ecs_task_info
'''

EXAMPLES = r'''
- name: State of two tasks, in the order given
  ansible.builtin.debug:
    msg: "{{ lookup('alicloud_ops.ecs.ecs_task', 't-bp1a', 't-bp1b', region='cn-hangzhou', wantlist=true)
             | map(attribute='task_status') }}"

- name: Wait in an expression until an export finished, then use its resource id
  ansible.builtin.set_fact:
    exported_image: "{{ (query('alicloud_ops.ecs.ecs_task', export_task_id, wait=true, wait_timeout=7200))[0].resource_id }}"

- name: Every failed import of the day
  ansible.builtin.debug:
    msg: "{{ query('alicloud_ops.ecs.ecs_task', task_action='ImportImage', task_status='Failed',
                   start_time=now(utc=true).strftime('%Y-%m-%dT00:00Z')) }}"
'''

RETURN = r'''
_raw:
  description:
    - One task per term, in the order of the terms (terms left out by O(on_missing) excepted); without terms, every
      matching task. Keys as the C(tasks) of M(alicloud_ops.ecs.ecs_task_info).
  type: list
  elements: dict
  contains:
    task_id:
      description: Task id.
      type: str
    task_action:
      description: Kind of task, such as C(ImportImage).
      type: str
    task_status:
      description: State of the task.
      type: str
    support_cancel:
      description: Whether the task can be cancelled.
      type: bool
    creation_time:
      description: When the task was created (UTC).
      type: str
    finished_time:
      description: When the task finished (UTC); null until then.
      type: str
    resource_id:
      description: The resource the task works on (the image id of image tasks).
      type: str
    progress:
      description: Percent done, with O(progress=true); null when not read this round (see O(progress)).
      type: int
'''

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.task_query import unknown_ids_message
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import connection_argument_spec, task_query_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_task_info import run_task_query

OPTIONS = list(connection_argument_spec()) + list(task_query_argument_spec())

display = Display()


def task_ids(terms):
    """Ids from terms that are ids, lists of ids or comma-separated strings of ids."""
    ids = []
    for term in terms:
        for item in (term if isinstance(term, (list, tuple)) else str(term).split(',')):
            ids.append(str(item).strip())
    return ids


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        # options read from variables come untemplated
        options = dict((name, self._templar.template(self.get_option(name))) for name in OPTIONS
                       if name != 'task_ids')
        options['on_missing'] = self.get_option('on_missing')
        wanted = task_ids(terms)
        options['task_ids'] = wanted or None
        outcome = run_task_query(options)
        for warning in outcome.warnings:
            display.warning('alicloud_ops.ecs.ecs_task: ' + warning)
        if outcome.failed:
            raise AnsibleLookupError(outcome.message, orig_exc=outcome.exception)
        if not wanted:
            return outcome.result['tasks']
        missing = outcome.result['missing']
        if missing and options['on_missing'] == 'error':
            raise AnsibleLookupError(unknown_ids_message(options['task_action'], missing))
        if missing and options['on_missing'] == 'warn':
            display.warning('alicloud_ops.ecs.ecs_task: unknown task ids left out: %s' % ', '.join(missing))
        by_id = dict((task['task_id'], task) for task in outcome.result['tasks'])
        return [by_id[task_id] for task_id in wanted if task_id in by_id]
