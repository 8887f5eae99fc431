# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import yaml

from ansible_collections.alicloud_ops.ecs.plugins.doc_fragments.connection import ModuleDocFragment as Connection
from ansible_collections.alicloud_ops.ecs.plugins.lookup import ecs_image_family


def test_every_option_the_lookup_reads_is_documented():
    documented = set(yaml.safe_load(ecs_image_family.DOCUMENTATION)['options'])
    documented |= set(yaml.safe_load(Connection.PLUGINS)['options'])
    assert set(ecs_image_family.OPTIONS) <= documented
    assert documented - set(ecs_image_family.OPTIONS) == {'_terms', 'on_missing', 'details'}
