# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""ecs_image_release against the emulator: features, tags, shares, a family that moves everywhere at once, and
retention relative to the release with snapshots freed."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_release import run_image_release

DAY = 86400
WRITES = ('ModifyImageAttribute', 'TagResources', 'ModifyImageSharePermission', 'DeleteImage', 'DeleteSnapshot')
RELEASE_TAG = 'alicloud_ops.ecs:release-time'


def release_options(emulator, **overrides):
    options = emulator.options(image_id='m-new', copies={'cn-shanghai': 'm-new-sh'}, image_family='web',
                               tags=None, launch_permissions=None, keep=2, retire_shared=False,
                               delete_snapshots=True, max_concurrency=10, wait_timeout=30, poll_interval=0)
    options.update(overrides)
    return options


def family(name, age_days, region='cn-hangzhou', **spec):
    return dict(dict(image_id=name, image_name=name, region=region, image_family='web', age_seconds=age_days * DAY),
                **spec)


@pytest.fixture
def world(emulator_factory):
    """A release m-new (NVMe, UEFI) and its copy in cn-shanghai (made today, without the features); in each region
    three older images of the family; a deleted image is listed once more, then gone."""
    return emulator_factory({'delete_polls': 1, 'images': [
        dict(image_id='m-new', image_name='new', age_seconds=3600, nvme_support='supported', boot_mode='UEFI'),
        dict(image_id='m-new-sh', image_name='new', region='cn-shanghai', boot_mode='UEFI'),
        family('m-a', 10), family('m-b', 20), family('m-c', 30, snapshot_ids=['s-c']),
        family('m-a-sh', 10, 'cn-shanghai'), family('m-b-sh', 20, 'cn-shanghai'),
        family('m-c-sh', 30, 'cn-shanghai', snapshot_ids=['s-c-sh']),
    ]})


def listed(emulator):
    return dict((i['ImageId'], i) for i in emulator.control('GET', 'images')['images'] if not i['Deleting'])


def snapshot_ids(emulator):
    return set(s['SnapshotId'] for s in emulator.control('GET', 'snapshots')['snapshots'])


def log(emulator):
    return emulator.requests()['requests']


def test_a_release_sets_features_then_the_family_everywhere_then_retires_and_frees_snapshots(world):
    outcome = run_image_release(release_options(world))
    assert not outcome.failed, outcome.message
    here, there = outcome.result['regions']['cn-hangzhou'], outcome.result['regions']['cn-shanghai']
    assert there['features_set'] == {'nvme_support': 'supported'} and here['features_set'] == {}
    assert there['tags_set'] == {RELEASE_TAG: outcome.result['source']['creation_time']}
    assert (here['kept'], here['retired']) == (['m-a'], ['m-b', 'm-c'])
    assert (there['kept'], there['retired']) == (['m-a-sh'], ['m-b-sh', 'm-c-sh'])
    assert 's-c' in here['snapshots_deleted'] and 's-c-sh' in there['snapshots_deleted']
    images = listed(world)
    assert images['m-new-sh']['Features']['NvmeSupport'] == 'supported'
    assert images['m-new']['ImageFamily'] == images['m-new-sh']['ImageFamily'] == 'web'
    assert not set(images) & {'m-b', 'm-c', 'm-b-sh', 'm-c-sh'}
    assert not snapshot_ids(world) & {'s-c', 's-c-sh'}
    requests = log(world)
    families = [n for n, r in enumerate(requests) if r['action'] == 'ModifyImageAttribute'
                and r['params'].get('ImageFamily')]
    features = [n for n, r in enumerate(requests) if r['action'] == 'ModifyImageAttribute'
                and r['params'].get('Features.NvmeSupport')]
    deletes = [n for n, r in enumerate(requests) if r['action'] == 'DeleteImage']
    assert len(families) == 2 and max(features) < min(families) and max(families) < min(deletes)
    for region, result in outcome.result['regions'].items():
        deleted_here = [n for n, r in enumerate(requests) if r['action'] == 'DeleteImage'
                        and r['params']['RegionId'] == region]
        freed_here = [n for n, r in enumerate(requests) if r['action'] == 'DeleteSnapshot'
                      and r['params']['SnapshotId'] in result['snapshots_deleted']]
        assert len(deleted_here) == 2 and len(freed_here) == 2 and max(deleted_here) < min(freed_here)
    retired = {'m-b', 'm-c', 'm-b-sh', 'm-c-sh'}
    assert not [r for r in requests if r['action'] == 'DescribeImages' and r['params'].get('ImageId') in retired]


