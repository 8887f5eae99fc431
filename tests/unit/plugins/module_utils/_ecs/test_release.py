# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Retention relative to the release, and a release's time."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.release import (
    RELEASE_TAG, release_moment, release_tag, retention)


def image(image_id, created, tag=None, status='Available'):
    return dict(image_id=image_id, creation_time=created, status=status, tags={RELEASE_TAG: tag} if tag else {})


FAMILY = [image('m-1', '2026-11-01T00:00:00Z'), image('m-2', '2026-11-02T00:00Z'),
          image('m-3', '2026-12-05T00:00:00Z', tag='2026-11-03T00:00:00Z'),  # copied today, released on the 3rd
          image('m-4', '2026-11-04T00:00:00Z'), image('m-busy', '2026-10-01T00:00:00Z', status='Creating')]


def ids(images):
    return [i['image_id'] for i in images]


@pytest.mark.parametrize('released, keep, kept, newer, retired', [
    ('m-4', 3, ['m-3', 'm-2'], [], ['m-1']),
    ('m-4', 1, [], [], ['m-3', 'm-2', 'm-1']),
    ('m-2', 1, [], ['m-3', 'm-4'], ['m-1']),  # a rollback: nothing newer goes
    ('m-3', 2, ['m-2'], ['m-4'], ['m-1']),  # the copy's time is its tag's
    ('m-4', 0, ['m-3', 'm-2', 'm-1'], [], []),
])
def test_retention_keeps_the_newest_older_images_and_never_retires_a_newer_one(released, keep, kept, newer, retired):
    this = [i for i in FAMILY if i['image_id'] == released][0]
    got = retention(this, FAMILY, keep)
    assert (ids(got[0]), sorted(ids(got[1])), ids(got[2])) == (kept, newer, retired)


def test_an_image_of_the_same_release_time_is_never_retired():
    same = image('m-same', '2026-11-04T00:00Z')
    kept, newer, retired = retention(FAMILY[3], FAMILY + [same], 1)
    assert ids(newer) == ['m-same'] and 'm-same' not in ids(retired)


def test_a_release_time_is_the_tag_else_the_creation_time_else_the_earliest():
    assert release_moment(FAMILY[2]).day == 3 and release_moment(FAMILY[0]).day == 1
    assert release_moment(dict(creation_time='not a time', tags={})).year == 1
    assert release_tag(FAMILY[1]) == {RELEASE_TAG: '2026-11-02T00:00:00Z'}
