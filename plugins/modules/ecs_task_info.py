#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ecs_task_info
short_description: Query Alibaba Cloud ECS asynchronous tasks and wait until they finish
version_added: 0.1.0
description:
  - Queries ECS asynchronous tasks (image imports and exports above all) with every filter of the ECS API action
    C(DescribeTasks), fetching every page and sending ids 100 per call.
  - Optionally blocks until every matched task is C(Finished), ending at once when a task is C(Failed) or
    C(Deleted) or a task id is unknown.
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  task_ids:
    description:
      - Task ids to query, any number (sent 100 per call). A comma-separated string is accepted too.
      - Ids the API does not know are returned in RV(missing); with O(wait=true) they fail the task at once.
    type: list
    elements: str
  page_number:
    description:
      - Return exactly this page of results (of O(page_size) tasks) for O(task_action), which must be set.
      - When not set, every page is fetched.
    type: int
  page_size:
    description:
      - Tasks per page, 1 to 100. Listing M tasks costs ceil(M / O(page_size)) calls.
    type: int
    default: 100
extends_documentation_fragment:
  - alicloud_ops.ecs.progress
  - alicloud_ops.ecs.task_query
  - alicloud_ops.ecs.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: The module only reads; it behaves the same in check mode.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
seealso:
  - name: DescribeTasks API reference
    description: The ECS API action this module calls.
    link: https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describetasks
'''

EXAMPLES = r'''
- name: Start an image import with alicloud_ops.ecs.ecs_image_import (or any other way), then wait for it
  alicloud_ops.ecs.ecs_task_info:
    region: cn-hangzhou
    task_ids: "{{ import_result.task_id }}"
    wait: true
    wait_timeout: 7200
    poll_interval: 30
  register: imported

- name: List every image import of the last day that failed
  alicloud_ops.ecs.ecs_task_info:
    task_action: ImportImage
    task_status: Failed
    start_time: "{{ '%Y-%m-%dT%H:%MZ' | strftime(now(utc=true).timestamp() - 86400, utc=true) }}"
  register: failed_imports

- name: Tasks of some images, with their progress
  alicloud_ops.ecs.ecs_task_info:
    resource_ids:
      - m-bp1abc
      - m-bp1def
    progress: true

- name: Credentials from module_defaults for every module of the collection
  module_defaults:
    group/alicloud_ops.ecs.alicloud:
      region: cn-shanghai
      profile: image-builder
  block:
    - name: The second page of 20 exports
      alicloud_ops.ecs.ecs_task_info:
        task_action: ExportImage
        page_number: 2
        page_size: 20
'''

RETURN = r'''
tasks:
  description:
    - The matched tasks; in the order of O(task_ids) when given, else newest first.
    - With O(wait=true), their final states (on failure, their last known states).
  returned: always
  type: list
  elements: dict
  contains:
    task_id:
      description: Task id.
      type: str
      sample: t-bp1a2b3c4d5e
    task_action:
      description: Kind of task.
      type: str
      sample: ImportImage
    task_status:
      description: State of the task.
      type: str
      sample: Finished
    support_cancel:
      description: Whether the task can be cancelled.
      type: bool
      sample: true
    creation_time:
      description: When the task was created (UTC).
      type: str
      sample: '2026-11-29T08:30Z'
    finished_time:
      description: When the task finished (UTC); null until it finishes.
      type: str
      sample: '2026-11-29T09:42Z'
    resource_id:
      description: The resource the task works on (the image id of image tasks).
      type: str
      sample: m-bp1abc
    progress:
      description:
        - Percent done (100 once finished, 0 while waiting); null when the API does not say, or when the round's
          progress calls were spent on other tasks (see O(progress)).
      type: int
      returned: when O(progress=true)
      sample: 45
total_count:
  description:
    - How many tasks match, which is the number of RV(tasks) returned.
    - With O(page_number), the API's own count of the whole result (summed over task actions and id batches).
  returned: always
  type: int
  sample: 2
missing:
  description: Ids of O(task_ids) the API did not return.
  returned: always
  type: list
  elements: str
  sample: [t-unknown]
elapsed:
  description: Seconds the module spent querying and waiting, on success and on failure.
  returned: always
  type: float
  sample: 125.3
polls:
  description: Poll rounds made (1 without O(wait)).
  returned: always
  type: int
  sample: 13
request_ids:
  description: Request ids of the API calls made, for Alibaba Cloud support.
  returned: always
  type: list
  elements: str
  sample: [E5C82807-5588-4661-9A96-350B206A7623]
error:
  description: The API's error, when a call failed.
  returned: when the API refused a call
  type: dict
  contains:
    code:
      description: Error code.
      type: str
      sample: InvalidRegionId.NotFound
    message:
      description: Error message.
      type: str
      sample: The specified region does not exist.
    request_id:
      description: Request id of the failed call.
      type: str
      sample: 9C2F5BA0-2D61-4E6B-A3F0-8E3F3B2A7D11
    recommend:
      description: Diagnosis link the API returned.
      type: str
      sample: https://api.aliyun.com/troubleshoot?q=InvalidRegionId.NotFound
    http_status:
      description: HTTP status of the answer; null for network errors.
      type: int
      sample: 400
    host_id:
      description: API host that answered.
      type: str
      sample: ecs.cn-hangzhou.aliyuncs.com
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import connection_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import progress_argument_spec, task_query_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_task_info import run_task_query


def argument_spec():
    spec = connection_argument_spec()
    spec.update(task_query_argument_spec())
    spec.update(progress_argument_spec())
    spec.update(page_number=dict(type='int'), page_size=dict(type='int', default=100))
    return spec


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    exit_module(module, run_task_query(module.params))


if __name__ == '__main__':
    main()
