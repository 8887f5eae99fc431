# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of ecs_image_copy: one image copied to other regions, idempotent by name in each, every copy followed
in one wait, the copies the API refuses for now started as the others finish (or by the next run, without wait).

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService, find_image
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import (
    REGION_ID, check_description, check_image_name, check_one_image, tag_parameters, tag_values)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.release import release_tag
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import COPYING_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._fan_out import DEFAULT_MAX_CONCURRENCY, fan_out
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import image_wait_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.waits import check_wait_options, waiter_for
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import progress_item
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import WaitTimeout

DESTINATION_KEYS = ('region', 'name', 'description', 'kms_key_id')
# A copy the API refuses for now (ImageCopyConflict: a copy of the image to that region runs, or in the strict reading
# any copy of it; ImageCopying: the image is being copied) is started later, inside the same wait, once the copies
# ahead of it have finished.
LATER_CODES = ('OperationDenied.ImageCopyConflict', 'OperationDenied.ImageCopying')


def image_copy_argument_spec():
    spec = dict(
        image_id=dict(type='str'),
        image_name=dict(type='str'),
        destination_regions=dict(type='list', elements='raw', required=True),
        name=dict(type='str'),
        description=dict(type='str'),
        encrypted=dict(type='bool', default=False),
        kms_key_id=dict(type='str', no_log=False),
        tags=dict(type='dict'),
        image_family=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        max_concurrency=dict(type='int', default=DEFAULT_MAX_CONCURRENCY),
    )
    spec.update(image_wait_argument_spec())
    return spec


class Destination:
    """One destination region: what its copy is to be, and what is known of it."""

    def __init__(self, region, name=None, description=None, kms_key_id=None):
        self.region = region
        self.name = name
        self.description = description
        self.kms_key_id = kms_key_id
        self.service = None  # ImageService of the region
        self.image = None  # the copy, as DescribeImages last showed it (or as just started)
        self.adopted = False
        self.copied = False
        self.queued = False  # refused for now by the API; started later
        self.cancelled = False
        self.request_ids = []  # of the CopyImage calls, made in the source region

    @property
    def status(self):
        return (self.image or {}).get('status')

    def record(self):
        image = self.image or {}
        return dict(region=self.region, image_id=image.get('image_id'), image_name=self.name, status=self.status,
                    progress=image.get('progress'), adopted=self.adopted, copied=self.copied, queued=self.queued,
                    cancelled=self.cancelled, image_family=image.get('image_family'), tags=image.get('tags'),
                    request_ids=self.request_ids + list(self.service.client.request_ids if self.service else []))

    def progress_item(self):
        if self.queued:
            return progress_item(self.region, 'queued')
        image = self.image or {}
        return progress_item('%s %s' % (self.region, image.get('image_id')), self.status, image.get('progress'),
                             self.status == 'Available')

    def describe(self):
        if self.queued:
            return '%s queued' % self.region
        image = self.image or {}
        progress = ' %s%%' % image['progress'] if image.get('progress') is not None and self.status != 'Available' else ''
        return '%s %s %s%s' % (self.region, image.get('image_id') or '(dry run)', self.status or 'not read', progress)


def check_copy_options(options, source_region):
    """The destinations the options describe, every option checked before any API call."""
    check_one_image(options, ' (the source image in region)')
    if options.get('image_name'):
        check_image_name(options['image_name'], 'image_name')
    entries = options.get('destination_regions') or []
    if not entries:
        raise OptionError('destination_regions', 'expected at least one region id, such as cn-shanghai')
    destinations = []
    for number, entry in enumerate(entries):
        option = 'destination_regions[%d]' % number
        if isinstance(entry, dict):
            unknown = sorted(set(entry) - set(DESTINATION_KEYS))
            if unknown or not entry.get('region'):
                raise OptionError(option, 'expected a region id or a dictionary with region and optionally name, '
                                          'description and kms_key_id, got %r' % (entry,))
            destination = Destination(entry['region'], entry.get('name'), entry.get('description'),
                                      entry.get('kms_key_id'))
        elif isinstance(entry, str):
            destination = Destination(entry.strip())
        else:
            raise OptionError(option, 'expected a region id or a dictionary with region, got %r' % (entry,))
        if not REGION_ID.match(destination.region):
            raise OptionError(option, 'expected a region id such as cn-shanghai, got %r' % destination.region)
        if destination.region == source_region:
            raise OptionError(option, '%s is the source region (region); the API copies to other regions only'
                              % source_region)
        if destination.region in [d.region for d in destinations]:
            raise OptionError(option, '%s is listed twice' % destination.region)
        destination.name = check_image_name(destination.name, option + '.name') if destination.name else None
        destination.description = check_description(destination.description, option + '.description')
        if destination.kms_key_id and not options.get('encrypted'):
            raise OptionError(option + '.kms_key_id', 'a KMS key encrypts the copy: set encrypted: true too')
        destinations.append(destination)
    if options.get('name'):
        check_image_name(options['name'])
    check_description(options.get('description'), 'description')
    if options.get('kms_key_id') and not options.get('encrypted'):
        raise OptionError('kms_key_id', 'a KMS key encrypts the copies: set encrypted: true too')
    tag_parameters(options.get('tags'))
    if options.get('image_family') is not None:
        check_image_name(options['image_family'], 'image_family')
    if options.get('max_concurrency') is not None and options['max_concurrency'] < 1:
        raise OptionError('max_concurrency', 'expected 1 or more regions at once, got %d' % options['max_concurrency'])
    check_wait_options(options)
    return destinations


