# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Images for the ecs_image_import and ecs_image_export modules: DescribeImages, ImportImage, ExportImage, and
following their tasks. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os
import re
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._outcome import WorkFailed, run_work
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._signing import canonical_query
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._tasks import (
    FAILED_STATUSES, IMAGE_STATUSES, MAX_PAGE_SIZE, RUNNING_STATUSES, TaskService, api_count, check_wait_options,
    chunks, entries, every_page, id_list, progress_percent, wait_argument_spec)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import Waiter, WaitTimeout

DISK_FORMATS = ('RAW', 'VHD', 'QCOW2', 'VMDK')
EXPORT_FORMATS = ('raw', 'vhd', 'qcow2', 'vmdk', 'vdi')
ARCHITECTURES = ('i386', 'x86_64', 'arm64')
OS_TYPES = ('linux', 'windows')
BOOT_MODES = ('BIOS', 'UEFI')
LICENSE_TYPES = ('Auto', 'Aliyun', 'BYOL')
PLATFORMS = (
    'Aliyun', 'Anolis', 'CentOS', 'Ubuntu', 'CoreOS', 'SUSE', 'Debian', 'OpenSUSE', 'FreeBSD', 'RedHat', 'Kylin', 'UOS',
    'Fedora', 'Fedora CoreOS', 'CentOS Stream', 'AlmaLinux', 'Rocky Linux', 'Gentoo', 'Customized Linux',
    'Others Linux', 'Windows Server 2022', 'Windows Server 2019', 'Windows Server 2016', 'Windows Server 2012',
    'Windows Server 2008', 'Windows Server 2003', 'Other Windows',
)
MAX_DISKS = 17
MAX_DISK_GIB = 2048
MAX_TAGS = 20
_IMAGE_NAME = re.compile(r'^[^\W\d_][\w.:-]{1,127}$')
_OSS_PREFIX = re.compile(r'^[A-Za-z0-9]{1,30}$')


def image_wait_argument_spec():
    """wait, wait_timeout and poll_interval of the image modules: those of ecs_task_info."""
    return dict((name, option) for name, option in wait_argument_spec().items()
                if name in ('wait', 'wait_timeout', 'poll_interval'))


def check_image_name(name, option='name'):
    if not isinstance(name, str) or not _IMAGE_NAME.match(name) or re.match(r'^(aliyun|acs:)', name) \
            or re.search(r'https?://', name):
        raise OptionError(option, 'expected 2 to 128 characters: a letter first, then letters, digits, ".", ":", '
                                  '"_" or "-"; not starting with "aliyun" or "acs:"; got %r' % (name,))
    return name


def image_record(raw):
    """The collection's image dict from one entry of Images.Image."""
    return dict(
        image_id=raw.get('ImageId'),
        image_name=raw.get('ImageName'),
        status=raw.get('Status'),
        progress=progress_percent(raw.get('Progress')),
        size=api_count(raw.get('Size'), None),
        architecture=raw.get('Architecture') or None,
        os_type=raw.get('OSType') or None,
        platform=raw.get('Platform') or None,
        creation_time=raw.get('CreationTime') or None,
    )


def answered_task_id(answer, legacy_field):
    """TaskId of an ImportImage or ExportImage answer; every sample in the reference writes ImportTaskId or
    ExportTaskId instead."""
    return answer.get('TaskId') or answer.get(legacy_field)


def pending_task(task_id, action, resource_id):
    """A task record of a task just started, before any DescribeTasks call: its state is not known yet."""
    return dict(task_id=task_id, task_action=action, task_status=None, support_cancel=None, creation_time=None,
                finished_time=None, resource_id=resource_id)


