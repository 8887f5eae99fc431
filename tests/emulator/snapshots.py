# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's snapshots: the ones behind each image's disks, DescribeSnapshots and DeleteSnapshot, as the API
reference describes them (see shared/notes/image-distribution-facts.md, section 5.3, in the project's steering
notes). DeleteImage leaves an image's snapshots; a snapshot is refused deletion while an image still lists it."""

from __future__ import absolute_import, division, print_function

import json

from .auth import ApiFailure, missing
from .images import dry_run, dry_run_passed, tag_pairs

MAX_SNAPSHOT_IDS = 100


class Snapshot:
    def __init__(self, snapshot_id, region, size, created):
        self.snapshot_id = snapshot_id
        self.region = region
        self.size = size
        self.created = created
        self.tags = {}


class SnapshotActions:
    """Snapshots of the World (model.World mixes this in with ImageActions and DistributionActions)."""

    def init_snapshots(self, fixtures):
        self.snapshots = {}
        # disks made from a snapshot: [{"disk_id": "d-1", "snapshot_id": "s-1"}]
        self.disks = [dict(disk) for disk in fixtures.get('disks') or []]

    def new_snapshots(self, region, size, count, given=()):
        """The snapshot ids of a new image's `count` disks: those `given` (made when unknown), then new ones."""
        ids = list(given or ())[:count]
        for snapshot_id in ids:
            if snapshot_id not in self.snapshots:
                self.snapshots[snapshot_id] = Snapshot(snapshot_id, region, size, self.clock.now())
        while len(ids) < count:
            snapshot = Snapshot(self.new_id('s-'), region, size, self.clock.now())
            self.snapshots[snapshot.snapshot_id] = snapshot
            ids.append(snapshot.snapshot_id)
        return ids

    def snapshot_usage(self, snapshot, now):
        """image, disk, image_disk or none: what still uses the snapshot (an image being deleted still does)."""
        by_image = any(snapshot.snapshot_id in i.snapshot_ids for i in self.images.values() if i.exists(now))
        by_disk = any(d.get('snapshot_id') == snapshot.snapshot_id for d in self.disks)
        usages = {(True, True): 'image_disk', (True, False): 'image', (False, True): 'disk'}
        return usages.get((by_image, by_disk), 'none')

    def describe_snapshots(self, params):
        region = self.region(params)
        ids = None
        if params.get('SnapshotIds'):
            try:
                ids = json.loads(params['SnapshotIds'])
            except ValueError:
                ids = None
            if not isinstance(ids, list) or len(ids) > MAX_SNAPSHOT_IDS:
                raise ApiFailure('InvalidParameter', 'The specified parameter "SnapshotIds" is not valid: a JSON '
                                                     'array of up to %d ids.' % MAX_SNAPSHOT_IDS)
        usage = params.get('Usage')
        if usage and usage not in ('image', 'disk', 'image_disk', 'none'):
            raise ApiFailure('InvalidUsage.Malformed', 'The specified Usage is wrongly formed.')
        max_results = self.integer(params, 'MaxResults', 10, 1, 100)
        tags = tag_pairs(params)
        if dry_run(params):
            raise dry_run_passed()
        now = self.clock.now()
        matched = sorted((s for s in self.snapshots.values()
                          if s.region == region and (ids is None or s.snapshot_id in ids)
                          and (not usage or self.snapshot_usage(s, now) == usage)
                          and all(s.tags.get(k) == v for k, v in tags)), key=lambda s: (s.created, s.snapshot_id))
        start = int(params.get('NextToken') or 0)
        page = matched[start:start + max_results]
        return {'RegionId': region, 'TotalCount': len(matched),
                'NextToken': str(start + max_results) if start + max_results < len(matched) else '',
                'Snapshots': {'Snapshot': [{
                    'SnapshotId': s.snapshot_id, 'SnapshotName': '', 'Status': 'accomplished', 'Progress': '100%',
                    'SourceDiskSize': str(s.size), 'SourceDiskType': 'System', 'Category': 'standard',
                    'CreationTime': self.api_time(s.created), 'Usage': self.snapshot_usage(s, now),
                    'Tags': {'Tag': [{'TagKey': k, 'TagValue': v} for k, v in sorted(s.tags.items())]}}
                    for s in page]}}

    def delete_snapshot(self, params):
        """The region is the endpoint's (the request has no RegionId); ids are unique, so the id finds it."""
        snapshot_id = params.get('SnapshotId')
        if not snapshot_id:
            raise missing('SnapshotId')
        snapshot = self.snapshots.get(snapshot_id)
        if snapshot is None:
            return {}  # "If the specified snapshot does not exist, the request is ignored."
        usage = self.snapshot_usage(snapshot, self.clock.now())
        if usage in ('image', 'image_disk'):
            raise ApiFailure('SnapshotCreatedImage', 'The snapshot has been used to create user defined image.', 403)
        if usage == 'disk' and str(params.get('Force', '')).lower() != 'true':
            raise ApiFailure('SnapshotCreatedDisk', 'The snapshot has been used to create disk.', 403)
        if dry_run(params):
            raise dry_run_passed()
        del self.snapshots[snapshot_id]
        return {}
