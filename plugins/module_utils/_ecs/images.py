# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The image service every image module calls: DescribeImages, ImportImage, ExportImage, CopyImage, attributes,
tags, sharing and DeleteImage (following an import or an export: _ecs/follow.py; retiring images and freeing their
snapshots: _ecs/retirement.py).

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import (
    MAX_PAGE_SIZE, api_count, chunks, entries, every_page, progress_percent, to_bool)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import write_once
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.client_token import client_token
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import tag_parameters
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import COPYING_STATUSES, IMAGE_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.tasks import TaskService

ACCOUNTS_PER_CALL = 10  # ModifyImageSharePermission ignores the accounts past 10, without an error
TAG_KEYS_PER_CALL = 20


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
        owner_alias=raw.get('ImageOwnerAlias') or None,
        owner_id=str(raw['ImageOwnerId']) if raw.get('ImageOwnerId') else None,
        tags=dict((tag.get('TagKey'), tag.get('TagValue') or '') for tag in entries(raw, 'Tags', 'Tag')
                  if tag.get('TagKey')),
        is_copied=to_bool(raw.get('IsCopied')) if raw.get('IsCopied') is not None else None,
        usage=raw.get('Usage') or None,
        boot_mode=raw.get('BootMode') or None,
        nvme_support=(raw.get('Features') or {}).get('NvmeSupport') or None,
        imds_support=(raw.get('Features') or {}).get('ImdsSupport') or None,
        snapshot_ids=[disk['SnapshotId'] for disk in entries(raw, 'DiskDeviceMappings', 'DiskDeviceMapping')
                      if disk.get('SnapshotId')],
        detection=detection_record(raw.get('DetectionOptions')),
    )


def family_parts(family, owner_id=None):
    """(owner id, name) of a family as its owner names it (owner_id, when known) or as an account it is shared with
    sees it: acs:<owner id>:<name>."""
    parts = (family or '').split(':', 2)
    if len(parts) == 3 and parts[0] == 'acs' and parts[1].isdigit():
        return parts[1], parts[2]
    return owner_id, family or ''


def in_family(image, family):
    """Whether the image is of the family, given by its name (of any owner) or as acs:<owner id>:<name>; an image
    whose owner the answer does not say is taken by its name."""
    owner, name = family_parts(image.get('image_family'), image.get('owner_id'))
    wanted_owner, wanted = family_parts(family)
    return bool(name) and name == wanted and (wanted_owner is None or owner is None or owner == wanted_owner)


def detection_record(raw):
    """The image check's state and findings (DetectionOptions), or None for an image never checked."""
    if not raw or not raw.get('Status'):
        return None
    return dict(status=raw['Status'], findings=[
        dict(name=item.get('Name'), risk_code=item.get('RiskCode') or None, risk_level=item.get('RiskLevel') or None,
             value=item.get('Value') or None) for item in entries(raw, 'Items', 'Item')])


def answered_task_id(answer, legacy_field):
    """TaskId of an ImportImage or ExportImage answer; every sample in the reference writes ImportTaskId or
    ExportTaskId instead."""
    return answer.get('TaskId') or answer.get(legacy_field)


def pending_task(task_id, action, resource_id):
    """A task record of a task just started, before any DescribeTasks call: its state is not known yet."""
    return dict(task_id=task_id, task_action=action, task_status=None, support_cancel=None, creation_time=None,
                finished_time=None, resource_id=resource_id)


def find_image(images, image_id=None, name=None, missing_ok=False):
    """The custom image of this id, or of exactly this name, in any state; when there is none, None with missing_ok,
    else WorkFailed naming the option."""
    image = images.get(image_id) if image_id else images.find_by_name(name)
    if image is None and not missing_ok:
        raise WorkFailed('%s: no custom image %s %r in %s%s' % (
            'image_id' if image_id else 'image_name', 'of id' if image_id else 'named exactly', image_id or name,
            images.client.region, '' if image_id else ' (the API matches names loosely; this module does not)'))
    return image


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

    def describe(self, owner='self', statuses=IMAGE_STATUSES, **filters):
        """Every page of DescribeImages over the custom images of the region in these states: the account's own
        (owner self), those shared with it (others), or both (any)."""
        if owner == 'any':
            return self.describe('self', statuses, **filters) + self.describe('others', statuses, **filters)
        params = {'RegionId': self.client.region, 'Status': ','.join(statuses), 'ImageOwnerAlias': owner,
                  'PageSize': str(MAX_PAGE_SIZE)}
        params.update(filters)

        def page(number):
            answer = self.client.call('DescribeImages', dict(params, PageNumber=str(number)), deadline=self.deadline)
            images = [image_record(entry) for entry in entries(answer, 'Images', 'Image')]
            return [(image['image_id'], image) for image in images], api_count(answer.get('TotalCount'), 0)
        return every_page(page)[0]

    def latest_of_family(self, family):
        """The newest Available image of the family, the account's own or one shared with it, by
        DescribeImageFromFamily; None when there is none. An answer in another state or of another family is not
        taken."""
        answer = self.client.call('DescribeImageFromFamily', {'RegionId': self.client.region, 'ImageFamily': family},
                                  deadline=self.deadline)
        raw = answer.get('Image') or {}
        image = image_record(raw) if raw.get('ImageId') else None
        if image is None or image['status'] not in (None, 'Available') \
                or (image['image_family'] is not None and not in_family(image, family)):
            return None
        return image

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

    def task_operations(self, task_id):
        """The operations DescribeTaskAttribute lists for a task (OperationProgressSet.OperationProgress)."""
        answer = self.client.call('DescribeTaskAttribute', {'RegionId': self.client.region, 'TaskId': task_id},
                                  deadline=self.deadline)
        return entries(answer, 'OperationProgressSet', 'OperationProgress')

    def task_error(self, task_id):
        """'code: message' of a failed task's first operation that names one, or None (the reference documents no
        failure message; one is given when the API has it)."""
        for operation in self.task_operations(task_id):
            if operation.get('ErrorCode') or operation.get('ErrorMsg'):
                return ': '.join(part for part in (operation.get('ErrorCode'), operation.get('ErrorMsg')) if part)
        return None

    def exported_objects(self, task_id):
        """The OSS object names DescribeTaskAttribute lists for an export."""
        objects = []
        for operation in self.task_operations(task_id):
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

        def send():
            self.client.call('CancelCopyImage', params, deadline=self.deadline, resend_safe=False)

        def recover():
            image = self.get(image_id)
            if image is not None and image['status'] in COPYING_STATUSES:
                send()
        write_once(send, recover)

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

    def share_batch(self, image_id, name, accounts):
        def send(batch):
            params = self.params(ImageId=image_id)
            params.update(('%s.%d' % (name, number), account) for number, account in enumerate(batch, 1))
            self.client.call('ModifyImageSharePermission', params, deadline=self.deadline, resend_safe=False)

        def recover():
            shared = set(self.shared_accounts(image_id))
            left = [a for a in accounts if (a in shared) == (name == 'RemoveAccount')]
            if left:
                send(left)
        write_once(lambda: send(accounts), recover)

    def existing(self, image_ids):
        """The ids of these images that DescribeImages still lists (DeleteImage takes a little time)."""
        return set(self.by_ids(image_ids))

    def delete(self, image_id, force=False):
        """DeleteImage; the API ignores an id of no image, so sending it again after a lost answer is safe."""
        params = self.params(ImageId=image_id)
        if force:
            params['Force'] = 'true'
        self.client.call('DeleteImage', params, deadline=self.deadline)
