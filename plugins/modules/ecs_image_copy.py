#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: ecs_image_copy
short_description: Copy an Alibaba Cloud ECS custom image to other regions and wait for every copy
version_added: 0.4.0
description:
  - Copies one custom image of O(region) (the source) to O(destination_regions) with the ECS API action C(CopyImage),
    and optionally waits until every copy is C(Available).
  - Idempotent by exact name in each destination region. An image of that name there, in any state, is adopted (and
    waited for while it is being created); only the regions that lack one get a C(CopyImage).
  - One copy per region, whatever the network does. Each C(CopyImage) carries a C(ClientToken) made from the request
    and the run, so a retry after a lost answer gets the first copy back instead of starting a second one.
  - The API copies one image to several regions at once, runs up to 5 copies in a destination region and queues the
    rest (C(Waiting)); it refuses a second copy of an image to a region while one runs
    (C(OperationDenied.ImageCopyConflict)), and older documents read it as refusing any second copy of an image. Under
    either reading, with O(wait=true), a copy it refuses for now is started later, inside the same wait, as the copies
    ahead of it finish; you only list regions. With O(wait=false), the module makes one round. It starts what the API takes
    now and reports the others as C(queued); the next run starts them (the role P(alicloud_ops.ecs.image_distribute#role)
    runs it once a poll).
  - C(CopyImage) returns no task, so each copy is followed with C(DescribeImages) in its region, every state named,
    one call a poll in each region whose copy is still being made, the regions side by side (at most
    O(max_concurrency) at once).
  - Tags go on every copy with C(CopyImage) (a copy inherits neither tags nor family), with the source's release
    time in the tag C(alicloud_ops.ecs:release-time) (a copy's own creation time is only when it was copied;
    M(alicloud_ops.ecs.ecs_image_release) retires images relative to it). C(CopyImage) does not carry the source's
    C(Features) either; M(alicloud_ops.ecs.ecs_image_release) sets them back. The family is set with
    C(ModifyImageAttribute) once the copy is C(Available), as the API allows no sooner. An adopted copy gets the tags
    and family it lacks.
  - O(state=absent) cancels the copies of that name that are still being made (C(CancelCopyImage)). Finished copies
    are left alone; M(alicloud_ops.ecs.ecs_image) deletes images.
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  image_id:
    description:
      - Id of the source image in O(region). Exactly one of O(image_id) and O(image_name).
    type: str
  image_name:
    description:
      - Name of the source image in O(region), matched exactly (the API matches names loosely; this module does not).
    type: str
  destination_regions:
    description:
      - The regions to copy to, other than O(region).
      - Each item is a region id such as V(cn-shanghai), or a dictionary with C(region) and optionally C(name),
        C(description) and C(kms_key_id), which override O(name), O(description) and O(kms_key_id) for that region.
      - Copies are started in this order.
    type: list
    elements: raw
    required: true
  name:
    description:
      - Name of the copies, the key of idempotency in each region. Defaults to the source's name.
      - 2 to 128 characters; a letter first, then letters, digits, V(.), V(:), V(_) or V(-); not starting with
        V(aliyun) or V(acs:).
    type: str
  description:
    description: Description of the copies, 2 to 256 characters. Defaults to the source's.
    type: str
  encrypted:
    description: Whether the copies are encrypted. An encrypted source makes encrypted copies only.
    type: bool
    default: false
  kms_key_id:
    description:
      - The KMS key that encrypts the copies, in their region. Needs O(encrypted=true).
      - Without it, encrypted copies use the service key.
    type: str
  tags:
    description:
      - Tags of the copies, at most 20. Keys of 1 to 128 characters, not starting with V(aliyun) or V(acs:).
      - Sent with C(CopyImage); added to an adopted copy that lacks them. Other tags are left alone.
    type: dict
  image_family:
    description:
      - Image family of the copies, set once each copy is C(Available) (with O(wait=true), or by a later run).
      - Same rules as O(name).
      - For a family that moves in every region at once, leave it out and let M(alicloud_ops.ecs.ecs_image_release)
        set it once every copy is C(Available).
    type: str
  max_concurrency:
    description: Regions read at once in each poll; this bounds the calls in flight.
    type: int
    default: 10
    version_added: 0.5.0
  state:
    description:
      - V(present) copies where a copy of that name is missing; V(absent) cancels the copies still being made.
    type: str
    choices: [present, absent]
    default: present
  wait:
    description:
      - Block until every copy is C(Available). A V(CreateFailed) copy ends the wait at once with a failure naming
        its region and image.
      - Without it, one round. The copies the API takes now are started, the others reported as C(queued).
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait before failing with each region's last state. No upper limit.
      - A copy can take more than half an hour. Copies to different regions run side by side, so N regions take about
        as long as the slowest copy; under the strict reading (one copy of an image at a time), N times as long.
    type: float
    default: 3600
  poll_interval:
    description: Seconds between polls.
    type: float
    default: 10
extends_documentation_fragment:
  - alicloud_ops.ecs.progress
  - alicloud_ops.ecs.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Each copy that would be started is sent as a dry run (C(DryRun)), which checks the request and the rights.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
seealso:
  - module: alicloud_ops.ecs.ecs_image
  - module: alicloud_ops.ecs.ecs_image_info
  - name: CopyImage API reference
    description: The ECS API action this module calls.
    link: https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-copyimage
'''

EXAMPLES = r'''
- name: Copy the golden image to three regions, tagged and in its family, and wait for every copy
  alicloud_ops.ecs.ecs_image_copy:
    region: cn-hangzhou
    image_name: golden-web-2026-11
    destination_regions: [cn-shanghai, cn-beijing, ap-southeast-1]
    tags:
      team: web
      release: "2026.11"
    image_family: golden-web
    wait: true
    wait_timeout: 14400
  register: copied

- name: The copy in each region
  ansible.builtin.debug:
    msg: "{{ copied.image_ids }}"

- name: An encrypted copy with a key of its region, under another name there
  alicloud_ops.ecs.ecs_image_copy:
    region: cn-hangzhou
    image_id: m-bp1g7004ksh0oeuc****
    encrypted: true
    destination_regions:
      - region: eu-central-1
        name: golden-web-eu
        kms_key_id: key-gw8u6ycm7****
    wait: true

- name: Cancel the copies still being made
  alicloud_ops.ecs.ecs_image_copy:
    region: cn-hangzhou
    image_name: golden-web-2026-11
    destination_regions: [cn-shanghai, cn-beijing, ap-southeast-1]
    state: absent
'''

RETURN = r'''
copies:
  description: A record per destination region, in the order of O(destination_regions).
  returned: always
  type: list
  elements: dict
  contains:
    region:
      description: The destination region.
      type: str
      sample: cn-shanghai
    image_id:
      description: Id of the copy; null in check mode for a copy not made yet, and while the copy is queued.
      type: str
    image_name:
      description: Name of the copy.
      type: str
    status:
      description: V(Waiting) (queued by the API), V(Creating), V(Available) or V(CreateFailed); null when not read.
      type: str
      sample: Available
    progress:
      description: Percent of the copy made.
      type: int
      sample: 100
    adopted:
      description: Whether the copy was there already (an image of that name, in any state).
      type: bool
    copied:
      description: Whether this run started the copy (or, in check mode, would).
      type: bool
    queued:
      description: Whether the API refused the copy for now and it has not started yet (O(wait=false), or a timeout).
      type: bool
    cancelled:
      description: Whether O(state=absent) cancelled the copy.
      type: bool
    image_family:
      description: Family of the copy.
      type: str
    tags:
      description: Tags of the copy.
      type: dict
    request_ids:
      description: Request ids of the calls made for this region (its C(CopyImage) and its polls).
      type: list
      elements: str
dry_run:
  description: V(true) in check mode, where each copy was checked with C(DryRun) and none was started.
  returned: always
  type: bool
  version_added: 0.5.0
image_ids:
  description: Id of the copy in each destination region.
  returned: always
  type: dict
  sample: {cn-shanghai: m-uf6a3zk0ggpmbq0y****, cn-beijing: m-2ze8ctwdc5yfe3m1****}
source:
  description: The source image, as M(alicloud_ops.ecs.ecs_image_info) returns images.
  returned: when found
  type: dict
elapsed:
  description: Seconds the module spent, on success and on failure.
  returned: always
  type: float
polls:
  description: Poll rounds of the wait (0 when there was none).
  returned: always
  type: int
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
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_copy import image_copy_argument_spec, run_image_copy
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import progress_argument_spec


def main():
    module = AnsibleModule(argument_spec=dict(connection_argument_spec(), **image_copy_argument_spec(), **progress_argument_spec()),
                           mutually_exclusive=[('image_id', 'image_name')], required_one_of=[('image_id', 'image_name')],
                           supports_check_mode=True)
    exit_module(module, run_image_copy(module.params, check_mode=module.check_mode))


if __name__ == '__main__':
    main()
