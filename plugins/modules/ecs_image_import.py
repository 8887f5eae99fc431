#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ecs_image_import
short_description: Import a custom image into Alibaba Cloud ECS from OSS, adopt a running import, or cancel it
version_added: 0.2.0
description:
  - Starts an image import from image files in OSS with the ECS API action C(ImportImage), and optionally waits
    until its task is C(Finished) and the image C(Available).
  - Idempotent by image name. When a custom image of exactly O(name) exists in the region, in any state (an import
    still running included), no import is started; the module reports that image and its import task, unchanged.
  - One import per run, whatever the network does. C(ImportImage) carries a C(ClientToken) made from the request
    and the run, so a retry after a lost answer gets the first import back instead of starting a second one.
  - O(state=absent) cancels the running import of the image of that name (C(CancelTask)). A finished image is left
    alone. Deleting images is not this module's job.
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  name:
    description:
      - Name of the image (C(ImageName)), the key of idempotency.
      - 2 to 128 characters; a letter first, then letters, digits, V(.), V(:), V(_) or V(-); not starting with
        V(aliyun) or V(acs:).
    type: str
    required: true
  disks:
    description:
      - The image files, at most 17. The first is the system disk, the others data disks.
      - Required with O(state=present).
      - The bucket must be in the region of the import.
    type: list
    elements: dict
    suboptions:
      oss_bucket:
        description: OSS bucket holding the image file.
        type: str
        required: true
      oss_object:
        description: Object key of the image file.
        type: str
        required: true
      format:
        description:
          - Format of the image file, V(RAW), V(VHD), V(QCOW2) or V(VMDK) (any case).
          - When not set, the API detects it.
        type: str
      size:
        description:
          - Size of the disk in GiB, 1 to 2048; at least the size of the image file.
          - When not set, the API takes the size of the file.
        type: int
  architecture:
    description: Architecture of the image's operating system.
    type: str
    choices: [i386, x86_64, arm64]
    default: x86_64
  os_type:
    description: Operating system type. With V(windows), set O(license_type) too.
    type: str
    choices: [linux, windows]
    default: linux
  platform:
    description: Distribution of the operating system.
    type: str
    default: Others Linux
    choices: [Aliyun, Anolis, CentOS, Ubuntu, CoreOS, SUSE, Debian, OpenSUSE, FreeBSD, RedHat, Kylin, UOS, Fedora,
              Fedora CoreOS, CentOS Stream, AlmaLinux, Rocky Linux, Gentoo, Customized Linux, Others Linux,
              Windows Server 2022, Windows Server 2019, Windows Server 2016, Windows Server 2012,
              Windows Server 2008, Windows Server 2003, Other Windows]
  boot_mode:
    description:
      - Boot mode of the image. When not set, the API's default, V(BIOS) (V(UEFI) for V(arm64), which allows only
        V(UEFI)).
    type: str
    choices: [BIOS, UEFI]
  nvme_support:
    description:
      - Whether the image's system can use NVMe disks (C(Features.NvmeSupport)). When not set, the API's default,
        V(unsupported).
    type: str
    choices: [supported, unsupported]
    version_added: 0.5.0
  detection_strategy:
    description:
      - V(Standard) runs the API's image check after the import (C(DetectionStrategy)). It looks inside the guest
        for what a header cannot tell (virtio drivers, fstab, GRUB, DHCP). It is free and never makes the import
        fail; its findings come back in the image's C(detection) (M(alicloud_ops.ecs.ecs_image_info)).
      - When not set, no check is run.
    type: str
    choices: [Standard]
    version_added: 0.5.0
  license_type:
    description:
      - Licence of a Windows Server image. When not set, the API's default.
    type: str
    choices: [Auto, Aliyun, BYOL]
  description:
    description: Description of the image, 2 to 256 characters, not starting with C(http://) or C(https://).
    type: str
  role_name:
    description:
      - RAM role that ECS assumes to read the OSS bucket. When not set, the API uses
        C(AliyunECSImageImportDefaultRole), which must exist (see the image pipeline guide).
    type: str
  resource_group_id:
    description: Resource group of the new image.
    type: str
  tags:
    description: Tags of the new image, at most 20.
    type: dict
  state:
    description:
      - V(present) starts an import unless an image of O(name) exists.
      - V(absent) cancels the running import of the image of O(name); a finished or failed one is left alone.
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
      - Imports nothing and cancels nothing. A new import is sent with C(DryRun=true), so permission and parameter
        errors show in check mode.
  diff_mode:
    support: full
    details: Shows the image before and after.
  platform:
    support: full
    platforms: posix
notes:
  - "API calls: a run that starts an import costs 1 C(DescribeImages) and 1 C(ImportImage); a run that finds the
    image costs 1 C(DescribeImages) and 1 C(DescribeTasks)."
seealso:
  - module: alicloud_ops.ecs.ecs_task_info
  - module: alicloud_ops.ecs.ecs_image_export
  - name: ImportImage API reference
    description: The ECS API action this module calls.
    link: https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-importimage
'''

EXAMPLES = r'''
- name: Import a qcow2 image from OSS and wait until it is Available
  alicloud_ops.ecs.ecs_image_import:
    region: cn-hangzhou
    name: golden-web-2026-11
    disks:
      - oss_bucket: images-cn-hangzhou
        oss_object: builds/golden-web.qcow2
        format: QCOW2
        size: 40
    platform: Ubuntu
    wait: true
    wait_timeout: 7200
    poll_interval: 30
  register: golden

- name: Start several imports without waiting, then wait for them all with ecs_task_info
  module_defaults:
    group/alicloud_ops.ecs.alicloud:
      region: cn-hangzhou
  block:
    - name: Start the imports
      alicloud_ops.ecs.ecs_image_import:
        name: "{{ item }}"
        disks:
          - oss_bucket: images-cn-hangzhou
            oss_object: "builds/{{ item }}.raw"
      loop: [golden-web, golden-db, golden-cache]
      register: imports

    - name: Wait for every import task in one loop (one DescribeTasks call per 100 tasks a poll)
      alicloud_ops.ecs.ecs_task_info:
        task_ids: "{{ imports.results | map(attribute='task_id') | select | list }}"
        wait: true
        wait_timeout: 7200

- name: Check mode asks the API to validate the import (DryRun), and shows the image in diff mode
  alicloud_ops.ecs.ecs_image_import:
    name: golden-web-2026-11
    disks:
      - {oss_bucket: images-cn-hangzhou, oss_object: builds/golden-web.qcow2}
  check_mode: true
  diff: true

- name: Cancel the running import of that image
  alicloud_ops.ecs.ecs_image_import:
    name: golden-web-2026-11
    state: absent
'''

RETURN = r'''
image_id:
  description: Id of the image; null in check mode for an image that does not exist yet.
  returned: always
  type: str
  sample: m-bp1g7004ksh0oeuc****
task_id:
  description: Id of the import task; null when there is none (check mode, or an image not made by an import).
  returned: always
  type: str
  sample: t-bp1hvgwromzv32iq****
image:
  description:
    - The image. Fields the API has not answered yet are null (after a new import, without O(wait)).
  returned: always
  type: dict
  contains:
    image_id:
      description: Image id.
      type: str
    image_name:
      description: Image name.
      type: str
    status:
      description: V(Creating) while importing, then V(Available) or V(CreateFailed).
      type: str
      sample: Available
    progress:
      description: Percent of the image created.
      type: int
      sample: 100
    size:
      description: Size of the system disk in GiB.
      type: int
      sample: 40
    architecture:
      description: Architecture.
      type: str
      sample: x86_64
    os_type:
      description: Operating system type.
      type: str
      sample: linux
    platform:
      description: Distribution.
      type: str
      sample: Ubuntu
    creation_time:
      description: When the image was created (UTC).
      type: str
      sample: '2026-11-29T08:30:00Z'
task:
  description:
    - The import task, with the keys of the C(tasks) of M(alicloud_ops.ecs.ecs_task_info). Its state is null right
      after a new import (without O(wait)); after a cancel, the state the API reports then.
  returned: always
  type: dict
  contains:
    task_id:
      description: Task id.
      type: str
    task_action:
      description: V(ImportImage).
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
elapsed:
  description: Seconds the module spent, on success and on failure.
  returned: always
  type: float
  sample: 3.1
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
      sample: InvalidOSSObject.NotFound
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
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_import import image_import_argument_spec, run_image_import
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import progress_argument_spec


def main():
    module = AnsibleModule(argument_spec=dict(connection_argument_spec(), **image_import_argument_spec(), **progress_argument_spec()),
                           required_if=[('state', 'present', ['disks'])], supports_check_mode=True)
    exit_module(module, run_image_import(module.params, check_mode=module.check_mode))


if __name__ == '__main__':
    main()
