# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of ecs_image_export: start, adopt or cancel an image export to OSS.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import write_once
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.follow import follow
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService, find_image, pending_task
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import check_one_image
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import RUNNING_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import image_wait_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.waits import check_wait_options, waiter_for

EXPORT_FORMATS = ('raw', 'vhd', 'qcow2', 'vmdk', 'vdi')
_OSS_PREFIX = re.compile(r'^[A-Za-z0-9]{1,30}$')


def image_export_argument_spec():
    spec = dict(
        image_id=dict(type='str'),
        image_name=dict(type='str'),
        oss_bucket=dict(type='str'),
        oss_prefix=dict(type='str'),
        image_format=dict(type='str', choices=list(EXPORT_FORMATS)),
        role_name=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    spec.update(image_wait_argument_spec())
    return spec


def check_export_options(options):
    """The export options the argument spec cannot check, before any API call."""
    check_one_image(options)
    prefix = options.get('oss_prefix')
    if prefix is not None and not _OSS_PREFIX.match(prefix):
        raise OptionError('oss_prefix', 'expected 1 to 30 letters and digits, got %r' % prefix)
    if options.get('state', 'present') == 'present' and not (options.get('oss_bucket') or '').strip():
        raise OptionError('oss_bucket', 'expected the name of an OSS bucket in the region of the image')


def export_parameters(options, region, image_id):
    params = {'RegionId': region, 'ImageId': image_id, 'OSSBucket': options['oss_bucket']}
    for option, name in (('oss_prefix', 'OSSPrefix'), ('image_format', 'ImageFormat'), ('role_name', 'RoleName')):
        if options.get(option):
            params[name] = options[option]
    return params


def run_image_export(options, check_mode=False, clock=None):
    """Start, adopt or cancel the export that module options describe; never raises for expected failures."""
    clock = clock or time.monotonic
    present = options.get('state', 'present') == 'present'

    def work(client, result):
        check_export_options(options)
        check_wait_options(options)
        images = ImageService(client)
        image_id = options.get('image_id') or find_image(images, name=options['image_name'])['image_id']
        result['image_id'] = image_id
        task = images.newest_task('ExportImage', image_id, RUNNING_STATUSES)
        if present and task is None:
            task = start_export(images, export_parameters(options, client.region, image_id), check_mode)
            result['changed'] = True
        elif not present and task is not None:
            if not check_mode:
                task = images.tasks.cancel(task)
            result['changed'] = True
        result.update(task=task, task_id=(task or {}).get('task_id'))
        if present and task and options.get('wait') and not check_mode:
            task = follow(images, task, image_id, waiter_for(options, clock))[0]
            result['task'] = task
        if present and task and task['task_status'] == 'Finished':
            result['oss_objects'] = images.exported_objects(task['task_id'])

    result = dict(changed=False, image_id=None, task_id=None, task=None, oss_objects=[])
    return run_work(options, result, work, clock)


def start_export(images, params, check_mode):
    """The task of a new export: in check mode a dry run (no task). After a lost answer or a server error, or when
    the API answers ImageIsExporting, the running export of the image is the one this run started; the export is
    sent a second time only when none runs, as the first attempt then did nothing."""
    if check_mode:
        images.export_image(params, dry_run=True)
        return None

    def started():
        task_id = images.export_image(params)
        return pending_task(task_id, 'ExportImage', params['ImageId']) if task_id else None

    def running():
        return images.newest_task('ExportImage', params['ImageId'], RUNNING_STATUSES)
    try:
        return write_once(started, lambda: running() or started())
    except ApiError as error:
        task = running() if error.code == 'ImageIsExporting' else None
        if task is None:
            raise
        return task
