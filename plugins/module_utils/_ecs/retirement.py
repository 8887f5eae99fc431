# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Retiring images of one region, and freeing their snapshots (ecs_image state=absent and a release's retention).

DeleteImage leaves an image's snapshots, takes a little time, and a snapshot an image still lists cannot be deleted
(SnapshotCreatedImage); once the image is gone nothing says which snapshots were its own. So the order is: read the
snapshot ids (in the image's record), tag the snapshots (a run killed later leaves them findable), every DeleteImage,
one wait until every image is gone, then each snapshot that nothing uses any more. The next retirement in the region
also frees what a killed run tagged.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.snapshots import SnapshotService
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import WaitTimeout

RETIRED_TAG = {'alicloud_ops.ecs:retired': 'true'}  # on a snapshot: free it once nothing uses it
SNAPSHOT_KEPT_REASONS = {'image': 'used by another image', 'image_disk': 'used by another image',
                         'disk': 'used by a disk'}
GONE_CODES = ('InvalidImageId.NotFound',)


class Retired:
    """What a retirement did: the images retired (or, in check mode, to retire), those kept back with the reason, the
    snapshots deleted and those kept with the reason."""

    def __init__(self):
        self.images = []
        self.kept_back = []
        self.snapshots_deleted = []
        self.snapshots_kept = []

    @property
    def changed(self):
        return bool(self.images or self.snapshots_deleted)

    def as_dict(self):
        return dict(retired=[image['image_id'] for image in self.images], kept_back=self.kept_back,
                    snapshots_deleted=sorted(self.snapshots_deleted), snapshots_kept=self.snapshots_kept)


def kept_back(image, reason, **details):
    return dict(dict(image_id=image['image_id'], image_name=image.get('image_name'), reason=reason), **details)


class Retirement:
    """Retires images of one region (an ImageService) as the options say: shared images only with unshare, images
    instances use only with force, their snapshots freed with delete_snapshots."""

    def __init__(self, images, unshare=False, force=False, delete_snapshots=False, check_mode=False):
        self.images = images
        self.snapshots = SnapshotService(images.client, images.deadline)
        self.unshare = unshare
        self.force = force
        self.delete_snapshots = delete_snapshots
        self.check_mode = check_mode

    def retire(self, candidates, waiter, shares_read=None):
        """Retire these image records (as DescribeImages listed them, with their snapshot ids); returns a Retired.
        The waiter paces the one wait until the deleted images are gone. shares_read: {image id: accounts} already
        read."""
        done = Retired()
        to_delete = []
        for image in candidates:
            if image.get('usage') == 'instance' and not self.force:
                done.kept_back.append(kept_back(image, 'used by instances'))
                continue
            try:
                shares = (shares_read or {}).get(image['image_id'])
                if shares is None:
                    shares = self.images.shared_accounts(image['image_id'])
            except ApiError as error:
                if error.code in GONE_CODES:
                    continue  # retired meanwhile by another run
                raise
            if shares and not self.unshare:
                done.kept_back.append(kept_back(image, 'shared', launch_permissions=shares))
                continue
            to_delete.append((image, shares))
        done.images = [image for image, dummy in to_delete]
        own_snapshots = set(s for image in done.images for s in image.get('snapshot_ids') or [])
        if self.check_mode:
            done.snapshots_deleted = sorted(own_snapshots) if self.delete_snapshots else []
            return done
        if self.delete_snapshots and own_snapshots:
            self.snapshots.tag(own_snapshots, RETIRED_TAG)
        for image, shares in to_delete:
            self.images.share(image['image_id'], remove=shares)
            self.images.delete(image['image_id'], force=self.force)
        if self.delete_snapshots:
            self.wait_until_gone([image['image_id'] for image in done.images], waiter)
            self.free(own_snapshots | set(self.snapshots.describe(tags=RETIRED_TAG)), done)
        return done

    def wait_until_gone(self, image_ids, waiter):
        """One wait until DescribeImages lists none of these images (100 ids a call)."""
        if not image_ids:
            return
        left = set(image_ids)

        def check():
            left.intersection_update(self.images.existing(sorted(left)))
            return not left, sorted(left)
        try:
            waiter.until(check)
        except WaitTimeout as timeout:
            raise WorkFailed('timed out after %.0f s waiting for DeleteImage of %s in %s to end; their snapshots are '
                             'tagged %s and the next retirement in the region frees them' % (
                                 timeout.elapsed, ', '.join(timeout.state), self.images.client.region,
                                 ', '.join('%s=%s' % item for item in RETIRED_TAG.items())))

    def free(self, snapshot_ids, done):
        """Delete each snapshot that nothing uses; keep the others, with the reason. A snapshot that is gone is
        not reported (another run freed it)."""
        for snapshot_id, usage in sorted(self.snapshots.describe(snapshot_ids).items()):
            if usage != 'none':
                done.snapshots_kept.append(dict(snapshot_id=snapshot_id, reason=SNAPSHOT_KEPT_REASONS.get(usage, usage)))
                continue
            try:
                self.snapshots.delete(snapshot_id)
            except ApiError as error:
                if error.code not in ('SnapshotCreatedImage', 'SnapshotCreatedDisk'):
                    raise
                done.snapshots_kept.append(dict(snapshot_id=snapshot_id, reason=SNAPSHOT_KEPT_REASONS[
                    'image' if error.code == 'SnapshotCreatedImage' else 'disk']))
                continue
            done.snapshots_deleted.append(snapshot_id)