class ImageService:
    """DescribeImages, ImportImage and ExportImage over an RpcClient; tasks through a TaskService."""

    def __init__(self, client, tasks=None):
        self.client = client
        self.tasks = tasks or TaskService(client)

    @property
    def deadline(self):
        return self.tasks.deadline

    def describe(self, **filters):
        """Every page of DescribeImages over the custom images of the region, in every state."""
        params = {'RegionId': self.client.region, 'Status': ','.join(IMAGE_STATUSES), 'ImageOwnerAlias': 'self',
                  'PageSize': str(MAX_PAGE_SIZE)}
        params.update(filters)

        def page(number):
            answer = self.client.call('DescribeImages', dict(params, PageNumber=str(number)), deadline=self.deadline)
            images = [image_record(entry) for entry in entries(answer, 'Images', 'Image')]
            return [(image['image_id'], image) for image in images], api_count(answer.get('TotalCount'), 0)
        return every_page(page)[0]

    def find_by_name(self, name):
        """The custom image of exactly this name, in any state, or None. The API matches names loosely, so a
        search for "web" also answers "web-2"; the names are compared here."""
        matches = [image for image in self.describe(ImageName=name) if image['image_name'] == name]
        return matches[0] if matches else None

    def get(self, image_id):
        """The custom image of this id, in any state, or None."""
        matches = [image for image in self.describe(ImageId=image_id) if image['image_id'] == image_id]
        return matches[0] if matches else None

    def newest_task(self, action, image_id, statuses=None):
        """The newest task of `action` on the image (of those in `statuses`, when given), or None."""
        tasks = [t for t in self.tasks.tasks_of(action, image_id) if statuses is None or t['task_status'] in statuses]
        return tasks[0] if tasks else None

    def export_image(self, params, dry_run=False):
        """ExportImage, which has no ClientToken: sent once (again only after throttling; a dry run writes nothing and
        is retried as a read). Returns the task id, or None for a dry run that passed."""
        try:
            answer = self.client.call('ExportImage', dict(params, DryRun='true') if dry_run else params,
                                      deadline=self.deadline, resend_safe=dry_run)
        except ApiError as error:
            if dry_run and error.code == 'DryRunOperation':
                return None
            raise
        return answered_task_id(answer, 'ExportTaskId')

    def exported_objects(self, task_id):
        """The OSS object names DescribeTaskAttribute lists for an export."""
        answer = self.client.call('DescribeTaskAttribute', {'RegionId': self.client.region, 'TaskId': task_id},
                                  deadline=self.deadline)
        objects = []
        for operation in entries(answer, 'OperationProgressSet', 'OperationProgress'):
            for item in entries(operation, 'RelatedItemSet', 'RelatedItem'):
                if item.get('Name') == 'OSSObject' and item.get('Value') and item['Value'] not in objects:
                    objects.append(item['Value'])
        return objects

    def import_image(self, params, dry_run=False):
        """ImportImage: (task id, image id), or (None, None) for a dry run that passed. The ClientToken makes a
        retry after a lost answer safe: the API answers the first import again."""
        if dry_run:
            try:
                self.client.call('ImportImage', dict(params, DryRun='true'), deadline=self.deadline)
            except ApiError as error:
                if error.code != 'DryRunOperation':
                    raise
            return None, None
        answer = self.client.call('ImportImage', dict(params, ClientToken=client_token(params)),
                                  deadline=self.deadline)
        return answered_task_id(answer, 'ImportTaskId'), answer.get('ImageId')

    def follow(self, task, image_id, waiter):
        """Wait until the task (when there is one) is Finished and the image Available; returns (task, image).

        A failed task or image ends the wait at once; the deadline ends it with the last states. A task the API
        does not list yet (just started) is waited for through its image.
        """
        self.tasks.deadline = waiter.deadline
        state = dict(task=task, image=None)
        task_id = (task or {}).get('task_id')

        def check():
            current = self.tasks.refresh([state['task']]).get(task_id) if task_id else None
            if current is not None:
                state['task'] = current
            status = (state['task'] or {}).get('task_status')
            if status in FAILED_STATUSES:
                raise WorkFailed('%s task %s of image %s is %s' % (task['task_action'], task_id, image_id, status),
                                 task=state['task'], polls=waiter.polls)
            if status != 'Finished' and current is not None:
                return False, state
            state['image'] = self.get(image_id)
            image_status = (state['image'] or {}).get('status')
            if image_status == 'CreateFailed':
                raise WorkFailed('image %s is CreateFailed (task %s is %s)' % (image_id, task_id, status),
                                 task=state['task'], image=state['image'], polls=waiter.polls)
            return image_status == 'Available' and status in ('Finished', None), state

        try:
            waiter.until(check)
        except WaitTimeout as timeout:
            raise WorkFailed('timed out after %.0f s waiting for task %s (last %s) and image %s (last %s)' % (
                timeout.elapsed, task_id, (state['task'] or {}).get('task_status'), image_id,
                (state['image'] or {}).get('status', 'not read')), task=state['task'], image=state['image'],
                polls=timeout.polls)
        return state['task'], state['image']


_RUN_ID = os.urandom(16).hex()  # one module run


def client_token(params, run_id=None):
    """ClientToken of one ImportImage: a digest of the request and of this run, so the retries of this run are
    recognised as the same import, and a later run (after a failed import was deleted) is a new one."""
    run_id = run_id or _RUN_ID
    return hashlib.sha256((run_id + '&' + canonical_query(params)).encode('utf-8')).hexdigest()[:64]


