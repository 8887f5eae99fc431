# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The image service every image module calls: DescribeImages, ImportImage, ExportImage and following their tasks;
CopyImage, attributes, tags, sharing and DeleteImage.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os
import re

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import MAX_PAGE_SIZE, api_count, chunks, entries, every_page, progress_percent, to_bool
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import progress_item
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.signing import canonical_query
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.task_query import FAILED_STATUSES, wait_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.tasks import IMAGE_STATUSES, TaskService
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
MAX_SHARE_ACCOUNTS = 50
COPYING_STATUSES = ('Waiting', 'Creating')
ACCOUNTS_PER_CALL = 10  # ModifyImageSharePermission ignores the accounts past 10, without an error
TAG_KEYS_PER_CALL = 20
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


def tag_values(tags):
    """Tags as the API stores them: every value a string, an empty one for None."""
    return dict((key, '' if value is None else str(value)) for key, value in (tags or {}).items())


def tag_parameters(tags):
    if not tags:
        return {}
    if len(tags) > MAX_TAGS:
        raise OptionError('tags', 'expected at most %d tags, got %d' % (MAX_TAGS, len(tags)))
    params = {}
    for number, (key, value) in enumerate(sorted(tag_values(tags).items()), 1):
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
        description=raw.get('Description') or None,
        image_family=raw.get('ImageFamily') or None,
        tags=dict((tag.get('TagKey'), tag.get('TagValue') or '') for tag in entries(raw, 'Tags', 'Tag')
                  if tag.get('TagKey')),
        is_copied=to_bool(raw.get('IsCopied')) if raw.get('IsCopied') is not None else None,
        usage=raw.get('Usage') or None,
    )


def answered_task_id(answer, legacy_field):
    """TaskId of an ImportImage or ExportImage answer; every sample in the reference writes ImportTaskId or
    ExportTaskId instead."""
    return answer.get('TaskId') or answer.get(legacy_field)


def pending_task(task_id, action, resource_id):
    """A task record of a task just started, before any DescribeTasks call: its state is not known yet."""
    return dict(task_id=task_id, task_action=action, task_status=None, support_cancel=None, creation_time=None,
                finished_time=None, resource_id=resource_id)


def check_description(description, option='description'):
    if description is not None and (not 2 <= len(description) <= 256 or re.match(r'^https?://', description)):
        raise OptionError(option, 'expected 2 to 256 characters, not starting with http:// or https://')
    return description


def find_image(images, image_id=None, name=None, missing_ok=False):
    """The custom image of this id, or of exactly this name, in any state; when there is none, None with missing_ok,
    else WorkFailed naming the option."""
    image = images.get(image_id) if image_id else images.find_by_name(name)
    if image is None and not missing_ok:
        raise WorkFailed('%s: no custom image %s %r in %s%s' % (
            'image_id' if image_id else 'image_name', 'of id' if image_id else 'named exactly', image_id or name,
            images.client.region, '' if image_id else ' (the API matches names loosely; this module does not)'))
    return image


def follow_progress_item(state, task_id, image_id):
    """The task of a follow as its progress report names it: its state, or its image's once the task is done."""
    image = state['image'] or {}
    status = (state['task'] or {}).get('task_status')
    if status in ('Finished', None) and image.get('status'):
        return progress_item(image_id, image['status'], image.get('progress'))
    return progress_item(task_id or image_id, status, image.get('progress'))


