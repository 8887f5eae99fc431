# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's snapshots, driven by the official ECS SDK (V3 signature): the snapshot ids of an image's disks,
DescribeSnapshots, DeleteSnapshot and snapshot tags."""

from __future__ import absolute_import, division, print_function

import json

import pytest
from alibabacloud_ecs20140526 import models as m

from ansible_collections.alicloud_ops.ecs.tests.unit.emulator.test_distribution_sdk_conformance import image_in, refused
from ansible_collections.alicloud_ops.ecs.tests.unit.emulator.test_sdk_conformance import tea_client


@pytest.fixture
def world(emulator_factory):
    """Two images on one snapshot (s-shared), an image of its own, a disk made from s-disk; a deleted image is listed
    once more, then gone."""
    return emulator_factory({'delete_polls': 1, 'images': [
        {'image_id': 'm-old', 'image_name': 'old', 'snapshot_ids': ['s-own']},
        {'image_id': 'm-a', 'image_name': 'a', 'snapshot_ids': ['s-shared']},
        {'image_id': 'm-b', 'image_name': 'b', 'snapshot_ids': ['s-shared']},
        {'image_id': 'm-c', 'image_name': 'c', 'snapshot_ids': ['s-disk']},
    ], 'disks': [{'disk_id': 'd-1', 'snapshot_id': 's-disk'}]})


def snapshots(client, **filters):
    answer = client.describe_snapshots(m.DescribeSnapshotsRequest(region_id='cn-hangzhou', max_results=100,
                                                                  **filters)).body
    return dict((s.snapshot_id, s) for s in answer.snapshots.snapshot or [])


def test_an_image_lists_its_snapshot_and_the_images_of_a_snapshot_are_found(world):
    client = tea_client(world)
    old = image_in(client, 'cn-hangzhou', 'm-old')
    assert [d.snapshot_id for d in old.disk_device_mappings.disk_device_mapping] == ['s-own']
    users = client.describe_images(m.DescribeImagesRequest(region_id='cn-hangzhou', snapshot_id='s-shared')).body
    assert sorted(i.image_id for i in users.images.image) == ['m-a', 'm-b']
    found = snapshots(client, snapshot_ids=json.dumps(['s-own', 's-shared', 's-disk', 's-none']))
    assert dict((k, s.usage) for k, s in found.items()) == {'s-own': 'image', 's-shared': 'image', 's-disk': 'image_disk'}
    assert list(snapshots(client, usage='image_disk')) == ['s-disk']


def test_a_snapshot_goes_only_once_no_image_lists_it_and_a_disk_only_with_force(world):
    client = tea_client(world)
    assert refused(client.delete_snapshot, m.DeleteSnapshotRequest(snapshot_id='s-own')) == 'SnapshotCreatedImage'
    client.delete_image(m.DeleteImageRequest(region_id='cn-hangzhou', image_id='m-old'))
    assert refused(client.delete_snapshot, m.DeleteSnapshotRequest(snapshot_id='s-own')) == 'SnapshotCreatedImage'
    assert image_in(client, 'cn-hangzhou', 'm-old') is not None  # being deleted, it still holds the snapshot
    assert image_in(client, 'cn-hangzhou', 'm-old') is None
    assert snapshots(client)['s-own'].usage == 'none'
    client.delete_snapshot(m.DeleteSnapshotRequest(snapshot_id='s-own'))
    assert 's-own' not in snapshots(client)
    assert client.delete_snapshot(m.DeleteSnapshotRequest(snapshot_id='s-own')).body.request_id  # gone: ignored
    client.delete_image(m.DeleteImageRequest(region_id='cn-hangzhou', image_id='m-c'))
    image_in(client, 'cn-hangzhou', 'm-c')
    assert snapshots(client)['s-disk'].usage == 'disk'
    assert refused(client.delete_snapshot, m.DeleteSnapshotRequest(snapshot_id='s-disk')) == 'SnapshotCreatedDisk'
    client.delete_snapshot(m.DeleteSnapshotRequest(snapshot_id='s-disk', force=True))
    assert 's-disk' not in snapshots(client)


def test_snapshots_are_tagged_and_found_by_tag_in_pages(world):
    client = tea_client(world)
    client.tag_resources(m.TagResourcesRequest(region_id='cn-hangzhou', resource_type='snapshot',
                                               resource_id=['s-own', 's-shared'],
                                               tag=[m.TagResourcesRequestTag(key='retired-from', value='m-old')]))
    tag = [m.DescribeSnapshotsRequestTag(key='retired-from', value='m-old')]
    first = client.describe_snapshots(m.DescribeSnapshotsRequest(region_id='cn-hangzhou', max_results=1, tag=tag)).body
    assert first.total_count == 2 and len(first.snapshots.snapshot) == 1 and first.next_token
    second = client.describe_snapshots(m.DescribeSnapshotsRequest(
        region_id='cn-hangzhou', max_results=1, next_token=first.next_token, tag=tag)).body
    assert {first.snapshots.snapshot[0].snapshot_id, second.snapshots.snapshot[0].snapshot_id} == {'s-own', 's-shared'}
    assert not second.next_token
    assert [(t.tag_key, t.tag_value) for t in second.snapshots.snapshot[0].tags.tag] == [('retired-from', 'm-old')]
