#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ecs_image
short_description: Manage an Alibaba Cloud ECS custom image - name, family, tags, shares, deprecation - or delete it
version_added: 0.4.0
description:
  - Brings an existing custom image, found by O(image_id) or by exact O(name), to what the options declare, with
    the ECS API actions C(ModifyImageAttribute), C(TagResources), C(UntagResources) and
    C(ModifyImageSharePermission). An option left out changes nothing; a run with nothing to change makes no write.
  - O(launch_permissions) is the whole set of accounts the image is shared with, as in C(amazon.aws.ec2_ami). The
    shares are read back through every page of C(DescribeImageSharePermission) and changed 10 accounts a call (the
    API ignores the accounts past 10 without an error).
  - O(state=absent) deletes the image (C(DeleteImage)) safely. A shared image is refused unless O(unshare=true),
    which removes the shares first; an image that instances use is refused unless O(force=true). A copy still being
    made is cancelled instead (C(CancelCopyImage)). An image that is already gone is no change.
  - Importing and copying images are M(alicloud_ops.ecs.ecs_image_import)'s and M(alicloud_ops.ecs.ecs_image_copy)'s.
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  image_id:
    description:
      - Id of the image. With it, O(name) renames the image.
    type: str
  name:
    description:
      - Without O(image_id), the name of the image, matched exactly (the API matches names loosely; this module does
        not). With O(image_id), the new name.
      - 2 to 128 characters; a letter first, then letters, digits, V(.), V(:), V(_) or V(-); not starting with
        V(aliyun) or V(acs:).
    type: str
  description:
    description: Description, 2 to 256 characters, not starting with V(http://) or V(https://).
    type: str
  image_family:
    description:
      - Image family. Launching from a family takes its newest C(Available) image.
      - The API changes a family but never removes it, so an empty family is refused.
    type: str
  tags:
    description: Tags, at most 20. Keys of 1 to 128 characters, not starting with V(aliyun) or V(acs:).
    type: dict
  purge_tags:
    description: With O(tags) set, remove the tags not in O(tags). O(tags={}) then removes every tag.
    type: bool
    default: true
  launch_permissions:
    description:
      - The account ids the image is shared with, the whole set; at most 50. An empty list unshares the image from
        every account; when not set, the shares are left as they are.
    type: list
    elements: str
  deprecated:
    description:
      - V(true) deprecates the image (C(Status=Deprecated)), V(false) makes a deprecated image C(Available) again.
        Deprecated images still launch instances but cannot be shared or copied, and leave their family's choice.
      - The API deprecates only images that are not shared.
    type: bool
  state:
    description: V(present) manages the image; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
  unshare:
    description: With O(state=absent), remove the image's shares first, so that a shared image can be deleted.
    type: bool
    default: false
  force:
    description:
      - With O(state=absent), delete an image that instances use. They can then no longer re-initialise their disks
        from it.
    type: bool
    default: false
  delete_snapshots:
    description:
      - With O(state=absent), also delete the image's snapshots, which C(DeleteImage) leaves (and which are billed
        until deleted). Their ids are read before C(DeleteImage); the module waits until the image is gone (a
        snapshot an image still uses is refused), then deletes each snapshot that no other image and no disk uses,
        never with C(Force). The others are kept and reported in RV(snapshots_kept).
      - Before C(DeleteImage) the snapshots are tagged C(alicloud_ops.ecs:retired=true), so that a run killed before
        they are deleted leaves them to the next run with O(delete_snapshots=true) in the region, which frees them.
    type: bool
    default: false
    version_added: 0.5.0
  boot_mode:
    description: The boot mode the image starts in (C(BootMode)).
    type: str
    choices: [BIOS, UEFI, UEFI-Preferred]
    version_added: 0.5.0
  nvme_support:
    description:
      - Whether the image launches NVMe instance families (C(Features.NvmeSupport)). C(CopyImage) does not carry it
        to a copy.
    type: str
    choices: [supported, unsupported]
    version_added: 0.5.0
  imds_support:
    description: V(v2) enforces the hardened metadata service for instances of the image (C(Features.ImdsSupport)).
    type: str
    choices: [v1, v2]
    version_added: 0.5.0
  wait_timeout:
    description: With O(delete_snapshots=true), seconds to wait for the image to be gone.
    type: int
    default: 600
    version_added: 0.5.0
  poll_interval:
    description: With O(delete_snapshots=true), seconds between two reads of the image while it goes.
    type: int
    default: 5
    version_added: 0.5.0
extends_documentation_fragment:
  - alicloud_ops.ecs.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
    details: Before and after show the name, description, family, tags, deprecation, boot mode, features and (when
      managed) the shares.
  platform:
    support: full
    platforms: posix
seealso:
  - module: alicloud_ops.ecs.ecs_image_copy
  - module: alicloud_ops.ecs.ecs_image_info
  - name: ModifyImageSharePermission API reference
    description: How sharing works, and its limits.
    link: https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyimagesharepermission
'''

EXAMPLES = r'''
- name: Put the image in its family, tag it and share it with two accounts (exactly these)
  alicloud_ops.ecs.ecs_image:
    region: cn-shanghai
    name: golden-web-2026-11
    image_family: golden-web
    tags:
      team: web
    launch_permissions: ["1234567890123456", "6543210987654321"]

- name: Unshare from every account
  alicloud_ops.ecs.ecs_image:
    region: cn-shanghai
    name: golden-web-2026-11
    launch_permissions: []

- name: Delete an old image, removing its shares first, and its snapshots once it is gone
  alicloud_ops.ecs.ecs_image:
    region: cn-shanghai
    image_id: m-uf6a3zk0ggpmbq0y****
    state: absent
    unshare: true
    delete_snapshots: true

- name: Give a copy back the NVMe support of its source
  alicloud_ops.ecs.ecs_image:
    region: cn-shanghai
    image_id: m-uf6a3zk0ggpmbq0y****
    nvme_support: supported
'''

RETURN = r'''
image_id:
  description: Id of the image; null when there is none (O(state=absent) of an image already gone).
  returned: always
  type: str
image:
  description:
    - The image as M(alicloud_ops.ecs.ecs_image_info) returns images, as it is after this run; with O(state=absent),
      as it was.
  returned: always
  type: dict
launch_permissions:
  description: The accounts the image is shared with after this run; null when O(launch_permissions) is not set.
  returned: always
  type: list
  elements: str
snapshots_deleted:
  description: With O(delete_snapshots=true), the snapshots deleted (in check mode, those of the image).
  returned: with O(state=absent) and O(delete_snapshots=true)
  type: list
  elements: str
  version_added: 0.5.0
snapshots_kept:
  description:
    - With O(delete_snapshots=true), the snapshots kept, each with snapshot_id and reason (C(used by another image),
      C(used by a disk)).
  returned: with O(state=absent) and O(delete_snapshots=true)
  type: list
  elements: dict
  version_added: 0.5.0
cancelled:
  description: Whether O(state=absent) cancelled a copy still being made instead of deleting an image.
  returned: when a copy was cancelled
  type: bool
diff:
  description: Before and after, shown in diff mode.
  returned: always
  type: dict
elapsed:
  description: Seconds the module spent, on success and on failure.
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
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image import (
    image_argument_spec, run_image)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module


def main():
    module = AnsibleModule(argument_spec=dict(connection_argument_spec(), **image_argument_spec()),
                           required_one_of=[('image_id', 'name')], supports_check_mode=True)
    exit_module(module, run_image(module.params, check_mode=module.check_mode))


if __name__ == '__main__':
    main()
