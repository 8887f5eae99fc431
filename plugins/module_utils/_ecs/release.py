# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""What a release does in one region once its image is there: the source's features and boot mode on a copy, tags
and shares, the family, and retention relative to the release.

A release's time is its source image's: a copy carries it in RELEASE_TAG (a copy's own creation time is only when it
was copied); an image without the tag has its creation time.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.retirement import Retired, Retirement
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.times import parse_time

RELEASE_TAG = 'alicloud_ops.ecs:release-time'
RELEASED_STATUSES = ('Available', 'Deprecated')  # images of the family that are releases (others are under way)
# (record key, ModifyImageAttribute parameter): what a copy loses and gets back from its source
FEATURES = (('boot_mode', 'BootMode'), ('nvme_support', 'Features.NvmeSupport'),
            ('imds_support', 'Features.ImdsSupport'))
_EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)


def release_moment(image):
    """When the image was released: its RELEASE_TAG, else its creation time; the earliest time when neither reads."""
    for value in ((image.get('tags') or {}).get(RELEASE_TAG), image.get('creation_time')):
        if value:
            try:
                return parse_time(value, RELEASE_TAG)
            except OptionError:
                continue
    return _EARLIEST


def release_tag(source):
    """The tag a copy of `source` carries: the source's release time."""
    return {RELEASE_TAG: release_moment(source).strftime('%Y-%m-%dT%H:%M:%SZ')}


def retention(image, members, keep):
    """(kept, newer, past_keep) of the family's released images in a region other than `image`: those released
    later than it are never retired, nor those of the same time (the API's times may have no seconds, so which came
    first is not known); of the others (newest first), keep - 1 stay, so that `keep` images are kept with the one
    distributed. keep 0 retires nothing."""
    ours = release_moment(image)
    others = [m for m in members if m['image_id'] != image['image_id'] and m['status'] in RELEASED_STATUSES]
    newer = [m for m in others if release_moment(m) >= ours]
    older = sorted((m for m in others if release_moment(m) < ours),
                   key=lambda m: (release_moment(m), m['image_id']), reverse=True)
    if keep <= 0:
        return older, newer, []
    return older[:keep - 1], newer, older[keep - 1:]


class RegionRelease:
    """One region of a release: its image (the source, or a copy of it) and what is done there, in three steps that
    the caller runs region by region side by side: prepare (features, tags, shares), join_family, retire."""

    def __init__(self, images, image_id, source, options, check_mode=False):
        """image_id None: in check mode, a copy not made yet; its region is read and what would be done reported."""
        self.images = images
        self.region = images.client.region
        self.image_id = image_id
        self.source = source
        self.options = options
        self.check_mode = check_mode
        self.is_source = image_id == source['image_id']
        self.image = None
        self.members = []
        self.features_set = {}
        self.tags_set = {}
        self.shared_with = None
        self.shares_changed = False
        self.joined_family = False
        self.kept = self.newer = []
        self.retired = Retired()

    @property
    def changed(self):
        return bool(self.features_set or self.tags_set or self.joined_family or self.retired.changed
                    or self.shares_changed)

    def record(self):
        image = self.image or {}
        return dict(dict(region=self.region, image_id=self.image_id, status=image.get('status'),
                         features_set=self.features_set, tags_set=self.tags_set, shared_with=self.shared_with,
                         joined_family=self.joined_family, kept=[m['image_id'] for m in self.kept],
                         newer=[m['image_id'] for m in self.newer], changed=self.changed),
                    **self.retired.as_dict())

    def prepare(self):
        """Read the image and the family; set on a copy what the source is (features, boot mode) and the tags, and
        the shares the options declare. Nothing here touches the family."""
        family = self.options.get('image_family')
        if family and self.options.get('keep'):
            # the answer is checked, not trusted: an API that ignored the filter must not put other images in reach
            self.members = [m for m in self.images.describe(ImageFamily=family) if m['image_family'] == family]
        if self.image_id is None:  # a copy that check mode did not make: it will carry the source's release time
            self.image = dict(image_id=None, status=None, tags=release_tag(self.source), image_family=None)
            self.joined_family = bool(family)
            accounts = self.options.get('launch_permissions')
            self.shared_with = sorted(accounts) if accounts is not None else None
            self.shares_changed = bool(accounts)
            return
        self.image = next((m for m in self.members if m['image_id'] == self.image_id), None) \
            or self.images.get(self.image_id)
        if self.image is None or self.image['status'] != 'Available':
            raise WorkFailed('image %s in %s is %s: only an Available image is released' % (
                self.image_id, self.region, (self.image or {}).get('status') or 'gone'))
        if not self.is_source:
            self.features_set = dict((key, self.source[key]) for key, dummy in FEATURES
                                     if self.source.get(key) and self.source[key] != self.image.get(key))
            if self.features_set and not self.check_mode:
                self.images.modify_attributes(self.image_id, dict(
                    (parameter, self.features_set[key]) for key, parameter in FEATURES if key in self.features_set))
        wanted = dict(self.options.get('tags') or {})
        if not self.is_source:
            wanted.update(release_tag(self.source))
        self.tags_set = dict((k, v) for k, v in wanted.items() if self.image['tags'].get(k) != v)
        if self.tags_set and not self.check_mode:
            self.images.tag(self.image_id, self.tags_set)
        accounts = self.options.get('launch_permissions')
        if accounts is not None:
            shares = self.images.shared_accounts(self.image_id)
            add, remove = sorted(set(accounts) - set(shares)), sorted(set(shares) - set(accounts))
            self.shares_changed = bool(add or remove)
            if self.shares_changed and not self.check_mode:
                self.images.share(self.image_id, add=add, remove=remove)
            self.shared_with = sorted(accounts)

    def join_family(self):
        family = self.options.get('image_family')
        if family and self.image_id and self.image.get('image_family') != family:
            if not self.check_mode:
                self.images.modify_attributes(self.image_id, {'ImageFamily': family})
            self.joined_family = True

    def retire(self, waiter):
        """Retire the family's images past the newest to keep (relative to this release), as one Retirement."""
        self.kept, self.newer, past_keep = retention(self.image, self.members, int(self.options.get('keep') or 0))
        if not past_keep and not self.options.get('delete_snapshots'):
            return  # with delete_snapshots, the retirement also frees what a killed run left tagged
        retirement = Retirement(self.images, unshare=self.options.get('retire_shared'),
                                delete_snapshots=self.options.get('delete_snapshots'), check_mode=self.check_mode)
        self.retired = retirement.retire(past_keep, waiter)
