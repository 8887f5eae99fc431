# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The image service every image module calls: DescribeImages, ImportImage and ExportImage, and following their tasks.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os
import re

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._answers import MAX_PAGE_SIZE, api_count, entries, every_page, progress_percent
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._outcome import WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._signing import canonical_query
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._task_query import FAILED_STATUSES, wait_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._tasks import IMAGE_STATUSES, TaskService
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import WaitTimeout

ARCHITECTURES = ('i386', 'x86_64', 'arm64')
OS_TYPES = ('linux', 'windows')
BOOT_MODES = ('BIOS', 'UEFI')
LICENSE_TYPES = ('Auto', 'Aliyun', 'BYOL')
PLATFORMS = (
    'Aliyun', 'Anolis', 'CentOS', 'Ubuntu', 'CoreOS', 'SUSE', 'Debian', 'OpenSUSE', 'FreeBSD', 'RedHat', 'Kylin', 'UOS',
    'Fedora', 'Fedora CoreOS', 'CentOS Stream', 'AlmaLinux', 'Rocky Linux', 'Gentoo', 'Customized Linux',
    'Others Linux', 'Windows Server 2022', 'Windows Server 2019', 'Windows Server 2016', 'Windows Server 2012',
    'Windows Server 2008', 'Windows Server 2003', 'Other Windows',
)
MAX_TAGS = 20
_IMAGE_NAME = re.compile(r'^[^\W\d_][\w.:-]{1,127}$')


def image_wait_argument_spec():
    """wait, wait_timeout and poll_interval of the image modules: those of ecs_task_info."""
    return dict((name, option) for name, option in wait_argument_spec().items()
                if name in ('wait', 'wait_timeout', 'poll_interval'))


def check_image_name(name, option='name'):
    if not isinstance(name, str) or not _IMAGE_NAME.match(name) or re.match(r'^(aliyun|acs:)', name) \
            or re.search(r'https?://', name):
        raise OptionError(option, 'expected 2 to 128 characters: a letter first, then letters, digits, ".", ":", '
                                  '"_" or "-"; not starting with "aliyun" or "acs:"; got %r' % (name,))
    return name


def tag_parameters(tags):
    if not tags:
        return {}
    if len(tags) > MAX_TAGS:
        raise OptionError('tags', 'expected at most %d tags, got %d' % (MAX_TAGS, len(tags)))
    params = {}
    for number, (key, value) in enumerate(sorted(tags.items()), 1):
        value = '' if value is None else str(value)
        if not key or len(key) > 128 or re.match(r'^(aliyun|acs:)', key) or re.search(r'https?://', key + value) \
                or len(value) > 128 or value.startswith('acs:'):
            raise OptionError('tags', 'expected keys of 1 to 128 characters and values of at most 128, neither '
                                      'starting with "acs:" (nor a key with "aliyun") nor holding http(s)://; '
                                      'got %r: %r' % (key, value))
        params['Tag.%d.Key' % number] = key
        params['Tag.%d.Value' % number] = value
    return params


def image_record(raw):
    """The collection's image dict from one entry of Images.Image."""
    return dict(
        image_id=raw.get('ImageId'),
        image_name=raw.get('ImageName'),
        status=raw.get('Status'),
        progress=progress_percent(raw.get('Progress')),
        size=api_count(raw.get('Size'), None),
        architecture=raw.get('Architecture') or None,
        os_type=raw.get('OSType') or None,
        platform=raw.get('Platform') or None,
        creation_time=raw.get('CreationTime') or None,
    )


def answered_task_id(answer, legacy_field):
    """TaskId of an ImportImage or ExportImage answer; every sample in the reference writes ImportTaskId or
    ExportTaskId instead."""
    return answer.get('TaskId') or answer.get(legacy_field)


def pending_task(task_id, action, resource_id):
    """A task record of a task just started, before any DescribeTasks call: its state is not known yet."""
    return dict(task_id=task_id, task_action=action, task_status=None, support_cancel=None, creation_time=None,
                finished_time=None, resource_id=resource_id)


def exact_image_id(images, name, region):
    image = images.find_by_name(name)
    if image is None:
        raise WorkFailed('image_name: no custom image named exactly %r in %s (the API matches names loosely; this '
                         'module does not)' % (name, region))
    return image['image_id']


