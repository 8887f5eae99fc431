# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""DescribeTasks, CancelTask and the progress of tasks: the task service every module, the lookup and the event source call.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import (
    MAX_IDS_PER_CALL, MAX_PAGE_SIZE, api_count, chunks, entries, every_page, progress_percent, to_bool)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import write_once
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import API_FILTERED_STATUSES, FAILED_STATUSES, IMAGE_STATUSES, RUNNING_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.task_query import unknown_ids_message
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.times import api_time, newest_first
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import progress_item
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import WaitTimeout

PROGRESS_CALLS_PER_ROUND = 10


def action_name(value):
    """ImportImage from IMPORT_IMAGE (the spelling of some API answers) or ImportImage."""
    if value and '_' in value:
        return ''.join(part.capitalize() for part in value.lower().split('_'))
    return value


def task_record(raw, queried_action=None):
    """The collection's task dict from one entry of TaskSet.Task; a task without TaskAction is of the action
    it was queried for."""
    return dict(
        task_id=raw.get('TaskId'),
        task_action=action_name(raw.get('TaskAction')) or queried_action,
        task_status=raw.get('TaskStatus'),
        support_cancel=to_bool(raw.get('SupportCancel')),
        creation_time=raw.get('CreationTime') or None,
        finished_time=raw.get('FinishedTime') or None,
        resource_id=raw.get('ResourceId') or None,
    )


def task_progress_item(task):
    return progress_item(task['task_id'], task['task_status'], task.get('progress'), task['task_status'] == 'Finished')


def raw_tasks(answer):
    """Entries of TaskSet.Task, whichever of the shapes seen in the wild the answer uses."""
    return entries(answer, 'TaskSet', 'Task')


class TaskWaitError(WorkFailed):
    """A wait that ended without every task Finished (a failed task, an unknown id, the deadline), with the last
    known tasks to report."""

    def __init__(self, message, tasks, missing=(), polls=0):
        super(TaskWaitError, self).__init__(message, tasks=tasks, total_count=len(tasks), missing=list(missing),
                                            polls=polls)


class Listing:
    """The answer to a query: tasks in result order, the API's total count and the ids it did not know."""

    def __init__(self, tasks, total_count, missing):
        self.tasks = tasks
        self.total_count = total_count
        self.missing = missing