def copy_tags(source, options):
    """The tags of a copy: those of the options, and the source's release time (alicloud_ops.ecs.ecs_image_release
    reads it: a copy's own creation time is only when it was copied)."""
    return dict(tag_values(options.get('tags')), **release_tag(source))


def copy_parameters(source_region, source, destination, options):
    """CopyImage's request parameters, sent in the source's region."""
    params = {'RegionId': source_region, 'ImageId': source['image_id'], 'DestinationRegionId': destination.region,
              'DestinationImageName': destination.name}
    if destination.description:
        params['DestinationDescription'] = destination.description
    if options.get('encrypted'):
        params['Encrypted'] = 'true'
    kms_key_id = destination.kms_key_id or options.get('kms_key_id')
    if kms_key_id:
        params['KMSKeyId'] = kms_key_id
    params.update(tag_parameters(copy_tags(source, options)))
    return params


class Copier:
    """The copies of one source image to its destinations: started, followed and finished (family and tags)."""

    def __init__(self, source_images, source, destinations, options, check_mode):
        self.source_images = source_images
        self.source = source
        self.destinations = destinations
        self.options = options
        self.check_mode = check_mode
        self.changed = False

    def records(self):
        return [d.record() for d in self.destinations]

    def report(self):
        """The result keys of the copies, on success and failure alike."""
        return dict(copies=self.records(), image_ids=dict((d.region, (d.image or {}).get('image_id'))
                                                          for d in self.destinations))

    def start(self, destination):
        """CopyImage (a dry run in check mode) for one destination; False when the API refuses it for now."""
        client = self.source_images.client
        if self.source['status'] != 'Available':
            raise WorkFailed('image %s in %s is %s: only Available images can be copied; wait for it first'
                             % (self.source['image_id'], client.region, self.source['status']), **self.report())
        known = len(client.request_ids)
        try:
            image_id = self.source_images.copy_image(
                copy_parameters(client.region, self.source, destination, self.options), dry_run=self.check_mode)
        except ApiError as error:
            destination.request_ids.extend(client.request_ids[known:])
            if error.code in LATER_CODES:
                destination.queued = self.changed = True
                return False
            if error.code != 'InvalidImageName.Duplicated':
                raise
            destination.image = destination.service.find_by_name(destination.name)  # made meanwhile by another run
            if destination.image is None:
                raise
            destination.adopted, destination.queued = True, False
            return True
        destination.request_ids.extend(client.request_ids[known:])
        destination.queued, destination.copied, self.changed = False, True, True
        if image_id:
            destination.image = dict(image_id=image_id, image_name=destination.name, status='Waiting', progress=0,
                                     image_family=None, tags=copy_tags(self.source, self.options))
        return True

    def start_waiting_ones(self, first=False):
        """Start the copies not started yet, in order, until the API refuses one for now (it would refuse the next
        ones too). Within a wait, only once none of ours is being copied, which the API would refuse."""
        if not first and any(d.status in COPYING_STATUSES for d in self.destinations):
            return
        for destination in self.destinations:
            if destination.image is None and (first or destination.queued) and not self.start(destination):
                for later in self.destinations:
                    later.queued = later.queued or (later.image is None and not later.copied)
                return

    def poll(self):
        """One DescribeImages call in each region whose copy is still being made, the regions side by side."""
        copying = [d for d in self.destinations if d.image and d.image.get('image_id')
                   and d.status not in ('Available', 'CreateFailed')]
        for destination, current, error in fan_out(lambda d: d.service.get(d.image['image_id']), copying,
                                                   self.options.get('max_concurrency') or DEFAULT_MAX_CONCURRENCY):
            if error is not None:
                raise error
            if current is None:
                raise WorkFailed('the copy to %s (image %s) is gone: it was cancelled or deleted meanwhile' % (
                    destination.region, destination.image['image_id']), **self.report())
            destination.image = current

    def fail_on_failed_copies(self):
        failed = [d for d in self.destinations if d.status == 'CreateFailed']
        if failed:
            raise WorkFailed('copy failed: %s; delete the failed image (alicloud_ops.ecs.ecs_image state=absent) '
                             'and run again' % ', '.join('%s image %s is CreateFailed' % (
                                 d.region, d.image['image_id']) for d in failed), **self.report())

    def finish(self):
        """The family, and tags missing on an adopted copy, on every copy that is Available."""
        family = self.options.get('image_family')
        tags = copy_tags(self.source, self.options)
        for destination in self.destinations:
            image = destination.image
            if destination.status != 'Available':
                continue
            missing = dict((k, v) for k, v in tags.items() if (image.get('tags') or {}).get(k) != v)
            if missing:
                if not self.check_mode:
                    destination.service.tag(image['image_id'], missing)
                image['tags'] = dict(image.get('tags') or {}, **missing)
                self.changed = True
            if family and image.get('image_family') != family:
                if not self.check_mode:
                    destination.service.modify_attributes(image['image_id'], {'ImageFamily': family})
                image['image_family'] = family
                self.changed = True

    def wait(self, waiter):
        """Follow the copies in one wait until every copy is Available, starting the refused ones as the others
        finish. Fails at once on a CreateFailed copy; at the deadline with each region's last state."""
        self.source_images.tasks.deadline = waiter.deadline
        for destination in self.destinations:
            destination.service.tasks.deadline = waiter.deadline

        def check():
            self.poll()
            self.fail_on_failed_copies()
            self.finish()
            self.start_waiting_ones()
            return all(d.status == 'Available' for d in self.destinations), None

        try:
            waiter.until(check, lambda state: [d.progress_item() for d in self.destinations])
        except WaitTimeout as timeout:
            raise WorkFailed('timed out after %.0f s waiting for the copies: %s' % (
                timeout.elapsed, ', '.join(d.describe() for d in self.destinations)), polls=timeout.polls,
                **self.report())
        except WorkFailed as failed:
            failed.result['polls'] = waiter.polls
            raise