class ImageService:
    """DescribeImages, ImportImage and ExportImage over an RpcClient; tasks through a TaskService."""

    def __init__(self, client, tasks=None):
        self.client = client
        self.tasks = tasks or TaskService(client)

    @property
    def deadline(self):
        return self.tasks.deadline

    def describe(self, **filters):
        """Every page of DescribeImages over the custom images of the region, in every state."""
        params = {'RegionId': self.client.region, 'Status': ','.join(IMAGE_STATUSES), 'ImageOwnerAlias': 'self',
                  'PageSize': str(MAX_PAGE_SIZE)}
        params.update(filters)

        def page(number):
            answer = self.client.call('DescribeImages', dict(params, PageNumber=str(number)), deadline=self.deadline)
            images = [image_record(entry) for entry in entries(answer, 'Images', 'Image')]
            return [(image['image_id'], image) for image in images], api_count(answer.get('TotalCount'), 0)
        return every_page(page)[0]

    def find_by_name(self, name):
        """The custom image of exactly this name, in any state, or None. The API matches names loosely, so a
        search for "web" also answers "web-2"; the names are compared here."""
        matches = [image for image in self.describe(ImageName=name) if image['image_name'] == name]
        return matches[0] if matches else None

    def get(self, image_id):
        """The custom image of this id, in any state, or None."""
        matches = [image for image in self.describe(ImageId=image_id) if image['image_id'] == image_id]
        return matches[0] if matches else None

    def newest_task(self, action, image_id, statuses=None):
        """The newest task of `action` on the image (of those in `statuses`, when given), or None."""
        tasks = [t for t in self.tasks.tasks_of(action, image_id) if statuses is None or t['task_status'] in statuses]
        return tasks[0] if tasks else None

    def export_image(self, params, dry_run=False):
        """ExportImage, which has no ClientToken: sent once (again only after throttling; a dry run writes nothing and
        is retried as a read). Returns the task id, or None for a dry run that passed."""
        try:
            answer = self.client.call('ExportImage', dict(params, DryRun='true') if dry_run else params,
                                      deadline=self.deadline, resend_safe=dry_run)
        except ApiError as error:
            if dry_run and error.code == 'DryRunOperation':
                return None
            raise
        return answered_task_id(answer, 'ExportTaskId')

    def exported_objects(self, task_id):
        """The OSS object names DescribeTaskAttribute lists for an export."""
        answer = self.client.call('DescribeTaskAttribute', {'RegionId': self.client.region, 'TaskId': task_id},
                                  deadline=self.deadline)
        objects = []
        for operation in entries(answer, 'OperationProgressSet', 'OperationProgress'):
            for item in entries(operation, 'RelatedItemSet', 'RelatedItem'):
                if item.get('Name') == 'OSSObject' and item.get('Value') and item['Value'] not in objects:
                    objects.append(item['Value'])
        return objects

    def import_image(self, params, dry_run=False):
        """ImportImage: (task id, image id), or (None, None) for a dry run that passed. The ClientToken makes a
        retry after a lost answer safe: the API answers the first import again."""
        if dry_run:
            try:
                self.client.call('ImportImage', dict(params, DryRun='true'), deadline=self.deadline)
            except ApiError as error:
                if error.code != 'DryRunOperation':
                    raise
            return None, None
        answer = self.client.call('ImportImage', dict(params, ClientToken=client_token(params)),
                                  deadline=self.deadline)
        return answered_task_id(answer, 'ImportTaskId'), answer.get('ImageId')

    def follow(self, task, image_id, waiter):
        """Wait until the task (when there is one) is Finished and the image Available; returns (task, image).

        A failed task or image ends the wait at once; the deadline ends it with the last states. A task the API
        does not list yet (just started) is waited for through its image.
        """
        self.tasks.deadline = waiter.deadline
        state = dict(task=task, image=None)
        task_id = (task or {}).get('task_id')

        def check():
            current = self.tasks.refresh([state['task']]).get(task_id) if task_id else None
            if current is not None:
                state['task'] = current
            status = (state['task'] or {}).get('task_status')
            if status in FAILED_STATUSES:
                raise WorkFailed('%s task %s of image %s is %s' % (task['task_action'], task_id, image_id, status),
                                 task=state['task'], polls=waiter.polls)
            if status != 'Finished' and current is not None:
                return False, state
            state['image'] = self.get(image_id)
            image_status = (state['image'] or {}).get('status')
            if image_status == 'CreateFailed':
                raise WorkFailed('image %s is CreateFailed (task %s is %s)' % (image_id, task_id, status),
                                 task=state['task'], image=state['image'], polls=waiter.polls)
            return image_status == 'Available' and status in ('Finished', None), state

        try:
            waiter.until(check)
        except WaitTimeout as timeout:
            raise WorkFailed('timed out after %.0f s waiting for task %s (last %s) and image %s (last %s)' % (
                timeout.elapsed, task_id, (state['task'] or {}).get('task_status'), image_id,
                (state['image'] or {}).get('status', 'not read')), task=state['task'], image=state['image'],
                polls=timeout.polls)
        return state['task'], state['image']


_RUN_ID = os.urandom(16).hex()  # one module run


def client_token(params, run_id=None):
    """ClientToken of one ImportImage: a digest of the request and of this run, so the retries of this run are
    recognised as the same import, and a later run (after a failed import was deleted) is a new one."""
    run_id = run_id or _RUN_ID
    return hashlib.sha256((run_id + '&' + canonical_query(params)).encode('utf-8')).hexdigest()[:64]
