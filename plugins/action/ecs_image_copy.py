# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The action of ecs_image_copy: a wait (wait=true, state=present) prints its polls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.plugin_utils._progress_action import ProgressAction, wants_wait


class ActionModule(ProgressAction):

    def long_running(self, args):
        return wants_wait(args, self._task.check_mode)