def test_an_unchanged_rerun_makes_no_write_call(world):
    assert not run_image_release(release_options(world)).failed
    world.control('DELETE', 'requests')
    outcome = run_image_release(release_options(world))
    assert not outcome.failed and outcome.result['changed'] is False, outcome.message
    assert not [r for r in log(world) if r['action'] in WRITES]


def test_a_rollback_retires_nothing_newer_than_the_release(world):
    """m-b (20 days old) distributed again with keep 1: m-a (10 days) is newer and stays, m-c (30 days) goes."""
    outcome = run_image_release(release_options(world, image_id='m-b', copies={}, keep=1))
    assert not outcome.failed, outcome.message
    here = outcome.result['regions']['cn-hangzhou']
    assert sorted(here['newer']) == ['m-a'] and here['retired'] == ['m-c'] and here['kept'] == []
    assert set(listed(world)) >= {'m-a', 'm-b'} and 'm-c' not in listed(world)


def test_a_copys_release_time_is_its_tag_not_when_it_was_copied(world):
    """A copy made today of an image released 15 days ago is older than m-a (10 days)."""
    world.control('POST', 'images', {'images': [dict(image_id='m-old-copy', image_name='oc', region='cn-shanghai',
                                                     image_family='web',
                                                     tags={RELEASE_TAG: '2000-01-01T00:00:00Z'})]})
    outcome = run_image_release(release_options(world, keep=3))
    there = outcome.result['regions']['cn-shanghai']
    assert there['kept'] == ['m-a-sh', 'm-b-sh'] and there['retired'] == ['m-c-sh', 'm-old-copy']


def test_shared_and_used_images_are_kept_back_with_the_reason(world):
    world.control('POST', 'images', {'images': [family('m-shared', 40, shared_with=['1111']),
                                                family('m-used', 50)]})
    world.control('POST', 'instances', {'instances': [{'instance_id': 'i-1', 'image_id': 'm-used'}]})
    outcome = run_image_release(release_options(world, copies={}))
    here = outcome.result['regions']['cn-hangzhou']
    reasons = dict((k['image_id'], k['reason']) for k in here['kept_back'])
    assert reasons == {'m-shared': 'shared', 'm-used': 'used by instances'}
    assert set(listed(world)) >= {'m-shared', 'm-used'}
    outcome = run_image_release(release_options(world, copies={}, retire_shared=True))
    assert 'm-shared' in outcome.result['regions']['cn-hangzhou']['retired']
    assert 'm-shared' not in listed(world)


def test_a_snapshot_another_image_or_a_disk_uses_is_kept_and_reported(emulator_factory):
    world = emulator_factory({'delete_polls': 1, 'images': [
        dict(image_id='m-new', image_name='new', image_family='web'),
        family('m-old', 10, snapshot_ids=['s-both']), family('m-disk', 20, snapshot_ids=['s-disk']),
        dict(image_id='m-other', image_name='other', snapshot_ids=['s-both'])],
        'disks': [{'disk_id': 'd-1', 'snapshot_id': 's-disk'}]})
    outcome = run_image_release(release_options(world, copies={}, keep=1))
    here = outcome.result['regions']['cn-hangzhou']
    assert here['retired'] == ['m-old', 'm-disk'] and here['snapshots_deleted'] == []
    assert sorted((k['snapshot_id'], k['reason']) for k in here['snapshots_kept']) == [
        ('s-both', 'used by another image'), ('s-disk', 'used by a disk')]
    assert snapshot_ids(world) >= {'s-both', 's-disk'}


