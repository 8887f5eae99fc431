# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of the ecs_image_family lookup: the latest Available image of each family, as the owning account and
the accounts the family is shared with launch it.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService, family_parts
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import check_image_name
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work


def check_family(family):
    """A family name, or acs:<owner id>:<family> as an account it is shared with sees it."""
    check_image_name(family_parts(family)[1], '_terms')
    return family


def run_image_family(options, families, clock=None):
    """`images`: the latest Available image of each family (None where the family has none), in the order of the
    families; never raises for expected failures."""
    def work(client, result):
        for family in families:
            check_family(family)
        images = ImageService(client)
        result.update(images=[images.latest_of_family(family) for family in families], region=client.region)

    return run_work(options, dict(changed=False, images=[], region=None), work, clock)
