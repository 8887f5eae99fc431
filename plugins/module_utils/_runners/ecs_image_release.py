# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of ecs_image_release: an image and its copies released in every region at once, regions side by side.

Three steps, each in every region before the next starts: prepare (features, tags, shares), the family (so that it
moves in every region together, and in none when a region failed), retention.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService, find_image
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import (
    REGION_ID, check_accounts, check_image_name, tag_parameters)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.release import RegionRelease
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._fan_out import DEFAULT_MAX_CONCURRENCY, fan_out
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.waits import check_wait_options, waiter_for


def image_release_argument_spec():
    return dict(
        image_id=dict(type='str', required=True),
        copies=dict(type='dict', default={}),
        image_family=dict(type='str'),
        tags=dict(type='dict'),
        launch_permissions=dict(type='list', elements='str'),
        keep=dict(type='int', default=0),
        retire_shared=dict(type='bool', default=False),
        delete_snapshots=dict(type='bool', default=False),
        max_concurrency=dict(type='int', default=DEFAULT_MAX_CONCURRENCY),
        wait_timeout=dict(type='int', default=600),
        poll_interval=dict(type='int', default=5),
    )


def check_release_options(options, source_region, check_mode):
    """{region: image id} of the copies (those not made yet kept in check mode only, with None); every option
    checked."""
    copies = {}
    for region, image_id in sorted((options.get('copies') or {}).items()):
        if not REGION_ID.match(region) or region == source_region:
            raise OptionError('copies', 'expected region ids other than the source region %s, such as cn-shanghai, '
                                        'got %r' % (source_region, region))
        if image_id or check_mode:
            copies[region] = str(image_id) if image_id else None
    if options.get('image_family') is not None:
        check_image_name(options['image_family'], 'image_family')
    if options.get('keep') < 0:
        raise OptionError('keep', 'expected 0 (no retention) or more images, got %d' % options['keep'])
    if options.get('keep') and not options.get('image_family'):
        raise OptionError('keep', 'retention is within a family: set image_family too')
    if options.get('max_concurrency') < 1:
        raise OptionError('max_concurrency', 'expected 1 or more regions at once, got %d' % options['max_concurrency'])
    tag_parameters(options.get('tags'))
    options['launch_permissions'] = check_accounts(options.get('launch_permissions'))
    check_wait_options(options)
    return copies


def run_image_release(options, check_mode=False, clock=None):
    """Release an image and its copies as module options describe; never raises for expected failures."""

    def work(client, result):
        copies = check_release_options(options, client.region, check_mode)
        source_images = ImageService(client)
        source = find_image(source_images, options['image_id'])
        result['source'] = source
        waiter = waiter_for(options, clock)
        source_images.tasks.deadline = waiter.deadline
        releases = [RegionRelease(source_images, source['image_id'], source, options, check_mode)]
        releases += [RegionRelease(source_images.in_region(region), image_id, source, options, check_mode)
                     for region, image_id in sorted(copies.items())]

        def step(name, call):
            outcomes = fan_out(call, releases, options['max_concurrency'])
            result['changed'] = any(release.changed for release in releases)
            result['regions'] = dict((release.region, release.record()) for release in releases)
            failed = [(release, error) for release, dummy, error in outcomes if error is not None]
            if failed:
                raise WorkFailed('%s failed in %d of %d regions: %s' % (name, len(failed), len(releases), '; '.join(
                    '%s: %s' % (release.region, error) for release, error in failed)),
                    failed_regions=sorted(release.region for release, dummy in failed))

        step('preparing the release (features, tags, shares); no family moved', RegionRelease.prepare)
        step('moving the family', RegionRelease.join_family)
        step('retention', lambda release: release.retire(waiter_for(options, clock)))

    result = dict(changed=False, source=None, regions={}, failed_regions=[])
    return run_work(options, result, work, clock)
