# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The action of ecs_task_info: a wait (wait=true) prints its polls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.alicloud_ops.ecs.plugins.plugin_utils._progress_action import ProgressAction


class ActionModule(ProgressAction):

    def long_running(self, args):
        return boolean(args.get('wait', False), strict=False)
