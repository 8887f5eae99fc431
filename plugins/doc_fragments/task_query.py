# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    """DescribeTasks filters and the wait, shared by the ecs_task_info module and the ecs_task lookup.

    Describes task_query_argument_spec() of plugins/module_utils/_module/specs.py.
    """

    DOCUMENTATION = r'''
notes:
  - Every filter holds in what is returned, on every page and id batch. The API's answer is checked against the
    filters, because the API ignores some of them (see O(task_status)) and older API versions more; a creation time
    the API shows without seconds counts as its whole minute.
options:
  task_action:
    description:
      - Kind of task to query.
      - When not set, both V(ImportImage) and V(ExportImage) are queried and the results merged, so holding
        only task ids is enough.
    type: str
    choices: [ImportImage, ExportImage, RedeployInstance, ModifyDiskSpec, ArchiveSnapshot]
  resource_ids:
    description:
      - Only tasks of these resources (the image id for image imports and exports), any number (sent 100 per call).
    type: list
    elements: str
  task_status:
    description:
      - Only tasks in this state.
      - The API filters by V(Finished), V(Processing) and V(Failed) only; it ignores the other values and answers
        tasks in every state. Those values are not sent, and the collection keeps only the tasks in the state asked
        for, so V(Waiting), V(Deleted) and V(Paused) work too (at the cost of reading every task of the action).
    type: str
    choices: [Finished, Processing, Failed, Waiting, Deleted, Paused]
  start_time:
    description:
      - Only tasks created at or after this time. ISO 8601, with or without seconds, V(Z) or an offset
        (V(2026-11-29T08:30Z), V(2026-11-29T16:30:15+08:00)); a time without zone is UTC.
      - Sent to the API in UTC as C(YYYY-MM-DDThh:mmZ) (with seconds when they are not zero).
    type: str
  end_time:
    description:
      - Only tasks created at or before this time, in the same forms as O(start_time); not before O(start_time).
    type: str
  wait:
    description:
      - Block until every matched task is V(Finished).
      - A task in state V(Failed) or V(Deleted) ends the wait at once with a failure naming it. Tasks in
        V(Waiting), V(Processing) and V(Paused) are waited for.
      - The tasks matched by the first poll are the ones waited for; later polls ask only for the unfinished
        ones, by id, ceil(N/100) calls per task action for N tasks. Throttling is retried within the wait.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait with O(wait=true) before failing with the list of unfinished tasks. No upper limit
        (imports of large disks take well over an hour).
    type: float
    default: 3600
  poll_interval:
    description: Seconds between polls with O(wait=true).
    type: float
    default: 10
  progress:
    description:
      - Also return the progress (percent) of each task, in its C(progress) key.
      - A poll round spends at most 10 API calls on progress, whatever the number of tasks. C(Finished) tasks are
        at 100 and C(Waiting) ones at 0, with no call. The calls go to C(Processing) tasks. The images of imports
        come first, up to 100 images in one C(DescribeImages) call (their C(Progress)). Then C(DescribeTaskAttribute)
        reads one task per call, for exports, and for imports when the API takes no list of image ids.
      - With more C(Processing) tasks than the calls can read, the rest keep their last known percent during a
        wait, or null. Successive poll rounds of a wait read other tasks (see O(progress_round)).
    type: bool
    default: false
  progress_round:
    description:
      - Which C(Processing) tasks get a fresh percent when the 10 progress calls of a round cannot read them all.
        Each round starts 10 tasks further; O(wait=true) counts its polls itself. The role
        P(alicloud_ops.ecs.image_task_wait#role) passes its poll number.
    type: int
    default: 0
'''
