# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's OSS buckets, as ECS (ImportImage reads them, ExportImage writes into them) and OSS both see them:
each a dict of its region, its objects, whether the ECS service role may use it, and the exports written into it."""

from __future__ import absolute_import, division, print_function

from .auth import ApiFailure

DEFAULT_REGION = 'cn-hangzhou'
# What the emulator has when the fixtures name no bucket: a bucket of image files and an empty one for exports in
# cn-hangzhou, and a bucket the ECS service role may not read.
DEFAULT_OSS_BUCKETS = {
    'images': {'region': 'cn-hangzhou', 'objects': {
        'golden.qcow2': {'size_gib': 20}, 'a.raw': {'size_gib': 40}, 'web.qcow2': {'size_gib': 20},
        'db.vhd': {'size_gib': 80}, 'data.raw': {'size_gib': 100}, 'broken.qcow2': {'size_gib': 20, 'import_outcome': 'Failed'}}},
    'exports': {'region': 'cn-hangzhou', 'objects': {}},
    'no-role': {'region': 'cn-hangzhou', 'role_granted': False, 'objects': {'golden.qcow2': {'size_gib': 20}}},
}


class Buckets:
    """The buckets by name; every method is called under the server's lock."""

    def __init__(self, clock, specs=None):
        self.clock = clock
        self.by_name = dict((name, dict(bucket, objects=dict(bucket.get('objects') or {})))
                            for name, bucket in (DEFAULT_OSS_BUCKETS if specs is None else specs).items())

    def __contains__(self, name):
        return name in self.by_name

    def get(self, name):
        return self.by_name.get(name)

    def ensure(self, name, region=DEFAULT_REGION):
        """The bucket of this name, made in `region` when there is none."""
        return self.by_name.setdefault(name, {'region': region, 'objects': {}})

    def for_ecs(self, region, name):
        """The bucket as ImportImage and ExportImage use it: in their region, and open to the ECS service role."""
        bucket = self.by_name.get(name)
        if bucket is None or bucket.get('region', DEFAULT_REGION) != region:
            raise ApiFailure('InvalidOSSBucket.NotFound', 'The specified OSS bucket does not exist in this region.')
        if bucket.get('role_granted') is False:
            raise ApiFailure('NoSetRoletoECSServiceAcount', 'ECS service account Have no right to access your OSS.please '
                                                            'attach a role of access your oss to ECS service account.',
                             403)
        return bucket

    def add_export(self, bucket, task, key, spec):
        """The file an export writes: an object of the bucket once its task has finished."""
        bucket.setdefault('exports', []).append((task, key, spec))

    def objects(self, bucket):
        """The bucket's objects, with the files of the exports into it that have finished."""
        objects = dict(bucket['objects'])
        now = self.clock.now()
        for task, key, spec in bucket.get('exports', ()):
            if task.status(now) == 'Finished':
                objects.setdefault(key, spec)  # once read through OSS, the file is an object of the bucket
        return objects

    @staticmethod
    def forget_export(bucket, key):
        """The key was written or deleted through OSS: an export into it no longer shows through."""
        bucket['exports'] = [e for e in bucket.get('exports', ()) if e[1] != key]
