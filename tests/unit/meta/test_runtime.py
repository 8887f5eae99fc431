# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""meta/runtime.yml's action group lists exactly the modules of plugins/modules/."""

from __future__ import absolute_import, division, print_function

import os

import yaml

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', '..')


INTERNAL_MODULES = ('progress_poll',)  # called by the action plugins, with no credentials to default
# local files only: no connection options, so a group's defaults (credentials, region) would be refused by them
LOCAL_MODULES = ('disk_image_convert', 'disk_image_info')


def test_action_group_alicloud_lists_every_module_and_nothing_else():
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    modules = sorted(os.path.splitext(name)[0] for name in os.listdir(os.path.join(ROOT, 'plugins', 'modules'))
                     if name.endswith('.py') and not name.startswith('_'))
    assert modules, 'no modules found'
    assert sorted(runtime['action_groups']['alicloud']) == [m for m in modules if m not in INTERNAL_MODULES + LOCAL_MODULES]
