#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ecs_image_info
short_description: Find Alibaba Cloud ECS custom images, own or shared, by exact name or id, in any state
version_added: 0.3.0
description:
  - Lists the custom images of the account in the region with the ECS API action C(DescribeImages), in every state
    (C(Creating), C(Available), C(CreateFailed) and the rest) or those of O(status), fetching every page; with
    O(owner), the images other accounts share with this one.
  - C(DescribeImages) matches names loosely and lists only C(Available) images unless asked otherwise; this module
    asks for the states wanted and keeps only the images of exactly O(name), in those states.
  - To launch from the latest C(Available) image of a family, use the lookup
    P(alicloud_ops.ecs.ecs_image_family#lookup) rather than O(image_family) and C(images[0]), which can be
    C(Creating), C(CreateFailed) or C(Deprecated).
  - With neither O(name), O(image_ids) nor O(image_family), every custom image of the region.
  - The images come newest first.
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  name:
    description:
      - Image name, matched exactly.
    type: str
  image_ids:
    description:
      - Image ids, any number (sent 100 per call). A comma-separated string is accepted too.
    type: list
    elements: str
  image_family:
    description:
      - Only the images of this image family. An account an image is shared with sees its family as
        C(acs:<owner id>:<family>); the family given here matches both.
    type: str
    version_added: 0.4.0
  owner:
    description:
      - V(self), the images of this account; V(others), the images other accounts share with it
        (C(ImageOwnerAlias=others)); V(any), both.
    type: str
    choices: [self, others, any]
    default: self
    version_added: 0.5.0
  status:
    description:
      - Only the images in these states. By default every state.
    type: list
    elements: str
    choices: [Creating, Waiting, Available, UnAvailable, CreateFailed, Deprecated]
    version_added: 0.5.0
extends_documentation_fragment:
  - alicloud_ops.ecs.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
seealso:
  - module: alicloud_ops.ecs.ecs_image_import
  - module: alicloud_ops.ecs.ecs_image
'''

EXAMPLES = r'''
- name: Is there an image of that name, in any state?
  alicloud_ops.ecs.ecs_image_info:
    region: cn-hangzhou
    name: golden-web-2026-11
  register: found

- name: Its state
  ansible.builtin.debug:
    msg: "{{ found.images[0].status if found.images else 'no such image' }}"

- name: The images of a family, newest first
  alicloud_ops.ecs.ecs_image_info:
    region: cn-shanghai
    image_family: golden-web
  register: family

- name: In an account the images are shared with, did the release arrive?
  alicloud_ops.ecs.ecs_image_info:
    region: cn-shanghai
    owner: others
    status: [Available]
    image_family: golden-web
  register: shared
'''

RETURN = r'''
images:
  description: The images found, newest first; empty when there is none.
  returned: always
  type: list
  elements: dict
  contains:
    image_id:
      description: Image id.
      type: str
    image_name:
      description: Image name.
      type: str
    status:
      description: V(Creating) while importing or copying (V(Waiting) while a copy is queued), then V(Available) or
        V(CreateFailed), among others.
      type: str
      sample: Available
    progress:
      description: Percent of the image created (imported or copied).
      type: int
      sample: 100
    size:
      description: Size of the system disk in GiB.
      type: int
    architecture:
      description: Architecture.
      type: str
    os_type:
      description: Operating system type.
      type: str
    platform:
      description: Distribution.
      type: str
    creation_time:
      description: When the image was created (UTC).
      type: str
    description:
      description: Description.
      type: str
      version_added: 0.4.0
    image_family:
      description: Image family; null when it has none. An account the image is shared with sees
        C(acs:<owner id>:<family>).
      type: str
      version_added: 0.4.0
    owner_alias:
      description: V(self) for an image of this account, V(others) for one shared with it.
      type: str
      version_added: 0.5.0
    owner_id:
      description: The id of the account that owns the image (C(ImageOwnerId)).
      type: str
      sample: "1234567890123456"
      version_added: 0.5.0
    tags:
      description: Tags, key to value.
      type: dict
      version_added: 0.4.0
    is_copied:
      description: Whether the image is a copy of another image (M(alicloud_ops.ecs.ecs_image_copy)).
      type: bool
      version_added: 0.4.0
    usage:
      description: V(instance) when instances were created from the image, V(none) otherwise.
      type: str
      version_added: 0.4.0
    boot_mode:
      description: C(BIOS), C(UEFI) or C(UEFI-Preferred).
      type: str
      version_added: 0.5.0
    nvme_support:
      description: C(supported) when the image launches NVMe instance families (C(Features.NvmeSupport)).
      type: str
      version_added: 0.5.0
    imds_support:
      description: C(v2) when the image enforces the hardened metadata service (C(Features.ImdsSupport)), else C(v1).
      type: str
      version_added: 0.5.0
    snapshot_ids:
      description: The snapshots behind the image's disks (C(DiskDeviceMappings)), once it is C(Available).
      type: list
      elements: str
      version_added: 0.5.0
    detection:
      description:
        - The image check's state and findings (C(DetectionOptions)), for an image imported with a
          C(DetectionStrategy) (O(alicloud_ops.ecs.ecs_image_import#module:detection_strategy)); null for an image
          never checked.
        - The check runs after the import, is free, and does not make the import fail.
      type: dict
      version_added: 0.5.0
      contains:
        status:
          description: V(Processing), then V(Finished).
          type: str
        findings:
          description: Each risk found, with its C(name) (for example V(Virtio), V(NVMe), V(Fstab), V(GRUB),
            V(DHCP)), C(risk_code), C(risk_level) (V(High) or V(Medium)) and C(value).
          type: list
          elements: dict
region:
  description: The region of the images (from O(region), the environment or the profile).
  returned: always
  type: str
  sample: cn-hangzhou
  version_added: 0.4.0
elapsed:
  description: Seconds the module spent.
  returned: always
  type: float
request_ids:
  description: Request ids of the API calls made, for Alibaba Cloud support.
  returned: always
  type: list
  elements: str
error:
  description: The API's error, when a call failed (code, message, request_id, recommend, http_status, host_id).
  returned: when the API refused a call
  type: dict
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import connection_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_info import image_info_argument_spec, run_image_info
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module


def main():
    module = AnsibleModule(argument_spec=dict(connection_argument_spec(), **image_info_argument_spec()),
                           supports_check_mode=True)
    exit_module(module, run_image_info(module.params))


if __name__ == '__main__':
    main()
