# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The snapshot calls of one region: DescribeSnapshots, snapshot tags and DeleteSnapshot.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import MAX_PAGE_SIZE, chunks, entries
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import tag_parameters

TAG_RESOURCES_PER_CALL = 50


class SnapshotService:
    def __init__(self, client, deadline=None):
        self.client = client
        self.deadline = deadline

    def describe(self, snapshot_ids=None, tags=None):
        """{snapshot id: usage (image, disk, image_disk or none)} of these snapshots (100 a call), or of those that
        carry these tags; a snapshot that is gone is not in it."""
        found = {}
        batches = chunks(sorted(snapshot_ids)) if snapshot_ids is not None else [None]
        for batch in batches:
            if batch == []:
                continue
            params = {'RegionId': self.client.region, 'MaxResults': str(MAX_PAGE_SIZE)}
            if batch is not None:
                params['SnapshotIds'] = json.dumps(batch)
            params.update(tag_parameters(tags))
            token = None
            while True:
                answer = self.client.call('DescribeSnapshots', dict(params, **({'NextToken': token} if token else {})),
                                          deadline=self.deadline)
                found.update((s['SnapshotId'], s.get('Usage') or 'none')
                             for s in entries(answer, 'Snapshots', 'Snapshot') if s.get('SnapshotId'))
                token = answer.get('NextToken')
                if not token:
                    break
        return found

    def tag(self, snapshot_ids, tags):
        """TagResources, 50 snapshots a call: sets each key to its value, the same whether sent once or again."""
        for batch in chunks(sorted(snapshot_ids), TAG_RESOURCES_PER_CALL):
            if batch:
                params = {'RegionId': self.client.region, 'ResourceType': 'snapshot'}
                params.update(('ResourceId.%d' % number, snapshot_id) for number, snapshot_id in enumerate(batch, 1))
                params.update(tag_parameters(tags))
                self.client.call('TagResources', params, deadline=self.deadline)

    def delete(self, snapshot_id):
        """DeleteSnapshot, never with Force; the API ignores an id of no snapshot, so sending it again after a lost
        answer is safe. The request has no RegionId: the region is the endpoint's."""
        self.client.call('DeleteSnapshot', {'SnapshotId': snapshot_id}, deadline=self.deadline)
