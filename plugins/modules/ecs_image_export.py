#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ecs_image_export
short_description: Export an Alibaba Cloud ECS custom image to OSS, adopt a running export, or cancel it
version_added: 0.2.0
description:
  - Exports a custom image to an OSS bucket with the ECS API action C(ExportImage), and optionally waits until its
    task is C(Finished); then returns the names of the objects the export wrote.
  - An export of the image that is C(Waiting) or C(Processing) is adopted. No C(ExportImage) call is made, and
    the running task is reported, unchanged.
  - With no export running, every run with O(state=present) starts a new export. An export is not idempotent by
    its result, since the same image may be exported again on purpose.
  - One export per run, whatever the network does. C(ExportImage) has no C(ClientToken), so it is never sent blindly
    a second time. After a lost answer the module looks for the running export of the image. The API answers
    C(ImageIsExporting) while an export runs, and the module takes that export as the one it started.
  - O(state=absent) cancels the running export of the image (C(CancelTask)).
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  image_id:
    description:
      - Id of the custom image to export. Exactly one of O(image_id) and O(image_name).
    type: str
  image_name:
    description:
      - Name of the custom image to export, matched exactly (the API matches names loosely; this module does not).
        Exactly one of O(image_id) and O(image_name).
    type: str
  oss_bucket:
    description:
      - OSS bucket to write the image files to, in the region of the image. Required with O(state=present).
    type: str
  oss_prefix:
    description:
      - Prefix of the object names, 1 to 30 letters and digits.
    type: str
  image_format:
    description:
      - Format of the exported files. When not set, the API's default, V(raw). Some regions export only V(raw).
    type: str
    choices: [raw, vhd, qcow2, vmdk, vdi]
  role_name:
    description:
      - RAM role that ECS assumes to write the OSS bucket. When not set, the API uses
        C(AliyunECSImageExportDefaultRole), which must exist (see the image pipeline guide).
    type: str
  state:
    description:
      - V(present) starts an export unless one of the image is running.
      - V(absent) cancels the running export of the image.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - alicloud_ops.ecs.progress
  - alicloud_ops.ecs.image_wait
  - alicloud_ops.ecs.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details:
      - Exports nothing and cancels nothing. A new export is sent with C(DryRun=true), so permission and parameter
        errors show in check mode.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
seealso:
  - module: alicloud_ops.ecs.ecs_image_import
  - module: alicloud_ops.ecs.ecs_task_info
  - name: ExportImage API reference
    description: The ECS API action this module calls.
    link: https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-exportimage
'''

EXAMPLES = r'''
- name: Export an image to OSS as qcow2 and wait for the files
  alicloud_ops.ecs.ecs_image_export:
    region: cn-hangzhou
    image_name: golden-web-2026-11
    oss_bucket: image-exports-cn-hangzhou
    oss_prefix: golden
    image_format: qcow2
    wait: true
    wait_timeout: 7200
  register: exported

- name: Show the files written
  ansible.builtin.debug:
    msg: "{{ exported.oss_objects }}"

- name: Start an export without waiting (an export of that image already running is adopted)
  alicloud_ops.ecs.ecs_image_export:
    image_id: m-bp1g7004ksh0oeuc****
    oss_bucket: image-exports-cn-hangzhou
  register: export_started

- name: Cancel the running export of the image
  alicloud_ops.ecs.ecs_image_export:
    image_id: m-bp1g7004ksh0oeuc****
    state: absent
'''

RETURN = r'''
image_id:
  description: Id of the image (resolved from O(image_name) when given).
  returned: always
  type: str
  sample: m-bp1g7004ksh0oeuc****
task_id:
  description: Id of the export task; null when there is none (check mode, or nothing to cancel).
  returned: always
  type: str
  sample: t-bp1hvgwromzv32iq****
task:
  description:
    - The export task, with the keys of the C(tasks) of M(alicloud_ops.ecs.ecs_task_info). Its state is null right
      after a new export (without O(wait)); after a cancel, the state the API reports then.
  returned: always
  type: dict
  contains:
    task_id:
      description: Task id.
      type: str
    task_action:
      description: V(ExportImage).
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
      description: The image id.
      type: str
oss_objects:
  description:
    - Names of the OSS objects the export wrote, as C(DescribeTaskAttribute) reports them once the task is
      V(Finished); empty until then.
  returned: always
  type: list
  elements: str
  sample: [golden_m-bp1g7004ksh0oeuc_t-bp1hvgwromzv32iq.qcow2]
elapsed:
  description: Seconds the module spent, on success and on failure.
  returned: always
  type: float
  sample: 2.4
request_ids:
  description: Request ids of the API calls made, for Alibaba Cloud support.
  returned: always
  type: list
  elements: str
error:
  description: The API's error, when a call failed.
  returned: when the API refused a call
  type: dict
  contains:
    code:
      description: Error code.
      type: str
      sample: IncorrectImageStatus
    message:
      description: Error message.
      type: str
    request_id:
      description: Request id of the failed call.
      type: str
    recommend:
      description: Diagnosis link the API returned.
      type: str
    http_status:
      description: HTTP status of the answer; null for network errors.
      type: int
    host_id:
      description: API host that answered.
      type: str
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import connection_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_export import image_export_argument_spec, run_image_export
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import progress_argument_spec


def main():
    module = AnsibleModule(argument_spec=dict(connection_argument_spec(), **image_export_argument_spec(), **progress_argument_spec()),
                           mutually_exclusive=[('image_id', 'image_name')], required_one_of=[('image_id', 'image_name')],
                           required_if=[('state', 'present', ['oss_bucket'])], supports_check_mode=True)
    exit_module(module, run_image_export(module.params, check_mode=module.check_mode))


if __name__ == '__main__':
    main()
