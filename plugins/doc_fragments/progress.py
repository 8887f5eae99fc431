# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    """The progress lines of the modules with long work (transfers and waits).

    Describes progress_argument_spec() of plugins/module_utils/_module/specs.py.
    """

    DOCUMENTATION = r'''
options:
  progress_interval:
    description:
      - While a long run goes on (a transfer, or a wait with C(wait=true)), print a progress line at most every this
        many seconds, and at least one when the run lasts longer than that. The lines go to the terminal at the
        default verbosity and to ansible-runner (AWX, Automation Platform) as job events.
      - A transfer's line has the bytes done and the total, the percent, the rate over the last interval, the time
        left, the parts done and, for a resumed transfer, what was reused. A wait's line is the one
        the role C(alicloud_ops.ecs.image_task_wait) prints, with the tasks finished of the total, each unfinished one
        with its state and percent when the wait knows it (past five, a summary), and the time elapsed.
      - V(0) turns the lines off. They are off as well in check mode, and under the task's own C(async), where the
        module runs as it always does.
      - The module's result, its C(changed) status and its API calls are the same with the lines on or off. The
        run goes on in the background of the host that runs the task, through ansible's async wrapper (the
        directory of the C(async_dir) shell option); if the controller goes away, it stops within
        3 x O(progress_interval) + 10 seconds, leaving only what a later run resumes.
    type: int
    default: 30
  _progress_file:
    description:
      - Internal use only; set by the collection's action plugin, which names the file the run writes its progress to.
    type: path
'''