class TaskService:
    """DescribeTasks over an RpcClient, ceil(N/100) calls for N ids or tasks; CancelTask; and the progress of tasks
    (DescribeTaskAttribute, and DescribeImages for imports), at most PROGRESS_CALLS_PER_ROUND calls a round."""

    def __init__(self, client):
        self.client = client
        self.deadline = None  # API retries stop here (the deadline of a wait)
        self.image_ids_per_call = MAX_IDS_PER_CALL  # DescribeImages ids a progress call; 0 once the API took no list

    def describe_page(self, action, task_ids=(), resource_ids=(), task_status=None, start_time=None, end_time=None,
                      page_number=1, page_size=MAX_PAGE_SIZE):
        """One page of DescribeTasks: (task records, the API's total count). A status the API ignores is not sent."""
        params = {
            'RegionId': self.client.region,
            'TaskAction': action,
            'PageNumber': str(page_number),
            'PageSize': str(page_size),
        }
        if task_ids:
            params['TaskIds'] = ','.join(task_ids)
        for number, resource_id in enumerate(resource_ids, 1):
            params['ResourceIds.%d' % number] = resource_id
        if task_status in API_FILTERED_STATUSES:
            params['TaskStatus'] = task_status
        if start_time:
            params['StartTime'] = api_time(start_time)
        if end_time:
            params['EndTime'] = api_time(end_time)
        answer = self.client.call('DescribeTasks', params, deadline=self.deadline)
        tasks = [task_record(raw, action) for raw in raw_tasks(answer)]
        return tasks, api_count(answer.get('TotalCount'), len(tasks))

    def describe_all(self, action, **filters):
        """Every page of one filter set at the largest page size; returns (tasks, the API's total count)."""
        page_size = filters.pop('page_size', MAX_PAGE_SIZE)

        def page(number):
            tasks, total = self.describe_page(action, page_number=number, page_size=page_size, **filters)
            return [(task['task_id'], task) for task in tasks], total
        return every_page(page)

    def query(self, query):
        """Tasks matching the query, over every task action and id batch it needs, each checked against the query
        (the API ignores some filters). total_count is the number returned, or the API's count for one page."""
        found = {}
        total = 0
        filters = dict(task_status=query.task_status, start_time=query.start_time, end_time=query.end_time)
        for action in query.actions:
            for task_batch in chunks(query.task_ids):
                for resource_batch in chunks(query.resource_ids):
                    if query.page_number:
                        tasks, count = self.describe_page(action, task_batch, resource_batch,
                                                          page_number=query.page_number, page_size=query.page_size,
                                                          **filters)
                    else:
                        tasks, count = self.describe_all(action, task_ids=task_batch, resource_ids=resource_batch,
                                                         page_size=query.page_size, **filters)
                    total += count
                    for task in tasks:
                        if query.matches(task):
                            found.setdefault(task['task_id'], task)
        if query.task_ids:
            ordered = [found[task_id] for task_id in query.task_ids if task_id in found]
        else:
            ordered = newest_first(found.values())
        missing = [task_id for task_id in query.task_ids if task_id not in found]
        return Listing(ordered, total if query.page_number else len(ordered), missing)

    def refresh(self, tasks):
        """The current state of known tasks: only their own actions, only their ids."""
        by_action = {}
        for task in tasks:
            by_action.setdefault(task['task_action'], []).append(task['task_id'])
        current = {}
        for action, task_ids in by_action.items():
            for batch in chunks(task_ids):
                for task in self.describe_all(action, task_ids=batch)[0]:
                    if task['task_id'] in batch and task['task_action'] == action:
                        current[task['task_id']] = task
        return current

    def tasks_of(self, action, resource_id):
        """Every task of `action` on one resource (an image), newest first."""
        tasks = self.describe_all(action, resource_ids=[resource_id])[0]
        return newest_first(t for t in tasks if t['resource_id'] == resource_id and t['task_action'] == action)

    def cancel(self, task):
        """CancelTask, which has no ClientToken: after a lost answer the task is read again, and the cancel is sent
        again only when the task still runs. Returns the task's state afterwards (the task as given if the API no
        longer lists it)."""
        params = {'RegionId': self.client.region, 'TaskId': task['task_id']}

        def send():
            self.client.call('CancelTask', params, deadline=self.deadline, resend_safe=False)

        def recover():
            current = self.refresh([task]).get(task['task_id'])
            if current is not None and current['task_status'] in RUNNING_STATUSES:
                send()
        write_once(send, recover)
        return self.refresh([task]).get(task['task_id'], task)

    def add_progress(self, tasks, round_number=0):
        """Set `progress` (percent) on each task, at most PROGRESS_CALLS_PER_ROUND calls whatever their number.

        Finished tasks are at 100 and Waiting ones at 0, with no call. The calls go to Processing tasks: the images
        of imports first, 100 in a DescribeImages call (their Progress), then DescribeTaskAttribute one task a call,
        starting at a place that moves with round_number, so that successive rounds read other tasks. A task left
        without a fresh percent keeps its last known one, or None.
        """
        processing = []
        for task in tasks:
            if task['task_status'] == 'Finished':
                task['progress'] = 100
            elif task['task_status'] == 'Waiting':
                task['progress'] = 0
            else:
                task.setdefault('progress', None)
                if task['task_status'] == 'Processing':
                    processing.append(task)
        if not processing:
            return
        start = round_number * PROGRESS_CALLS_PER_ROUND % len(processing)
        pending = processing[start:] + processing[:start]
        budget, read = self.progress_from_images(pending, PROGRESS_CALLS_PER_ROUND)
        for task in [t for t in pending if t['task_id'] not in read][:budget]:
            answer = self.client.call('DescribeTaskAttribute', {'RegionId': self.client.region,
                                                                'TaskId': task['task_id']}, deadline=self.deadline)
            task['progress'] = progress_percent(answer.get('TaskProcess'))

    def progress_from_images(self, tasks, budget):
        """Set the progress of the import tasks among `tasks` from their images, 100 a DescribeImages call, within
        `budget` calls; returns the calls left and the ids of the tasks read. An API that takes no list of image ids
        (it answers nothing, or refuses it) ends the batching for the rest of the run."""
        read = set()
        imports = [t for t in tasks if t['task_action'] == 'ImportImage' and t['resource_id']]
        while imports and budget and self.image_ids_per_call:
            batch, imports = imports[:self.image_ids_per_call], imports[self.image_ids_per_call:]
            budget -= 1
            try:
                percents = self.image_percents([t['resource_id'] for t in batch])
            except ApiError as error:
                if error.outcome_unknown:
                    raise
                percents = {}
            if not percents and len(batch) > 1:
                self.image_ids_per_call = 0
                break
            for task in batch:
                if task['resource_id'] in percents:
                    task['progress'] = percents[task['resource_id']]
                    read.add(task['task_id'])
        return budget, read

    def image_percents(self, image_ids):
        """Progress of importing images by id, from one DescribeImages call (a list of ids, as its reference of
        2018 documents; only the ids the answer holds count, so an API that takes one id answers nothing)."""
        answer = self.client.call('DescribeImages', {
            'RegionId': self.client.region, 'ImageId': ','.join(image_ids), 'Status': ','.join(IMAGE_STATUSES),
            'PageSize': str(MAX_PAGE_SIZE)}, deadline=self.deadline)
        percents = {}
        for image in entries(answer, 'Images', 'Image'):
            percent = progress_percent(image.get('Progress'))
            if image.get('ImageId') in image_ids and percent is not None:
                percents[image['ImageId']] = percent
        return percents

    def wait(self, query, waiter, progress=False, on_poll=None, missing_ok=False):
        """Block until every task the query matches is Finished; returns the final Listing.

        Raises TaskWaitError at once for a Failed or Deleted task or (unless missing_ok) an unknown id, and at
        the deadline.
        """
        self.deadline = waiter.deadline
        state = {}

        def check():
            if 'listing' not in state:
                state['listing'] = self.query(query)
                if state['listing'].missing and not missing_ok:
                    raise TaskWaitError(unknown_ids_message(query.task_action, state['listing'].missing),
                                        state['listing'].tasks, state['listing'].missing, waiter.polls)
            else:
                pending = [t for t in state['listing'].tasks if t['task_status'] != 'Finished']
                current = self.refresh(pending)
                for task in state['listing'].tasks:
                    task.update(current.get(task['task_id'], {}))
            tasks = state['listing'].tasks
            failed = [t for t in tasks if t['task_status'] in FAILED_STATUSES]
            if failed:
                raise TaskWaitError('task(s) will never finish: %s'
                                    % ', '.join('%s is %s' % (t['task_id'], t['task_status']) for t in failed),
                                    tasks, polls=waiter.polls)
            if progress:
                self.add_progress(tasks, waiter.polls - 1)
            done = all(t['task_status'] == 'Finished' for t in tasks)
            if on_poll:
                on_poll(tasks, waiter)
            return done, state['listing']

        try:
            return waiter.until(check, lambda listing: [task_progress_item(t) for t in listing.tasks])
        except WaitTimeout as timeout_error:
            unfinished = [t for t in timeout_error.state.tasks if t['task_status'] != 'Finished']
            raise TaskWaitError('timed out after %.0f s waiting for %d task(s) to finish: %s'
                                % (timeout_error.elapsed, len(unfinished),
                                   ', '.join('%s is %s' % (t['task_id'], t['task_status']) for t in unfinished)),
                                timeout_error.state.tasks, polls=timeout_error.polls)
