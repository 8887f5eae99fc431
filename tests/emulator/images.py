# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's images: ImportImage, ExportImage and DescribeImages, as the API reference
describes them (see shared/notes/image-api-facts.md in the project's steering notes)."""

from __future__ import absolute_import, division, print_function

import re

from .auth import ApiFailure, missing
from .buckets import Buckets
from .disk_headers import import_failure, sniff

IMAGE_STATUSES = ('Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated')
OWNER_ALIASES = ('system', 'self', 'others', 'marketplace')
OTHER_ACCOUNT_ID = '1000000000000001'  # the owner of a fixture image of owner_alias others
DISK_FORMATS = ('RAW', 'VHD', 'QCOW2', 'VMDK')
EXPORT_FORMATS = ('raw', 'vhd', 'qcow2', 'vmdk', 'vdi')
ARCHITECTURES = ('i386', 'x86_64', 'arm64')
OS_TYPES = ('windows', 'linux')
BOOT_MODES = ('BIOS', 'UEFI')
LICENSE_TYPES = ('Auto', 'Aliyun', 'BYOL')
PLATFORMS = (
    'Aliyun', 'Anolis', 'CentOS', 'Ubuntu', 'CoreOS', 'SUSE', 'Debian', 'OpenSUSE', 'FreeBSD', 'RedHat', 'Kylin', 'UOS',
    'Fedora', 'Fedora CoreOS', 'CentOS Stream', 'AlmaLinux', 'Rocky Linux', 'Gentoo', 'Customized Linux',
    'Others Linux', 'Windows Server 2022', 'Windows Server 2019', 'Windows Server 2016', 'Windows Server 2012',
    'Windows Server 2008', 'Windows Server 2003', 'Other Windows',
)
MAX_DISKS = 17
MAX_TAGS = 20
NVME_SUPPORT = ('supported', 'unsupported')
DETECTION_STRATEGIES = ('Standard',)
IMDS_SUPPORT = ('v1', 'v2')
# Parameters of every call, which a ClientToken does not cover.
COMMON_PARAMETERS = frozenset([
    'Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp',
    'Signature', 'SecurityToken', 'ClientToken', 'DryRun', 'RegionId'])


def dry_run(params):
    return str(params.get('DryRun', '')).strip().lower() == 'true'


def dry_run_passed():
    return ApiFailure('DryRunOperation', 'Request validation has been passed with DryRun flag set.')


def valid_name(name):
    """ImageName rules: 2-128 characters, a letter first, then letters, digits, ".", ":", "_" or "-"; not
    starting with aliyun or acs:; no http(s)://."""
    return bool(re.match(r'^[^\W\d_][\w.:-]{1,127}$', name) and not re.match(r'^(aliyun|acs:)', name)
                and 'http://' not in name and 'https://' not in name)


def numbered(params, prefix):
    """The values of PREFIX.N parameters in the order of N."""
    pattern = re.compile(r'^%s\.(\d+)$' % re.escape(prefix))
    found = sorted((int(m.group(1)), value) for m, value in ((pattern.match(k), v) for k, v in params.items()) if m)
    return [value for number, value in found]


def tag_pairs(params, prefix='Tag'):
    """[(key, value)] of Tag.N.Key / Tag.N.Value, checked as the tag calls check them."""
    numbers = sorted(set(int(m.group(1)) for m in (re.match(r'^%s\.(\d+)\.Key$' % prefix, k) for k in params) if m))
    if len(numbers) > MAX_TAGS or any(not 1 <= n <= MAX_TAGS for n in numbers):
        raise ApiFailure('InvalidTagCount', 'The specified tags are beyond the permitted range.')
    pairs = []
    for number in numbers:
        key = params['%s.%d.Key' % (prefix, number)]
        value = params.get('%s.%d.Value' % (prefix, number), '')
        if not key or len(key) > 128 or re.match(r'^(aliyun|acs:)', key) or 'http://' in key or 'https://' in key:
            raise ApiFailure('InvalidTagKey.Malformed', 'The specified Tag.n.Key is invalid.')
        if len(value) > 128 or value.startswith('acs:'):
            raise ApiFailure('InvalidTagValue.Malformed', 'The specified Tag.n.Value is invalid.')
        pairs.append((key, value))
    if len(set(k for k, v in pairs)) != len(pairs):
        raise ApiFailure('InvalidParameter.TagKeyDuplicate', 'The specified tag keys are duplicated.')
    return pairs


def business_parameters(params):
    return dict((k, v) for k, v in params.items() if k not in COMMON_PARAMETERS)


class Deletion:
    """DeleteImage takes a little time: the image stays listed, and keeps its snapshots, for `seconds` of emulated
    time, or with `polls` for that many observations."""

    def __init__(self, start, seconds, polls=None):
        self.start = start
        self.seconds = seconds
        self.polls = polls

    def done(self, now):
        if self.polls is not None:
            return self.polls.phase == 'done'
        return now >= self.start + self.seconds

    def observe(self, now):
        if self.polls is not None:
            self.polls.observe(now)


class Image:
    """A custom or public image; an imported one follows its import task."""

    def __init__(self, image_id, name, region, created, owner_id=None, owner_alias='self', status='Available',
                 task=None, size=40, architecture='x86_64', os_type='linux', platform='Others Linux', description='',
                 disks=()):
        self.image_id = image_id
        self.name = name
        self.region = region
        self.created = created
        self.owner_id = owner_id  # the account of a custom image; None for system and marketplace images
        self.owner_alias = owner_alias  # as its owner sees it
        self.fixed_status = status
        self.task = task
        self.size = size
        self.architecture = architecture
        self.os_type = os_type
        self.platform = platform
        self.description = description
        self.disks = list(disks)
        self.family = ''
        self.tags = {}
        self.shares = {}  # account id: shared time
        self.is_copied = False
        self.copy = None  # a distribution.CopyJob while and after the image is copied
        self.encrypted = False
        self.kms_key_id = ''
        self.snapshot_ids = []  # one a disk
        self.boot_mode = 'BIOS'
        self.nvme_support = 'unsupported'
        self.imds_support = 'v1'
        self.deletion = None  # a Deletion once DeleteImage took it
        self.detection_items = None  # the image check's findings, for an import with a DetectionStrategy

    def of_family(self, family):
        """Whether the image is of the family, named as its owner names it or as acs:<owner id>:<family>."""
        return bool(self.family) and family in (self.family, 'acs:%s:%s' % (self.owner_id, self.family))

    def exists(self, now):
        """Listed by DescribeImages: not a cancelled import, and not deleted yet."""
        return self.status(now) is not None

    def status(self, now):
        if self.deletion is not None and self.deletion.done(now):
            return None
        if self.copy is not None and self.fixed_status == 'Available':
            return self.copy.status(now)
        if self.task is None:
            return self.fixed_status
        task_status = self.task.status(now)
        return {'Finished': 'Available', 'Failed': 'CreateFailed', 'Deleted': None}.get(task_status, 'Creating')

    def progress(self, now):
        if self.copy is not None:
            return self.copy.progress(now)
        return self.task.progress(now) if self.task is not None else 100

    def observe(self, now):
        """DescribeImages in the image's region answered it (after rendering it): its import, copy or deletion may
        move on."""
        if self.deletion is not None:
            self.deletion.observe(now)
        elif self.copy is not None:
            self.copy.observe(now)
        elif self.task is not None:
            self.task.observe(now)

    def detection_options(self, now):
        """The image check, which runs once the import has ended (empty for an image never checked)."""
        if self.detection_items is None:
            return {}
        if self.status(now) != 'Available':
            return {'Status': 'Processing', 'Items': {'Item': []}}
        return {'Status': 'Finished', 'Items': {'Item': [dict(item) for item in self.detection_items]}}

    def describe(self, now, api_time, percent, in_use=False):
        """The image as DescribeImages answers it; api_time and percent render times and percents."""
        copying = self.copy is not None and self.status(now) in ('Waiting', 'Creating')
        return {
            'ImageId': self.image_id,
            'ImageName': self.name,
            'Description': self.description,
            'Status': self.status(now),
            'Progress': percent(self.progress(now)),
            'Size': self.size,
            'CreationTime': api_time(self.created).replace('Z', ':00Z'),
            'Architecture': self.architecture,
            'OSType': self.os_type,
            'Platform': self.platform,
            'ImageOwnerAlias': self.owner_alias,
            'ImageOwnerId': int(self.owner_id or 0),
            'IsSelfShared': 'true' if self.shares else 'false',
            'IsCopied': self.is_copied,
            'ImageFamily': self.family,
            'Usage': 'instance' if in_use else 'none',
            'Tags': {'Tag': [{'TagKey': k, 'TagValue': v} for k, v in sorted(self.tags.items())]},
            'BootMode': self.boot_mode,
            'Features': {'NvmeSupport': self.nvme_support, 'ImdsSupport': self.imds_support},
            'DetectionOptions': self.detection_options(now),
            'DiskDeviceMappings': {'DiskDeviceMapping': [
                {'Type': 'system' if number == 1 else 'data', 'Size': str(disk.get('size') or self.size),
                 'Format': disk.get('format', ''), 'ImportOSSBucket': disk.get('bucket', ''),
                 'ImportOSSObject': disk.get('object', ''), 'Encrypted': str(self.encrypted).lower(),
                 'Progress': percent(self.progress(now)) if copying else '',
                 'RemainTime': self.copy.remaining(now) if copying else 0,
                 'SnapshotId': snapshot_id if self.status(now) in ('Available', 'Deprecated') else ''}
                for number, (disk, snapshot_id) in enumerate(zip(self.disks or [{}], self.snapshot_ids or ['']), 1)]},
        }


class ImageActions:
    """ImportImage, ExportImage and DescribeImages of the World (model.World mixes this in)."""

    def init_images(self, fixtures):
        self.images = {}
        self.client_tokens = {}
        self.buckets = Buckets(self.clock, fixtures.get('oss_buckets'))
        for spec in fixtures.get('images') or []:
            self.seed_image(spec)

    # --- fixtures and control ---------------------------------------------------------------------

    def seed_image(self, spec):
        status = spec.get('status', 'Available')
        if status not in IMAGE_STATUSES:
            raise ValueError('status must be one of %s' % ', '.join(IMAGE_STATUSES))
        alias = spec.get('owner_alias', 'self')
        if alias not in OWNER_ALIASES:
            raise ValueError('owner_alias must be one of %s' % ', '.join(OWNER_ALIASES))
        # "others": an image of another account shared with the fixtures' account
        owner_id = {'self': str(spec.get('owner_id') or self.account_id),
                    'others': str(spec.get('owner_id') or OTHER_ACCOUNT_ID)}.get(alias)
        image = Image(spec.get('image_id') or self.new_id('m-'), spec.get('image_name', ''),
                      spec.get('region', 'cn-hangzhou'), self.clock.now() - float(spec.get('age_seconds', 0)),
                      owner_id=owner_id, owner_alias='self' if owner_id else alias, status=status,
                      size=int(spec.get('size', 40)), architecture=spec.get('architecture', 'x86_64'),
                      os_type=spec.get('os_type', 'linux'), platform=spec.get('platform', 'Others Linux'))
        image.family = spec.get('image_family', '')
        image.tags = dict(spec.get('tags') or {})
        shared_with = list(spec.get('shared_with') or []) + ([self.account_id] if alias == 'others' else [])
        image.shares = dict((str(a), self.api_time(image.created).replace('Z', ':00Z')) for a in shared_with)
        image.encrypted = bool(spec.get('encrypted', False))
        image.boot_mode = spec.get('boot_mode', 'BIOS')
        image.nvme_support = spec.get('nvme_support', 'unsupported')
        image.imds_support = spec.get('imds_support', 'v1')
        given = spec.get('snapshot_ids') or []
        image.disks = [{} for dummy in range(max(1, len(given)))]
        image.snapshot_ids = self.new_snapshots(image.region, image.size, len(image.disks), given)
        self.images[image.image_id] = image
        return image

    def listed_images(self, now):
        """Images as DescribeImages sees them: a cancelled import leaves no image."""
        return [image for image in self.images.values() if image.status(now) is not None]

    def alias_of(self, image):
        """How the calling account sees the image: self, others (shared with it), system or marketplace; None: it
        does not see it."""
        if image.owner_id is None:
            return image.owner_alias
        if image.owner_id == self.caller:
            return 'self'
        return 'others' if self.caller in image.shares else None

    def image_answer(self, image, now):
        """The image as the calling account is answered it: an account it is shared with sees its family as
        acs:<owner>:<family>."""
        answer = image.describe(now, self.api_time, self.percent, self.image_in_use(image))
        alias = self.alias_of(image)
        answer['ImageOwnerAlias'] = alias or image.owner_alias
        if alias == 'others' and image.family:
            answer['ImageFamily'] = 'acs:%s:%s' % (image.owner_id, image.family)
        return answer

    # --- actions ------------------------------------------------------------------------------------

    def disk_mappings(self, params, region):
        numbers = sorted(set(int(m.group(1)) for m in (re.match(r'^DiskDeviceMapping\.(\d+)\.', k) for k in params)
                             if m))
        if not numbers:
            raise ApiFailure('MissingParameter.DiskDeviceMapping', 'The specified parameter DiskDeviceMapping is not '
                                                                   'supplied.', 403)
        if numbers != list(range(1, len(numbers) + 1)) or len(numbers) > MAX_DISKS:
            raise ApiFailure('InvalidParameter', 'The specified parameter "DiskDeviceMapping.N" is not valid: N runs '
                                                 'from 1 to %d without gaps.' % MAX_DISKS)
        disks = []
        for number in numbers:
            prefix = 'DiskDeviceMapping.%d.' % number
            for name in ('OSSBucket', 'OSSObject'):
                if not params.get(prefix + name):
                    raise missing(prefix + name)
            disk = {'bucket': params[prefix + 'OSSBucket'], 'object': params[prefix + 'OSSObject']}
            image_format = params.get(prefix + 'Format')
            if image_format:
                if image_format.upper() not in DISK_FORMATS:
                    raise ApiFailure('InvalidImageFormat.Malformed', 'The specified Image Format is wrongly formed.')
                disk['format'] = image_format.upper()
            size = params.get(prefix + 'DiskImageSize')
            if size:
                if not size.isdigit() or not 1 <= int(size) <= 2048:
                    raise ApiFailure('InvalidImageSize', 'The specified "%sDiskImageSize" is beyond the permitted '
                                                         'range.' % prefix)
                disk['size'] = int(size)
            disks.append(disk)
        for disk in disks:
            bucket = self.buckets.for_ecs(region, disk['bucket'])
            stored = self.buckets.objects(bucket).get(disk['object'])
            if stored is None:
                raise ApiFailure('InvalidOSSObject.NotFound', 'The specified OSS object does not exist in this region.')
            if stored.get('path'):  # uploaded through OSS: the service reads what the file is
                found = sniff(stored['path'], stored['size'])
                disk['failure'] = import_failure(found, disk.get('format'), disk.get('size'))
                disk.setdefault('size', max(found.gib, 1))
            disk.setdefault('size', int(stored.get('size_gib', 40)))
            disk['outcome'] = 'Failed' if disk.get('failure') else stored.get(
                'import_outcome', bucket.get('import_outcome', 'Finished'))
            disk['detection_items'] = stored.get('detection_items', bucket.get('detection_items', []))
        return disks

    def check_choice(self, params, name, choices, code, message, ignore_case=False):
        value = params.get(name)
        if value and (value.lower() not in [c.lower() for c in choices] if ignore_case else value not in choices):
            raise ApiFailure(code, message)

    def import_image(self, params):
        region = self.region(params)
        replay = None if dry_run(params) else self.replay(params)
        if replay is not None:
            return replay
        disks = self.disk_mappings(params, region)
        name = params.get('ImageName') or ''
        now = self.clock.now()
        if name and not valid_name(name):
            raise ApiFailure('InvalidImageName.Malformed', 'The specified Image name is wrongly formed.')
        description = params.get('Description') or ''
        if description and (not 2 <= len(description) <= 256 or re.match(r'^https?://', description)):
            raise ApiFailure('InvalidDescription.Malformed', 'The specified Image description is wrongly formed.')
        self.check_choice(params, 'Architecture', ARCHITECTURES, 'InvalidArchitecture.Malformed',
                          'The specified Architecture is wrongly formed.')
        self.check_choice(params, 'OSType', OS_TYPES, 'InvalidOSType.Malformed', 'The specified OSType is wrongly formed.',
                          ignore_case=True)
        self.check_choice(params, 'Platform', PLATFORMS, 'InvalidPlatform.Malformed',
                          'The specified Platform is wrongly formed.')
        self.check_choice(params, 'BootMode', BOOT_MODES, 'InvalidParameter',
                          'The specified parameter "BootMode" is not valid.')
        self.check_choice(params, 'Features.NvmeSupport', NVME_SUPPORT, 'InvalidParameter',
                          'The specified parameter "Features.NvmeSupport" is not valid.')
        self.check_choice(params, 'DetectionStrategy', DETECTION_STRATEGIES, 'InvalidParameter',
                          'The specified parameter "DetectionStrategy" is not valid.')
        self.check_choice(params, 'LicenseType', LICENSE_TYPES, 'InvalidLicenseType.NotSupported',
                          'The specified LicenseType is not supported')
        if params.get('Architecture') == 'arm64' and params.get('BootMode') == 'BIOS':
            raise ApiFailure('InvalidParameter', 'The specified parameter "BootMode" is not valid: arm64 images boot '
                                                 'with UEFI.')
        tags = tag_pairs(params)
        if name and any(i.name == name and i.region == region and self.alias_of(i) == 'self'
                        for i in self.listed_images(now)):
            raise ApiFailure('InvalidImageName.Duplicated', 'The destination image is exist.')
        if dry_run(params):
            raise dry_run_passed()
        image_id = self.new_id('m-')
        task = self.seed({'task_action': 'ImportImage', 'region': region, 'resource_id': image_id,
                          'outcome': 'Failed' if any(d['outcome'] == 'Failed' for d in disks) else 'Finished'})
        task.failure = next((d['failure'] for d in disks if d.get('failure')), None)
        self.images[image_id] = Image(image_id, name or image_id, region, task.created, owner_id=self.caller,
                                      task=task, size=disks[0]['size'],
                                      architecture=params.get('Architecture') or 'x86_64',
                                      os_type=(params.get('OSType') or 'linux').lower(),
                                      platform=params.get('Platform') or 'Others Linux', description=description,
                                      disks=disks)
        image = self.images[image_id]
        image.tags = dict(tags)
        image.boot_mode = params.get('BootMode') or 'BIOS'
        image.nvme_support = params.get('Features.NvmeSupport') or 'unsupported'
        if params.get('DetectionStrategy'):
            image.detection_items = disks[0]['detection_items']
        image.snapshot_ids = self.new_snapshots(region, disks[0]['size'], len(disks))
        answer = {'RegionId': region, self.task_id_field('ImportImage'): task.task_id, 'ImageId': image_id}
        return self.remember(params, answer)

    def task_id_field(self, action):
        if self.quirks.get('task_id_field') == 'legacy':
            return {'ImportImage': 'ImportTaskId', 'ExportImage': 'ExportTaskId'}[action]
        return 'TaskId'

    def replay(self, params):
        """The first answer for a ClientToken used before with the same request; a mismatch is an error."""
        token = params.get('ClientToken')
        if not token:
            return None
        if len(token) > 64 or not all(32 < ord(c) < 127 for c in token):
            raise ApiFailure('InvalidParameter', 'The specified parameter "ClientToken" is not valid.')
        seen = self.client_tokens.get((params.get('Action'), token))
        if seen is None:
            return None
        if seen[0] != business_parameters(params):
            raise ApiFailure('IdempotentParameterMismatch', 'The request uses the same client token as a previous, '
                                                            'but non-identical request.')
        return dict(seen[1])

    def remember(self, params, answer):
        if params.get('ClientToken'):
            self.client_tokens[(params.get('Action'), params['ClientToken'])] = (business_parameters(params), dict(answer))
        return answer

    def export_image(self, params):
        region = self.region(params)
        for name in ('ImageId', 'OSSBucket'):
            if not params.get(name):
                raise missing(name)
        image = self.images.get(params['ImageId'])
        now = self.clock.now()
        if image is None or image.region != region or self.alias_of(image) != 'self' or image.status(now) is None:
            raise ApiFailure('InvalidImageId.NotFound', 'The specified ImageId does not exist.', 404)
        prefix = params.get('OSSPrefix')
        if prefix is not None and not re.match(r'^[A-Za-z0-9]{1,30}$', prefix):
            raise ApiFailure('InvalidOSSPrefix.Malformed', 'The specified OSSPrefix format is wrongly formed.')
        image_format = params.get('ImageFormat') or 'raw'
        if image_format not in EXPORT_FORMATS:
            raise ApiFailure('InvalidImageFormat.Malformed', 'The specified Image Format is wrongly formed.')
        bucket = self.buckets.for_ecs(region, params['OSSBucket'])
        if image.status(now) != 'Available':
            raise ApiFailure('IncorrectImageStatus', 'The specified Image is not available.')
        if any(t.action == 'ExportImage' and t.resource_id == image.image_id and t.status(now) in ('Waiting', 'Processing')
               for t in self.tasks.values()):
            raise ApiFailure('ImageIsExporting', 'The specified Image is exporting.', 403)
        if dry_run(params):
            raise dry_run_passed()
        task = self.seed({'task_action': 'ExportImage', 'region': region, 'resource_id': image.image_id,
                          'outcome': bucket.get('export_outcome', 'Finished')})
        suffix = '.raw.tar.gz' if image_format == 'raw' else '.' + image_format
        key = '_'.join(part for part in (prefix, image.image_id, task.task_id) if part) + suffix
        task.related_items = {'OSSBucket': params['OSSBucket'], 'OSSObject': key, 'ImageFormat': image_format}
        self.buckets.add_export(bucket, task, key, {'size_gib': image.size})
        return {'RegionId': region, self.task_id_field('ExportImage'): task.task_id}

    def describe_images(self, params):
        region = self.region(params)
        statuses = [s for s in (params.get('Status') or 'Available').split(',') if s]
        if statuses == ['ALL']:
            statuses = list(IMAGE_STATUSES)
        if any(s not in IMAGE_STATUSES for s in statuses):
            raise ApiFailure('InvalidParameter', 'The specified parameter "Status" is not valid.')
        owner = params.get('ImageOwnerAlias')
        if owner and owner not in OWNER_ALIASES:
            raise ApiFailure('InvalidImageOwnerAlias.ValueNotSupported',
                             'The specified ImageOwnerAlias value is not supported.')
        image_ids = [i for i in (params.get('ImageId') or '').split(',') if i]
        if self.quirks.get('image_id_list') == 'single' and params.get('ImageId'):
            image_ids = [params['ImageId']]  # "m-1,m-2" is one id, of no image
        if len(image_ids) > 100:
            raise ApiFailure('InvalidParameter', 'The specified parameter "ImageId" exceeds the limit of 100 ids.')
        page_number = self.integer(params, 'PageNumber', 1, 1, None)
        page_size = self.integer(params, 'PageSize', 10, 1, 100)
        if dry_run(params):
            raise dry_run_passed()
        usage = params.get('Usage')
        if usage and usage not in ('instance', 'none'):
            raise ApiFailure('InvalidUsage.ValueNotSupported', 'The specified Usage value is not supported.')
        family = params.get('ImageFamily')
        snapshot_id = params.get('SnapshotId')
        tags = tag_pairs(params)
        name = (params.get('ImageName') or '').lower()
        now = self.clock.now()
        matched = [i for i in self.listed_images(now)
                   if i.region == region and i.status(now) in statuses
                   and self.alias_of(i) in ((owner,) if owner else ('system', 'self', 'others'))
                   and (not image_ids or i.image_id in image_ids)
                   and (not family or i.of_family(family))
                   and (not snapshot_id or snapshot_id in i.snapshot_ids)
                   and (not usage or ('instance' if self.image_in_use(i) else 'none') == usage)
                   and all(i.tags.get(k) == v for k, v in tags)
                   and name in i.name.lower()]  # the API matches names loosely
        matched.sort(key=lambda i: (i.created, i.image_id), reverse=True)
        page = matched[(page_number - 1) * page_size:page_number * page_size]
        answer = {'RegionId': region, 'TotalCount': len(matched), 'PageNumber': page_number, 'PageSize': page_size,
                  'Images': {'Image': [self.image_answer(i, now) for i in page]}}
        for image in page:
            image.observe(now)
        return answer