class ImageService:
    """The image calls of one region over an RpcClient; tasks through a TaskService."""

    def __init__(self, client, tasks=None):
        self.client = client
        self.tasks = tasks or TaskService(client)

    @property
    def deadline(self):
        return self.tasks.deadline

    def in_region(self, region):
        """The service of another region, on the same credentials and with the same deadline."""
        service = ImageService(self.client.in_region(region))
        service.tasks.deadline = self.deadline
        return service

    def params(self, **params):
        return dict(params, RegionId=self.client.region)

    def dry_run(self, action, params):
        """Send `action` as a dry run; None when it passed (the API answers DryRunOperation)."""
        try:
            self.client.call(action, dict(params, DryRun='true'), deadline=self.deadline)
        except ApiError as error:
            if error.code != 'DryRunOperation':
                raise

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
        return self.by_ids([image_id]).get(image_id)

    def by_ids(self, image_ids):
        """{image id: image} of the custom images of these ids, in any state: one DescribeImages call for 100 ids."""
        found = {}
        for batch in chunks(list(image_ids)):
            if batch:
                found.update((image['image_id'], image) for image in self.describe(ImageId=','.join(batch))
                             if image['image_id'] in batch)
        return found

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
            return self.dry_run('ImportImage', params), None
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
            waiter.until(check, lambda state: [follow_progress_item(state, task_id, image_id)])
        except WaitTimeout as timeout:
            raise WorkFailed('timed out after %.0f s waiting for task %s (last %s) and image %s (last %s)' % (
                timeout.elapsed, task_id, (state['task'] or {}).get('task_status'), image_id,
                (state['image'] or {}).get('status', 'not read')), task=state['task'], image=state['image'],
                polls=timeout.polls)
        return state['task'], state['image']

    def copy_image(self, params, dry_run=False):
        """CopyImage from this region: the id of the copy, or None for a dry run that passed. The ClientToken makes
        a retry after a lost answer safe: the API answers the first copy again."""
        if dry_run:
            return self.dry_run('CopyImage', params)
        return self.client.call('CopyImage', dict(params, ClientToken=client_token(params)),
                                deadline=self.deadline).get('ImageId')

    def cancel_copy(self, image_id):
        """CancelCopyImage, which has no ClientToken: after a lost answer the copy is read again, and the cancel is
        sent again only while the copy still runs (a cancelled copy is gone)."""
        params = self.params(ImageId=image_id)
        try:
            self.client.call('CancelCopyImage', params, deadline=self.deadline, resend_safe=False)
        except ApiError as error:
            if not error.outcome_unknown:
                raise
            image = self.get(image_id)
            if image is not None and image['status'] in COPYING_STATUSES:
                self.client.call('CancelCopyImage', params, deadline=self.deadline, resend_safe=False)

    def modify_attributes(self, image_id, attributes):
        """ModifyImageAttribute with API parameters (ImageName, Description, ImageFamily, Status). It sets values,
        so sending it again after a lost answer sets the same values."""
        self.client.call('ModifyImageAttribute', self.params(ImageId=image_id, **attributes), deadline=self.deadline)

    def tag(self, image_id, tags):
        """TagResources: sets each key to its value, the same whether sent once or again."""
        if tags:
            params = self.params(ResourceType='image', **{'ResourceId.1': image_id})
            params.update(tag_parameters(tags))
            self.client.call('TagResources', params, deadline=self.deadline)

    def untag(self, image_id, keys):
        """UntagResources of these keys, 20 a call; a key already gone is no error."""
        for batch in chunks(sorted(keys), TAG_KEYS_PER_CALL):
            if batch:
                params = self.params(ResourceType='image', **{'ResourceId.1': image_id})
                params.update(('TagKey.%d' % number, key) for number, key in enumerate(batch, 1))
                self.client.call('UntagResources', params, deadline=self.deadline)

    def shared_accounts(self, image_id):
        """The accounts the image is shared with, from every page of DescribeImageSharePermission, sorted."""
        def page(number):
            answer = self.client.call('DescribeImageSharePermission', self.params(
                ImageId=image_id, PageNumber=str(number), PageSize=str(MAX_PAGE_SIZE)), deadline=self.deadline)
            accounts = [str(a['AliyunId']) for a in entries(answer, 'Accounts', 'Account') if a.get('AliyunId')]
            return [(account, account) for account in accounts], api_count(answer.get('TotalCount'), 0)
        return sorted(every_page(page)[0])

    def share(self, image_id, add=(), remove=()):
        """ModifyImageSharePermission, 10 accounts a call (the API ignores the rest without an error). It has no
        ClientToken: after a lost answer the shares are read again, and what is still to do is sent again."""
        for name, accounts in (('RemoveAccount', sorted(remove)), ('AddAccount', sorted(add))):
            for batch in chunks(accounts, ACCOUNTS_PER_CALL):
                if batch:
                    self.share_batch(image_id, name, batch)

    def share_batch(self, image_id, name, accounts, checked=False):
        params = self.params(ImageId=image_id)
        params.update(('%s.%d' % (name, number), account) for number, account in enumerate(accounts, 1))
        try:
            self.client.call('ModifyImageSharePermission', params, deadline=self.deadline, resend_safe=False)
        except ApiError as error:
            if checked or not error.outcome_unknown:
                raise
            shared = set(self.shared_accounts(image_id))
            left = [a for a in accounts if (a in shared) == (name == 'RemoveAccount')]
            if left:
                self.share_batch(image_id, name, left, checked=True)

    def delete(self, image_id, force=False):
        """DeleteImage; the API ignores an id of no image, so sending it again after a lost answer is safe."""
        params = self.params(ImageId=image_id)
        if force:
            params['Force'] = 'true'
        self.client.call('DeleteImage', params, deadline=self.deadline)


_RUN_ID = os.urandom(16).hex()  # one module run


def client_token(params, run_id=None):
    """ClientToken of one ImportImage or CopyImage: a digest of the request and of this run, so the retries of this
    run are recognised as the same call, and a later run (after a failed image was deleted) is a new one."""
    run_id = run_id or _RUN_ID
    return hashlib.sha256((run_id + '&' + canonical_query(params)).encode('utf-8')).hexdigest()[:64]
