# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of ecs_image_info: custom images, own or shared, by exact name, ids or family, in any state.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import chunks
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService, in_family
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import check_image_name, id_list
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import IMAGE_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.times import newest_first
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work


def image_info_argument_spec():
    return dict(name=dict(type='str'), image_ids=dict(type='list', elements='str'), image_family=dict(type='str'),
                owner=dict(type='str', default='self', choices=['self', 'others', 'any']),
                status=dict(type='list', elements='str', choices=list(IMAGE_STATUSES)))


def run_image_info(options, clock=None):
    """The custom images of the region (the account's own, those shared with it, or both) in the states asked (any
    by default), newest first, by exact name, ids or family (or all); never raises for expected failures."""
    def work(client, result):
        name = options.get('name')
        if name is not None:
            check_image_name(name)
        family = options.get('image_family')
        if family is not None:
            check_image_name(family, 'image_family')
        image_ids = id_list(options['image_ids'], 'image_ids') if options.get('image_ids') is not None else []
        owner = options.get('owner') or 'self'
        statuses = tuple(options.get('status') or IMAGE_STATUSES)
        images = ImageService(client)
        found = []
        for batch in chunks(image_ids):
            filters = dict(ImageName=name) if name else {}
            if batch:
                filters['ImageId'] = ','.join(batch)
            if family and owner == 'self':
                # an account an image is shared with sees its family as acs:<owner id>:<family>: compared here
                filters['ImageFamily'] = family
            found.extend(image for image in images.describe(owner, statuses, **filters)
                         if (not name or image['image_name'] == name) and (not batch or image['image_id'] in batch)
                         and (not family or in_family(image, family)) and image['status'] in statuses)
        result.update(images=newest_first(found), region=client.region)

    return run_work(options, dict(changed=False, images=[], region=None), work, clock)
