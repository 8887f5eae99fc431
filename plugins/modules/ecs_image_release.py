#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ecs_image_release
short_description: Release an Alibaba Cloud ECS image and its copies in every region at once - features, tags, shares, family, retention
version_added: 0.5.0
description:
  - Once an image and its copies (made by M(alicloud_ops.ecs.ecs_image_copy)) are C(Available), releases them in every
    region in one run, the regions side by side (at most O(max_concurrency) at once), in three steps that each end in
    every region before the next starts.
  - "Prepare: on each copy, the source's C(BootMode) and C(Features) (NVMe and IMDS support), which C(CopyImage) does
    not carry, where they differ; the O(tags) and the release time tag C(alicloud_ops.ecs:release-time) (the
    source's release time: a copy's own creation time is only when it was copied); the shares of
    O(launch_permissions)."
  - "The family: the image joins O(image_family) in every region, as the last writes of the release, so that until
    then the family keeps naming the previous image everywhere. When preparing failed in any region, the family
    moves in none."
  - "Retention, relative to the release: of the family's own images in a region, those released later than this
    image are never retired; of the others, the newest stay so that O(keep) images are kept, this one included.
    Images instances use and (unless O(retire_shared=true)) shared images are kept back and reported. The retired
    images are deleted first, then (with O(delete_snapshots=true)) one wait until they are all gone, then their
    snapshots that nothing else uses."
  - The role P(alicloud_ops.ecs.image_distribute#role) runs it once every copy is C(Available).
  - A fault in one region never stops the others halfway; the run then fails naming each failed region, with what
    every region did in RV(regions).
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  image_id:
    description: Id of the image released, in O(region) (the source of the copies).
    type: str
    required: true
  copies:
    description:
      - The copies released with it, a region id to the id of the copy there, as M(alicloud_ops.ecs.ecs_image_copy)
        returns them in RV(alicloud_ops.ecs.ecs_image_copy#module:image_ids). A region whose copy is null (not made
        in check mode) is read and reported as it would be released; outside check mode it is left out.
    type: dict
    default: {}
  image_family:
    description: The family the image joins in every region, once every region is prepared.
    type: str
  tags:
    description: Tags set on the image in every region (others are left as they are).
    type: dict
  launch_permissions:
    description:
      - The account ids the image is shared with in every region, the whole set; at most 50. When not set, the
        shares are left as they are.
    type: list
    elements: str
  keep:
    description:
      - How many images of O(image_family) to keep in each region, this one included; V(0) retires nothing.
      - Images released later than this one are never retired, nor counted.
    type: int
    default: 0
  retire_shared:
    description: Retire shared images past O(keep) too, after removing their shares; by default they are kept back.
    type: bool
    default: false
  delete_snapshots:
    description:
      - Delete the snapshots of the retired images once the images are gone, except those another image or a disk
        uses (reported in RV(regions.snapshots_kept)); never with C(Force).
      - Before C(DeleteImage), the snapshots are tagged C(alicloud_ops.ecs:retired=true), so that a run killed before
        they are deleted leaves them to the next run with O(delete_snapshots=true) in the region.
    type: bool
    default: false
  max_concurrency:
    description:
      - Regions worked on at once; each sends one call at a time, so this bounds the calls in flight. The default
        stays well under the ECS API's rate limits.
    type: int
    default: 10
  wait_timeout:
    description: Seconds to wait, in each region, for the retired images to be gone before their snapshots are deleted.
    type: int
    default: 600
  poll_interval:
    description: Seconds between two reads of the retired images while waiting for them to be gone.
    type: int
    default: 5
extends_documentation_fragment:
  - alicloud_ops.ecs.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Reads everything and reports what would change, with no write.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
seealso:
  - module: alicloud_ops.ecs.ecs_image_copy
  - module: alicloud_ops.ecs.ecs_image
'''

EXAMPLES = r'''
- name: Copy the image to two regions and wait
  alicloud_ops.ecs.ecs_image_copy:
    region: cn-hangzhou
    image_id: "{{ image_id }}"
    destination_regions: [cn-shanghai, cn-beijing]
  register: copied

- name: Release it everywhere, keeping 3 images of the family in each region
  alicloud_ops.ecs.ecs_image_release:
    region: cn-hangzhou
    image_id: "{{ image_id }}"
    copies: "{{ copied.image_ids }}"
    image_family: golden-web
    launch_permissions: ["1234567890123456"]
    keep: 3
    delete_snapshots: true
'''

RETURN = r'''
source:
  description: The image released, as M(alicloud_ops.ecs.ecs_image_info) returns images.
  returned: always
  type: dict
regions:
  description: What the release did in each region, the source region included.
  returned: always
  type: dict
  contains:
    image_id:
      description: The image released in the region.
      type: str
    status:
      description: Its status.
      type: str
    features_set:
      description: What was set on the copy to match the source (boot_mode, nvme_support, imds_support).
      type: dict
    tags_set:
      description: The tags that were set.
      type: dict
    shared_with:
      description: The accounts it is shared with; null when O(launch_permissions) is not set.
      type: list
      elements: str
    joined_family:
      description: Whether it joined O(image_family) in this run.
      type: bool
    kept:
      description: The older images of the family kept by O(keep).
      type: list
      elements: str
    newer:
      description: The images of the family released later than this one, never retired.
      type: list
      elements: str
    retired:
      description: The images retired (in check mode, to retire).
      type: list
      elements: str
    kept_back:
      description: Images past O(keep) not retired, each with image_id, image_name and reason (C(used by instances) or C(shared), then with launch_permissions).
      type: list
      elements: dict
    snapshots_deleted:
      description: Snapshots deleted (in check mode, of the images to retire).
      type: list
      elements: str
    snapshots_kept:
      description: Snapshots of retired images that were kept, each with snapshot_id and reason (C(used by another image), C(used by a disk)).
      type: list
      elements: dict
    changed:
      description: Whether anything changed in the region.
      type: bool
failed_regions:
  description: The regions where a step failed.
  returned: always
  type: list
  elements: str
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

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import connection_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_release import (
    image_release_argument_spec, run_image_release)


def main():
    module = AnsibleModule(argument_spec=dict(connection_argument_spec(), **image_release_argument_spec()),
                           supports_check_mode=True)
    exit_module(module, run_image_release(module.params, check_mode=module.check_mode))


if __name__ == '__main__':
    main()