# --- ecs_image_import ---------------------------------------------------------------------------------------

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
    description = options.get('description')
    if description is not None and (not 2 <= len(description) <= 256 or re.match(r'^https?://', description)):
        raise OptionError('description', 'expected 2 to 256 characters, not starting with http:// or https://')
    for option, name in (('architecture', 'Architecture'), ('os_type', 'OSType'), ('platform', 'Platform'),
                         ('boot_mode', 'BootMode'), ('license_type', 'LicenseType'), ('description', 'Description'),
                         ('role_name', 'RoleName'), ('resource_group_id', 'ResourceGroupId')):
        if options.get(option):
            params[name] = options[option]
    params.update(tag_parameters(options.get('tags')))
    return params


def tag_parameters(tags):
    if not tags:
        return {}
    if len(tags) > MAX_TAGS:
        raise OptionError('tags', 'expected at most %d tags, got %d' % (MAX_TAGS, len(tags)))
    params = {}
    for number, (key, value) in enumerate(sorted(tags.items()), 1):
        value = '' if value is None else str(value)
        if not key or len(key) > 128 or re.match(r'^(aliyun|acs:)', key) or re.search(r'https?://', key + value) \
                or len(value) > 128 or value.startswith('acs:'):
            raise OptionError('tags', 'expected keys of 1 to 128 characters and values of at most 128, neither '
                                      'starting with "acs:" (nor a key with "aliyun") nor holding http(s)://; '
                                      'got %r: %r' % (key, value))
        params['Tag.%d.Key' % number] = key
        params['Tag.%d.Value' % number] = value
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
            task, image = images.follow(task, image['image_id'], Waiter(options['wait_timeout'],
                                                                        options['poll_interval'], clock=clock))
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


# --- ecs_image_export ---------------------------------------------------------------------------------------

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
    given = [name for name in ('image_id', 'image_name') if (options.get(name) or '').strip()]
    if len(given) != 1:
        raise OptionError('image_id', 'expected exactly one of image_id and image_name, got %s'
                          % (' and '.join(given) or 'neither'))
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
        image_id = options.get('image_id') or exact_image_id(images, options['image_name'], client.region)
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
            task = images.follow(task, image_id, Waiter(options['wait_timeout'], options['poll_interval'],
                                                        clock=clock))[0]
            result['task'] = task
        if present and task and task['task_status'] == 'Finished':
            result['oss_objects'] = images.exported_objects(task['task_id'])

    result = dict(changed=False, image_id=None, task_id=None, task=None, oss_objects=[])
    return run_work(options, result, work, clock)


def exact_image_id(images, name, region):
    image = images.find_by_name(name)
    if image is None:
        raise WorkFailed('image_name: no custom image named exactly %r in %s (the API matches names loosely; this '
                         'module does not)' % (name, region))
    return image['image_id']


def start_export(images, params, check_mode):
    """The task of a new export: in check mode a dry run (no task). After a lost answer or a server error, or when
    the API answers ImageIsExporting, the running export of the image is the one this run started; the export is
    sent a second time only when none runs, as the first attempt then did nothing."""
    try:
        task_id = images.export_image(params, dry_run=check_mode)
    except ApiError as error:
        if check_mode or (error.code != 'ImageIsExporting' and not error.outcome_unknown):
            raise
        task = images.newest_task('ExportImage', params['ImageId'], RUNNING_STATUSES)
        if task is not None:
            return task
        if error.code == 'ImageIsExporting':
            raise
        task_id = images.export_image(params)
    return pending_task(task_id, 'ExportImage', params['ImageId']) if task_id else None


# --- ecs_image_info -----------------------------------------------------------------------------------------

def image_info_argument_spec():
    return dict(name=dict(type='str'), image_ids=dict(type='list', elements='str'))


def run_image_info(options, clock=None):
    """The custom images of the region in any state, by exact name or ids (or all); never raises for expected
    failures."""
    def work(client, result):
        name = options.get('name')
        if name is not None:
            check_image_name(name)
        image_ids = id_list(options['image_ids'], 'image_ids') if options.get('image_ids') is not None else []
        images = ImageService(client)
        found = []
        for batch in chunks(image_ids):
            filters = dict(ImageName=name) if name else {}
            if batch:
                filters['ImageId'] = ','.join(batch)
            found.extend(image for image in images.describe(**filters)
                         if (not name or image['image_name'] == name) and (not batch or image['image_id'] in batch))
        result['images'] = found

    return run_work(options, dict(changed=False, images=[]), work, clock)
