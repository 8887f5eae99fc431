# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's image distribution: CopyImage and CancelCopyImage, ModifyImageAttribute, sharing, DeleteImage,
tags and DescribeImageFromFamily, as the API reference describes them (see shared/notes/image-distribution-facts.md
in the project's steering notes)."""

from __future__ import absolute_import, division, print_function

import re

from .auth import ApiFailure, missing
from .clock import Polls
from .images import (BOOT_MODES, IMDS_SUPPORT, MAX_TAGS, NVME_SUPPORT, Deletion, Image, dry_run, dry_run_passed,
                     numbered, tag_pairs, valid_name)

COPY_CONCURRENCY = 5       # copies a destination region runs at once; the others wait in its queue
COPY_SECONDS_PER_GIB = 30  # emulated seconds a GiB of a copy takes
MAX_SHARE_ACCOUNTS = 50
ACCOUNTS_PER_CALL = 10     # AddAccount.N and RemoveAccount.N past this are ignored, as the API does
MAX_FAMILY_IMAGES = 100
MAX_TAG_RESOURCES = 50
DELETE_SECONDS = 3         # emulated seconds DeleteImage takes before the image is gone
# Which copies of one image CopyImage refuses while one is queued or made: to the same region only (the vendor's
# reading: one image is copied to several regions at once), or to any region (the strict reading of "the same image
# cannot be copied concurrently").
COPY_CONFLICTS = ('same_region', 'any_region')


class CopyJob:
    """The copy behind a destination image: queued until `start`, then Creating for `duration`, then its outcome
    (a failing copy fails halfway). With `polls`, it is Creating for that many observations instead, then its
    outcome."""

    def __init__(self, source_id, start, duration, outcome, polls=None):
        self.source_id = source_id
        self.start = start
        self.duration = duration
        self.outcome = outcome
        self.polls = polls

    @property
    def ends(self):
        if self.polls is not None:
            return float('inf') if self.polls.ended is None else self.polls.ended
        return self.start + (self.duration / 2.0 if self.outcome == 'CreateFailed' else self.duration)

    def status(self, now):
        if self.polls is not None:
            return {'waiting': 'Waiting', 'processing': 'Creating'}.get(self.polls.phase, self.outcome)
        if now < self.start:
            return 'Waiting'
        return 'Creating' if now < self.ends else self.outcome

    def progress(self, now):
        if self.polls is not None:
            return self.polls.percent
        if now < self.start:
            return 0
        return min(100, int(100 * (min(now, self.ends) - self.start) / max(self.duration, 1e-9)))

    def remaining(self, now):
        if self.polls is not None:
            return 0 if self.polls.phase == 'done' else max(1, int(self.duration * (100 - self.polls.percent) / 100))
        return max(0, int(self.ends - now))

    def observe(self, now):
        if self.polls is not None:
            self.polls.observe(now)


def check_copy_conflict(value):
    if value not in COPY_CONFLICTS:
        raise ValueError('copy_conflict must be one of %s' % ', '.join(COPY_CONFLICTS))
    return value


class DistributionActions:
    """CopyImage and the calls around it, for the World (model.World mixes this in with ImageActions)."""

    def init_distribution(self, fixtures):
        self.copy_concurrency = int(fixtures.get('copy_concurrency') or COPY_CONCURRENCY)
        self.copy_seconds_per_gib = float(fixtures.get('copy_seconds_per_gib', COPY_SECONDS_PER_GIB))
        self.copy_polls = fixtures.get('copy_polls')  # observations a copy takes; None: it follows the clock
        Polls.from_spec(self.copy_polls)
        self.copy_conflict = check_copy_conflict(fixtures.get('copy_conflict', 'same_region'))
        self.delete_seconds = float(fixtures.get('delete_seconds', DELETE_SECONDS))
        self.delete_polls = fixtures.get('delete_polls')  # observations a deletion takes; None: it follows the clock
        Polls.from_spec(self.delete_polls)
        self.failing_copy_regions = set(fixtures.get('failing_copy_regions') or ())
        self.kms_keys = dict((key['key_id'], dict(key)) for key in fixtures.get('kms_keys') or [])
        self.instances = [dict(instance) for instance in fixtures.get('instances') or []]

    # --- helpers ------------------------------------------------------------------------------------

    def own_image(self, region, image_id):
        """A custom image of this account in the region, as listed now, or InvalidImageId.NotFound."""
        if not image_id:
            raise missing('ImageId')
        image = self.images.get(image_id)
        if image is None or image.region != region or self.alias_of(image) != 'self' \
                or image.status(self.clock.now()) is None:
            raise ApiFailure('InvalidImageId.NotFound', 'The specified ImageId does not exist.', 404)
        return image

    def image_in_use(self, image):
        return any(i.get('image_id') == image.image_id for i in self.instances)

    def copy_start(self, region, now):
        """When a copy made now to `region` starts: at once while the region runs fewer than its concurrency of
        copies, else when enough of those ahead of it have ended."""
        ends = sorted(i.copy.ends for i in self.images.values()
                      if i.region == region and i.copy is not None and i.copy.polls is None and i.copy.ends > now
                      and i.status(now) is not None)
        ahead = len(ends) - self.copy_concurrency
        return now if ahead < 0 else max(now, ends[ahead])

    # --- CopyImage / CancelCopyImage ----------------------------------------------------------------

    def copy_image(self, params):
        region = self.region(params)
        replay = None if dry_run(params) else self.replay(params)
        if replay is not None:
            return replay
        destination = params.get('DestinationRegionId')
        if not destination:
            raise missing('DestinationRegionId')
        if destination not in self.regions:
            raise ApiFailure('DestinationRegion.NotFound', 'The specified DestinationRegionId does not exist.')
        if destination == region:
            raise ApiFailure('IncorrectDestinationRegion', 'The destination region is not equal the target region.',
                             403)
        source = self.own_image(region, params.get('ImageId'))
        now = self.clock.now()
        if source.status(now) != 'Available':
            raise ApiFailure('IncorrectImageStatus', 'The image not available.')
        name = params.get('DestinationImageName') or ''
        if name and not valid_name(name):
            raise ApiFailure('InvalidImageName.Malformed', 'The specified Image name is wrongly formed.')
        description = params.get('DestinationDescription') or ''
        if description and (not 2 <= len(description) <= 256 or re.match(r'^https?://', description)):
            raise ApiFailure('InvalidDescription.Malformed', 'The specified Image description is wrongly formed.')
        encrypted = str(params.get('Encrypted', '')).lower() == 'true'
        key_id = params.get('KMSKeyId') or ''
        if key_id and not encrypted:
            raise ApiFailure('InvalidParameter.EncryptedIllegal', 'Encrypted must be true when KMSKeyId is set.')
        if key_id:
            key = self.kms_keys.get(key_id)
            if key is None or key.get('region', destination) != destination:
                raise ApiFailure('InvalidParameter.KMSKeyId.NotFound', 'The specified KMSKeyId is not found.', 404)
            if not key.get('enabled', True):
                raise ApiFailure('InvalidParameter.KMSKeyId.CMKNotEnabled', 'The CMK needs to be enabled.')
        if source.encrypted and not encrypted:
            raise ApiFailure('OperationDeined.EncryptedSnapshot', 'The encrypted snapshot cannot be copied to an '
                                                                  'unencrypted one.', 403)
        tags = tag_pairs(params)
        if name and any(i.name == name and i.region == destination and self.alias_of(i) == 'self'
                        for i in self.listed_images(now)):
            raise ApiFailure('InvalidImageName.Duplicated', 'The destination image is exist.')
        if any(i.copy is not None and i.copy.source_id == source.image_id and i.status(now) in ('Waiting', 'Creating')
               and (self.copy_conflict == 'any_region' or i.region == destination) for i in self.images.values()):
            raise ApiFailure('OperationDenied.ImageCopyConflict', 'The same image cannot be copied concurrently. '
                                                                  'Please wait until the last copy is completed.', 403)
        if dry_run(params):
            raise dry_run_passed()
        image_id = self.new_id('m-')
        outcome = 'CreateFailed' if destination in self.failing_copy_regions else 'Available'
        copy = CopyJob(source.image_id, self.copy_start(destination, now), self.copy_seconds_per_gib * source.size,
                       outcome, Polls.from_spec(self.copy_polls))
        image = Image(image_id, name or image_id, destination, now, owner_id=self.caller, size=source.size,
                      architecture=source.architecture, os_type=source.os_type, platform=source.platform,
                      description=description or source.description, disks=source.disks)
        image.copy = copy
        image.is_copied = True
        image.encrypted = encrypted
        image.kms_key_id = key_id
        image.tags = dict(tags)
        image.boot_mode = source.boot_mode  # Features are not carried: the copy has the defaults
        image.snapshot_ids = self.new_snapshots(destination, source.size, len(source.snapshot_ids) or 1)
        self.images[image_id] = image
        return self.remember(params, {'ImageId': image_id})

    def cancel_copy_image(self, params):
        region = self.region(params)
        image = self.own_image(region, params.get('ImageId'))
        now = self.clock.now()
        if image.copy is None:
            raise ApiFailure('ImageCreatedNotFromCopy', 'The specified image is not created from copy.', 403)
        if image.status(now) not in ('Waiting', 'Creating'):
            raise ApiFailure('IncorrectImageStatus', 'The image is copied finished.')
        del self.images[image.image_id]
        return {}

    # --- ModifyImageAttribute -----------------------------------------------------------------------

    def modify_image_attribute(self, params):
        region = self.region(params)
        image = self.own_image(region, params.get('ImageId'))
        now = self.clock.now()
        if image.status(now) in ('Waiting', 'Creating'):
            raise ApiFailure('InvalidStatus.ImageIsCreating', 'The specified image is creating, which does not support '
                                                              'this operation.', 403)
        name = params.get('ImageName')
        if name:
            if not valid_name(name):
                raise ApiFailure('InvalidImageName.Malformed', 'The specified Image name is wrongly formed.')
            if any(i.name == name and i.region == region and i is not image and self.alias_of(i) == 'self'
                   for i in self.listed_images(now)):
                raise ApiFailure('InvalidImageName.Duplicated', 'The Image name has already bean used.')
        description = params.get('Description')
        if description and (not 2 <= len(description) <= 256 or re.match(r'^https?://', description)):
            raise ApiFailure('InvalidDescription.Malformed', 'The specified Image description is wrongly formed.')
        family = params.get('ImageFamily')
        if family:
            if not valid_name(family):  # the family's rules are the name's
                raise ApiFailure('InvalidImageFamily.Malformed', 'The specified ImageFamily is wrongly formed.')
            members = [i for i in self.listed_images(now) if i.region == region and i.family == family]
            if image not in members and len(members) >= MAX_FAMILY_IMAGES:
                raise ApiFailure('ImageQuotaFull.ImageFamily', 'The images of the image family exceed the quota.', 403)
        self.check_choice(params, 'BootMode', BOOT_MODES + ('UEFI-Preferred',), 'InvalidParameter',
                          'The specified parameter "BootMode" is not valid.')
        self.check_choice(params, 'Features.NvmeSupport', NVME_SUPPORT, 'InvalidParameter',
                          'The specified parameter "Features.NvmeSupport" is not valid.')
        self.check_choice(params, 'Features.ImdsSupport', IMDS_SUPPORT, 'InvalidParameter',
                          'The specified parameter "Features.ImdsSupport" is not valid.')
        status = params.get('Status')
        if status and status not in ('Deprecated', 'Available'):
            raise ApiFailure('InvalidParameter', 'The specified parameter "Status" is not valid.')
        if status == 'Deprecated' and image.shares:
            raise ApiFailure('ImageUseShared', 'The image has been shared, please remove shared accounts first.', 403)
        if status == 'Available' and image.status(now) not in ('Deprecated', 'Available'):
            raise ApiFailure('ImageStatus.NotDeprecated', 'The image is not deprecated.', 403)
        if name:
            image.name = name
        if description:
            image.description = description
        if family:  # a family is changed, never removed
            image.family = family
        if status:
            image.fixed_status = status
        image.boot_mode = params.get('BootMode') or image.boot_mode
        image.nvme_support = params.get('Features.NvmeSupport') or image.nvme_support
        image.imds_support = params.get('Features.ImdsSupport') or image.imds_support
        return {}

    # --- sharing --------------------------------------------------------------------------------------

    def modify_image_share_permission(self, params):
        region = self.region(params)
        image = self.own_image(region, params.get('ImageId'))
        added = numbered(params, 'AddAccount')[:ACCOUNTS_PER_CALL]
        removed = numbered(params, 'RemoveAccount')[:ACCOUNTS_PER_CALL]
        now = self.clock.now()
        for account in added + removed:
            if not re.match(r'^\d{1,20}$', account):
                raise ApiFailure('InvalidAccount.NotFound', 'The specified account does not exist.', 404)
        if image.owner_id in added:
            raise ApiFailure('InvalidAccount.Forbbiden', 'The image cannot be shared with its owner.', 403)
        if added and image.status(now) != 'Available':
            raise ApiFailure('OperationDenied.InvalidImageStatus', 'The image cannot be shared when it is deprecated '
                                                                   'or not available.', 403)
        after = [a for a in image.shares if a not in removed] + [a for a in added if a not in image.shares]
        if len(set(after)) > MAX_SHARE_ACCOUNTS:
            raise ApiFailure('QuotaExceed.ShareImageUser', 'The number of accounts the image is shared with exceeds '
                                                           'the quota.', 403)
        if dry_run(params):
            raise dry_run_passed()
        for account in removed:
            image.shares.pop(account, None)
        for account in added:
            image.shares.setdefault(account, self.api_time(now).replace('Z', ':00Z'))
        return {}

    def describe_image_share_permission(self, params):
        region = self.region(params)
        image = self.own_image(region, params.get('ImageId'))
        page_number = self.integer(params, 'PageNumber', 1, 1, None)
        page_size = self.integer(params, 'PageSize', 10, 1, 100)
        accounts = sorted(image.shares.items(), key=lambda item: (item[1], item[0]))
        page = accounts[(page_number - 1) * page_size:page_number * page_size]
        return {'RegionId': region, 'ImageId': image.image_id, 'TotalCount': len(accounts),
                'PageNumber': page_number, 'PageSize': page_size, 'ShareGroups': {'ShareGroup': []},
                'Accounts': {'Account': [{'AliyunId': a, 'SharedTime': t} for a, t in page]}}

    # --- DeleteImage ----------------------------------------------------------------------------------

    def delete_image(self, params):
        region = self.region(params)
        image_id = params.get('ImageId')
        if not image_id:
            raise missing('ImageId')
        image = self.images.get(image_id)
        now = self.clock.now()
        if image is None or image.region != region or image.status(now) is None or image.deletion is not None:
            if dry_run(params):
                raise dry_run_passed()
            return {}  # "If the specified custom image does not exist, the request is ignored."
        if self.alias_of(image) != 'self':
            raise ApiFailure('InvalidImageId.NotFound', 'The specified ImageId does not exist.', 404)
        status = image.status(now)
        if image.copy is not None and status in ('Waiting', 'Creating'):
            raise ApiFailure('OperationDenied.ImageCopying', 'The image is copying. Please cancel task first.', 403)
        if image.task is not None and status == 'Creating':
            raise ApiFailure('ImageIsImporting', 'The image is importing. Please cancel task first.', 403)
        if any(t.action == 'ExportImage' and t.resource_id == image_id and t.status(now) in ('Waiting', 'Processing')
               for t in self.tasks.values()):
            raise ApiFailure('ImageIsExporting', 'The image is exporting. Please cancel task first.', 403)
        if image.shares:
            raise ApiFailure('ImageUseShared', 'The specified image has been shared, please use the '
                                               'DescribeImageSharePermission API to query the shared accounts.', 403)
        if self.image_in_use(image) and str(params.get('Force', '')).lower() != 'true':
            raise ApiFailure('ImageUsingByInstance', 'The specified image is being used by instances, please use the '
                                                     'DescribeInstances API to query, or use the force parameter.', 403)
        if dry_run(params):
            raise dry_run_passed()
        image.deletion = Deletion(now, self.delete_seconds, Polls.from_spec(self.delete_polls))
        return {}

    # --- tags -----------------------------------------------------------------------------------------

    def own_snapshot(self, region, snapshot_id):
        snapshot = self.snapshots.get(snapshot_id)
        if snapshot is None or snapshot.region != region:
            raise ApiFailure('InvalidResourceId.NotFound', 'The specified ResourceIds are not found in our records.',
                             404)
        return snapshot

    def tagged(self, params, required=True):
        """(region, resource type, [(resource id, resource)]) of a tag call: images or snapshots of the region."""
        region = self.region(params)
        resource_type = params.get('ResourceType', '').lower()
        if resource_type not in ('image', 'snapshot'):
            raise ApiFailure('InvalidResourceType.NotSupported', 'The specified ResourceType is not supported; this '
                                                                 'emulator tags images and snapshots only.')
        ids = numbered(params, 'ResourceId')
        if required and not ids:
            raise missing('ResourceId.1')
        if len(ids) > MAX_TAG_RESOURCES:
            raise ApiFailure('InvalidResourceId.Count', 'At most %d ResourceId.N.' % MAX_TAG_RESOURCES)
        find = self.own_image if resource_type == 'image' else self.own_snapshot
        return region, resource_type, [(resource_id, find(region, resource_id)) for resource_id in ids]

    def tag_resources(self, params):
        dummy, dummy_type, resources = self.tagged(params)
        pairs = tag_pairs(params)
        if not pairs:
            raise missing('Tag.1.Key')
        for dummy_id, resource in resources:
            if len(set(resource.tags) | set(k for k, v in pairs)) > MAX_TAGS:
                raise ApiFailure('InvalidTagCount', 'The specified tags are beyond the permitted range.')
        for dummy_id, resource in resources:
            resource.tags.update(pairs)
        return {}

    def untag_resources(self, params):
        dummy, dummy_type, resources = self.tagged(params)
        keys = numbered(params, 'TagKey')
        remove_all = str(params.get('All', '')).lower() == 'true'
        for dummy_id, resource in resources:
            for key in list(resource.tags):
                if remove_all or key in keys:
                    del resource.tags[key]
        return {}

    def list_tag_resources(self, params):
        region, resource_type, resources = self.tagged(params, required=False)
        wanted = tag_pairs(params)
        now = self.clock.now()
        if not resources and resource_type == 'image':
            resources = sorted((i.image_id, i) for i in self.listed_images(now)
                               if i.region == region and self.alias_of(i) == 'self')
        elif not resources:
            resources = sorted((s.snapshot_id, s) for s in self.snapshots.values() if s.region == region)
        rows = [{'ResourceId': resource_id, 'ResourceType': resource_type, 'TagKey': k, 'TagValue': v}
                for resource_id, resource in resources if all(resource.tags.get(wk) == wv for wk, wv in wanted)
                for k, v in sorted(resource.tags.items())]
        start = int(params.get('NextToken') or 0)
        page = rows[start:start + 50]
        token = str(start + 50) if start + 50 < len(rows) else ''
        return {'NextToken': token, 'TagResources': {'TagResource': page}}

    # --- DescribeImageFromFamily ------------------------------------------------------------------------

    def describe_image_from_family(self, params):
        region = self.region(params)
        family = params.get('ImageFamily')
        if not family:
            raise missing('ImageFamily')
        now = self.clock.now()
        # the images of the family this account owns or is shared, named as it is or as an account it is shared
        # with sees it (acs:<owner>:<family>)
        members = [i for i in self.listed_images(now) if i.region == region and i.status(now) == 'Available'
                   and self.alias_of(i) in ('self', 'others') and i.of_family(family)]
        members.sort(key=lambda i: (i.created, i.image_id), reverse=True)
        return {'Image': self.image_answer(members[0], now) if members else {}}