def test_a_run_killed_after_delete_image_leaves_its_snapshots_to_the_next_run(world):
    world.fault(kind='error', code='InternalError', action='DescribeImages', count=100,
                match={'ImageId': 'm-b,m-c'})
    first = run_image_release(release_options(world, copies={}, wait_timeout=0))
    assert first.failed and 'DeleteImage' in [r['action'] for r in log(world)]
    world.control('DELETE', 'faults')
    assert 's-c' in snapshot_ids(world)
    second = run_image_release(release_options(world, copies={}))
    assert not second.failed, second.message
    assert 's-c' in second.result['regions']['cn-hangzhou']['snapshots_deleted']
    assert 's-c' not in snapshot_ids(world)


def test_the_family_moves_in_no_region_when_one_fails_to_prepare(world):
    world.fault(kind='error', status=403, code='Forbidden.RAM', action='TagResources', count=1)
    outcome = run_image_release(release_options(world))
    assert outcome.failed and outcome.result['failed_regions'] == ['cn-shanghai']
    assert 'cn-shanghai: ' in outcome.message and 'Forbidden.RAM' in outcome.message
    assert not [r for r in log(world) if r['action'] == 'ModifyImageAttribute' and r['params'].get('ImageFamily')]
    assert outcome.result['regions']['cn-hangzhou']['image_id'] == 'm-new'


def test_check_mode_reads_and_reports_but_writes_nothing(world):
    outcome = run_image_release(release_options(world), check_mode=True)
    assert not outcome.failed and outcome.result['changed'] is True
    assert outcome.result['regions']['cn-shanghai']['retired'] == ['m-b-sh', 'm-c-sh']
    assert not [r for r in log(world) if r['action'] in WRITES]


@pytest.mark.parametrize('overrides, option', [
    (dict(keep=-1), 'keep'),
    (dict(image_family=None), 'keep'),
    (dict(copies={'cn-hangzhou': 'm-x'}), 'copies'),
    (dict(max_concurrency=0), 'max_concurrency'),
    (dict(launch_permissions=['abc']), 'launch_permissions'),
])
def test_bad_options_fail_before_any_call_naming_the_option(world, overrides, option):
    outcome = run_image_release(release_options(world, **overrides))
    assert outcome.failed and outcome.message.startswith(option + ': ')
    assert world.requests()['count'] == 0


def test_check_mode_reports_a_region_whose_copy_is_not_made_yet(world):
    outcome = run_image_release(release_options(world, copies={'cn-shanghai': None}, launch_permissions=['2001']),
                                check_mode=True)
    assert not outcome.failed, outcome.message
    there = outcome.result['regions']['cn-shanghai']
    assert there['image_id'] is None and there['joined_family'] is True and there['shared_with'] == ['2001']
    assert there['kept'] == ['m-a-sh'] and there['retired'] == ['m-b-sh', 'm-c-sh']
    outcome = run_image_release(release_options(world, copies={'cn-shanghai': None}))
    assert list(outcome.result['regions']) == ['cn-hangzhou']


def test_an_image_of_another_family_is_never_retired_even_when_the_api_ignores_the_filter(world, monkeypatch):
    from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService
    world.control('POST', 'images', {'images': [dict(image_id='m-elsewhere', image_name='elsewhere', age_seconds=90 * DAY,
                                                     image_family='other')]})
    describe = ImageService.describe
    monkeypatch.setattr(ImageService, 'describe', lambda self, **filters: describe(
        self, **dict((k, v) for k, v in filters.items() if k != 'ImageFamily')))  # the filter ignored
    outcome = run_image_release(release_options(world, copies={}, keep=1))
    assert not outcome.failed, outcome.message
    assert 'm-elsewhere' not in outcome.result['regions']['cn-hangzhou']['retired']
    assert 'm-elsewhere' in listed(world)
