# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    """The wait of the image modules, ecs_image_import and ecs_image_export.

    Describes image_wait_argument_spec() of plugins/module_utils/_module/specs.py.
    """

    DOCUMENTATION = r'''
options:
  wait:
    description:
      - With O(state=present), block until the task is V(Finished) (and, for an import, the image V(Available)),
        polling as M(alicloud_ops.ecs.ecs_task_info) does.
      - A V(Failed) or cancelled task, or a V(CreateFailed) image, ends the wait at once with a failure naming task
        id, image id and state.
    type: bool
    default: false
  wait_timeout:
    description: Seconds to wait with O(wait=true) before failing with the last states. No upper limit.
    type: float
    default: 3600
  poll_interval:
    description: Seconds between polls with O(wait=true).
    type: float
    default: 10
'''