def run_image_copy(options, check_mode=False, clock=None):
    """Copy, adopt or cancel the copies that module options describe; never raises for expected failures."""
    clock = clock or time.monotonic
    present = options.get('state', 'present') == 'present'

    def work(client, result):
        destinations = check_copy_options(options, client.region)
        source_images = ImageService(client)
        source = find_image(source_images, options.get('image_id'), options.get('image_name'))
        result['source'] = source
        for destination in destinations:
            destination.name = destination.name or options.get('name') or source['image_name']
            destination.description = destination.description or options.get('description') or source['description']
            destination.service = source_images.in_region(destination.region)
            destination.image = destination.service.find_by_name(destination.name)
            destination.adopted = destination.image is not None
        copier = Copier(source_images, source, destinations, options, check_mode)
        result.update(copier.report())
        if present:
            result['polls'] = copy(copier, options, check_mode, clock)
        else:
            cancel(copier, check_mode)
        result['changed'] = copier.changed
        result.update(copier.report())

    result = dict(changed=False, source=None, copies=[], image_ids={}, polls=0, dry_run=check_mode)
    return run_work(options, result, work, clock)


def copy(copier, options, check_mode, clock):
    """Start the missing copies the API takes now, then (with wait) follow them all; returns the polls made.
    Without wait this is one round: a copy refused for now stays queued for the next run."""
    copier.fail_on_failed_copies()
    copier.start_waiting_ones(first=True)
    copier.finish()
    if check_mode or not options.get('wait'):
        return 0
    waiter = waiter_for(options, clock)
    copier.wait(waiter)
    return waiter.polls


def cancel(copier, check_mode):
    """state=absent: cancel the copies still being made; finished copies stay (deleting is ecs_image's)."""
    for destination in copier.destinations:
        if destination.status in COPYING_STATUSES:
            if not check_mode:
                destination.service.cancel_copy(destination.image['image_id'])
            destination.cancelled = copier.changed = True
