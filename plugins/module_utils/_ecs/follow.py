# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Following an import or an export to its end: its task until Finished, then its image until Available.
Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import FAILED_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import progress_item
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import WaitTimeout


def follow_progress_item(state, task_id, image_id):
    """The task of a follow as its progress report names it: its state, or its image's once the task is done."""
    image = state['image'] or {}
    status = (state['task'] or {}).get('task_status')
    if status in ('Finished', None) and image.get('status'):
        return progress_item(image_id, image['status'], image.get('progress'))
    return progress_item(task_id or image_id, status, image.get('progress'))


def follow(images, task, image_id, waiter):
    """Wait until the task (when there is one) is Finished and the image Available; returns (task, image).

    A failed task or image ends the wait at once; the deadline ends it with the last states. A task the API
    does not list yet (just started) is waited for through its image.
    """
    images.tasks.deadline = waiter.deadline
    state = dict(task=task, image=None)
    task_id = (task or {}).get('task_id')

    def check():
        current = images.tasks.refresh([state['task']]).get(task_id) if task_id else None
        if current is not None:
            state['task'] = current
        status = (state['task'] or {}).get('task_status')
        if status in FAILED_STATUSES:
            reason = images.task_error(task_id) if status == 'Failed' else None
            raise WorkFailed('%s task %s of image %s is %s%s' % (
                task['task_action'], task_id, image_id, status, ' (%s)' % reason if reason else ''),
                task=state['task'], polls=waiter.polls)
        if status != 'Finished' and current is not None:
            return False, state
        state['image'] = images.get(image_id)
        image_status = (state['image'] or {}).get('status')
        if image_status == 'CreateFailed':
            raise WorkFailed('image %s is CreateFailed (task %s is %s)' % (image_id, task_id, status),
                             task=state['task'], image=state['image'], polls=waiter.polls)
        return image_status == 'Available' and status in ('Finished', None), state

    try:
        waiter.until(check, lambda state: [follow_progress_item(state, task_id, image_id)])
    except WaitTimeout as timeout:
        raise WorkFailed('timed out after %.0f s waiting for task %s (last %s) and image %s (last %s)' % (
            timeout.elapsed, task_id, (state['task'] or {}).get('task_status'), image_id,
            (state['image'] or {}).get('status', 'not read')), task=state['task'], image=state['image'],
            polls=timeout.polls)
    return state['task'], state['image']
