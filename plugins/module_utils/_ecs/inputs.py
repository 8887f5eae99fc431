# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""What a user gives for images, tasks and accounts, checked before any API call: each check raises OptionError
naming the option and the form expected. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError

ARCHITECTURES = ('i386', 'x86_64', 'arm64')
OS_TYPES = ('linux', 'windows')
BOOT_MODES = ('BIOS', 'UEFI')
NVME_SUPPORT = ('supported', 'unsupported')
DETECTION_STRATEGIES = ('Standard',)
LICENSE_TYPES = ('Auto', 'Aliyun', 'BYOL')
PLATFORMS = (
    'Aliyun', 'Anolis', 'CentOS', 'Ubuntu', 'CoreOS', 'SUSE', 'Debian', 'OpenSUSE', 'FreeBSD', 'RedHat', 'Kylin', 'UOS',
    'Fedora', 'Fedora CoreOS', 'CentOS Stream', 'AlmaLinux', 'Rocky Linux', 'Gentoo', 'Customized Linux',
    'Others Linux', 'Windows Server 2022', 'Windows Server 2019', 'Windows Server 2016', 'Windows Server 2012',
    'Windows Server 2008', 'Windows Server 2003', 'Other Windows',
)
MAX_TAGS = 20
MAX_SHARE_ACCOUNTS = 50
_IMAGE_NAME = re.compile(r'^[^\W\d_][\w.:-]{1,127}$')


def id_list(value, option):
    """A list of ids from a list or a comma-separated string; empty ids are refused, duplicates dropped."""
    items = value.split(',') if isinstance(value, str) else list(value)
    ids = []
    for item in items:
        item = str(item).strip()
        if not item or ',' in item:
            raise OptionError(option, 'expected a non-empty list of ids (or one comma-separated string of ids), '
                                      'got %r' % (value,))
        if item not in ids:
            ids.append(item)
    if not ids:
        raise OptionError(option, 'expected at least one id, got an empty list')
    return ids


def check_one_image(options, which=''):
    """Exactly one of image_id and image_name; `which` says what image they name."""
    given = [name for name in ('image_id', 'image_name') if (options.get(name) or '').strip()]
    if len(given) != 1:
        raise OptionError('image_id', 'expected exactly one of image_id and image_name%s, got %s'
                          % (which, ' and '.join(given) or 'neither'))


def check_image_name(name, option='name'):
    if not isinstance(name, str) or not _IMAGE_NAME.match(name) or re.match(r'^(aliyun|acs:)', name) \
            or re.search(r'https?://', name):
        raise OptionError(option, 'expected 2 to 128 characters: a letter first, then letters, digits, ".", ":", '
                                  '"_" or "-"; not starting with "aliyun" or "acs:"; got %r' % (name,))
    return name


def check_description(description, option='description'):
    if description is not None and (not 2 <= len(description) <= 256 or re.match(r'^https?://', description)):
        raise OptionError(option, 'expected 2 to 256 characters, not starting with http:// or https://')
    return description


def tag_values(tags):
    """Tags as the API stores them: every value a string, an empty one for None."""
    return dict((key, '' if value is None else str(value)) for key, value in (tags or {}).items())


def tag_parameters(tags):
    if not tags:
        return {}
    if len(tags) > MAX_TAGS:
        raise OptionError('tags', 'expected at most %d tags, got %d' % (MAX_TAGS, len(tags)))
    params = {}
    for number, (key, value) in enumerate(sorted(tag_values(tags).items()), 1):
        if not key or len(key) > 128 or re.match(r'^(aliyun|acs:)', key) or re.search(r'https?://', key + value) \
                or len(value) > 128 or value.startswith('acs:'):
            raise OptionError('tags', 'expected keys of 1 to 128 characters and values of at most 128, neither '
                                      'starting with "acs:" (nor a key with "aliyun") nor holding http(s)://; '
                                      'got %r: %r' % (key, value))
        params['Tag.%d.Key' % number] = key
        params['Tag.%d.Value' % number] = value
    return params


_ACCOUNT_ID = re.compile(r'^\d{1,20}$')
REGION_ID = re.compile(r'^[a-z]{2,}(-[a-z0-9]+)+$')


def check_accounts(accounts):
    """launch_permissions as a sorted list of account ids, or None when not set."""
    if accounts is None:
        return None
    accounts = sorted(set(str(a).strip() for a in accounts))
    bad = [a for a in accounts if not _ACCOUNT_ID.match(a)]
    if bad:
        raise OptionError('launch_permissions', 'expected Alibaba Cloud account ids (digits), got %s' % ', '.join(
            repr(a) for a in bad))
    if len(accounts) > MAX_SHARE_ACCOUNTS:
        raise OptionError('launch_permissions', 'an image is shared with at most %d accounts, got %d'
                          % (MAX_SHARE_ACCOUNTS, len(accounts)))
    return accounts
