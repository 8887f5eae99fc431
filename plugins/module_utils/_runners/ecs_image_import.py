# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of ecs_image_import: start, adopt or cancel an image import from OSS.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import api_count
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.follow import follow
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService, pending_task
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import (
    ARCHITECTURES, BOOT_MODES, DETECTION_STRATEGIES, LICENSE_TYPES, NVME_SUPPORT, OS_TYPES, PLATFORMS, check_description, check_image_name, tag_parameters)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import RUNNING_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import image_wait_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.waits import check_wait_options, waiter_for

DISK_FORMATS = ('RAW', 'VHD', 'QCOW2', 'VMDK')
MAX_DISKS = 17
MAX_DISK_GIB = 2048


def image_import_argument_spec():
    spec = dict(
        name=dict(type='str', required=True),
        disks=dict(type='list', elements='dict', options=dict(
            oss_bucket=dict(type='str', required=True),
            oss_object=dict(type='str', required=True),
            format=dict(type='str'),
            size=dict(type='int'),
        )),
        architecture=dict(type='str', default='x86_64', choices=list(ARCHITECTURES)),
        os_type=dict(type='str', default='linux', choices=list(OS_TYPES)),
        platform=dict(type='str', default='Others Linux', choices=list(PLATFORMS)),
        boot_mode=dict(type='str', choices=list(BOOT_MODES)),
        nvme_support=dict(type='str', choices=list(NVME_SUPPORT)),
        detection_strategy=dict(type='str', choices=list(DETECTION_STRATEGIES)),
        license_type=dict(type='str', choices=list(LICENSE_TYPES)),
        description=dict(type='str'),
        role_name=dict(type='str'),
        resource_group_id=dict(type='str'),
        tags=dict(type='dict'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )
    spec.update(image_wait_argument_spec())
    return spec


def import_parameters(options):
    """ImportImage's request parameters from the module options, checked before any API call."""
    check_image_name(options['name'])
    disks = options.get('disks')
    if not disks or len(disks) > MAX_DISKS:
        raise OptionError('disks', 'expected 1 to %d disks (the first is the system disk), each with oss_bucket and '
                                   'oss_object; got %d' % (MAX_DISKS, len(disks or [])))
    params = {'RegionId': None, 'ImageName': options['name']}
    for number, disk in enumerate(disks, 1):
        prefix = 'DiskDeviceMapping.%d.' % number
        option = 'disks[%d]' % (number - 1)
        for key in ('oss_bucket', 'oss_object'):
            if not (disk.get(key) or '').strip():
                raise OptionError('%s.%s' % (option, key), 'expected a non-empty string')
        params[prefix + 'OSSBucket'] = disk['oss_bucket']
        params[prefix + 'OSSObject'] = disk['oss_object']
        if disk.get('format'):
            if disk['format'].upper() not in DISK_FORMATS:
                raise OptionError(option + '.format', 'expected one of %s (or unset, to let the API detect it), got %r'
                                  % (', '.join(DISK_FORMATS), disk['format']))
            params[prefix + 'Format'] = disk['format'].upper()
        if disk.get('size') is not None:
            if not 1 <= disk['size'] <= MAX_DISK_GIB:
                raise OptionError(option + '.size', 'expected 1 to %d (GiB), got %s' % (MAX_DISK_GIB, disk['size']))
            params[prefix + 'DiskImageSize'] = str(disk['size'])
    if options.get('architecture') == 'arm64' and options.get('boot_mode') == 'BIOS':
        raise OptionError('boot_mode', 'arm64 images boot with UEFI only, got BIOS')
    check_description(options.get('description'))
    for option, name in (('architecture', 'Architecture'), ('os_type', 'OSType'), ('platform', 'Platform'),
                         ('boot_mode', 'BootMode'), ('license_type', 'LicenseType'), ('description', 'Description'),
                         ('role_name', 'RoleName'), ('resource_group_id', 'ResourceGroupId'),
                         ('nvme_support', 'Features.NvmeSupport'), ('detection_strategy', 'DetectionStrategy')):
        if options.get(option):
            params[name] = options[option]
    params.update(tag_parameters(options.get('tags')))
    return params


def planned_image(params):
    """The image an import would make, as far as the request says."""
    return dict(image_id=None, image_name=params['ImageName'], status=None, progress=None,
                size=api_count(params.get('DiskDeviceMapping.1.DiskImageSize'), None),
                architecture=params.get('Architecture'), os_type=params.get('OSType'), platform=params.get('Platform'),
                creation_time=None)


def run_image_import(options, check_mode=False, clock=None):
    """Start, adopt or cancel the import that module options describe; never raises for expected failures."""
    clock = clock or time.monotonic
    present = options.get('state', 'present') == 'present'

    def work(client, result):
        params = import_parameters(options) if present else {'ImageName': check_image_name(options['name'])}
        check_wait_options(options)
        params['RegionId'] = client.region
        images = ImageService(client)
        image = images.find_by_name(options['name'])
        result['diff']['before'] = dict(image) if image else {}
        task = images.newest_task('ImportImage', image['image_id']) if image else None
        if present and image is None:
            image, task, result['changed'] = start_import(images, params, check_mode)
        elif not present and task is not None and task['task_status'] in RUNNING_STATUSES:
            if not check_mode:
                task = images.tasks.cancel(task)
            result['changed'] = True
        report(result, image, task)
        if present and options.get('wait') and not check_mode:
            task, image = follow(images, task, image['image_id'], waiter_for(options, clock))
            report(result, image, task)
        result['diff']['after'] = {} if not present and result['changed'] else dict(image or {})

    result = dict(changed=False, image_id=None, task_id=None, image=None, task=None, diff=dict(before={}, after={}))
    return run_work(options, result, work, clock)


def report(result, image, task):
    """The image and task keys of a result (set before a wait too, so that a failed wait names them)."""
    result.update(image=image, task=task, image_id=(image or {}).get('image_id'), task_id=(task or {}).get('task_id'))


def start_import(images, params, check_mode):
    """(image, task, changed) of a new import; in check mode a dry run, which has neither id. An image of the same
    name made meanwhile by another run (InvalidImageName.Duplicated) is adopted instead, unchanged."""
    try:
        task_id, image_id = images.import_image(params, dry_run=check_mode)
    except ApiError as error:
        image = images.find_by_name(params['ImageName']) if error.code == 'InvalidImageName.Duplicated' else None
        if image is None:
            raise
        return image, images.newest_task('ImportImage', image['image_id']), False
    task = pending_task(task_id, 'ImportImage', image_id) if task_id else None
    return dict(planned_image(params), image_id=image_id), task, True
