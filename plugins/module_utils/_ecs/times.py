# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The times of the ECS API: parsed from what a user or the API writes, written as the API takes them, and sorted by.
Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError

_TIME = re.compile(r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$', re.I)
_UTC = datetime.timezone.utc


def parse_time(value, option):
    """An aware UTC datetime from ISO 8601 with or without seconds, Z or an offset (none means UTC)."""
    match = _TIME.match(value.strip())
    if not match:
        raise OptionError(option, 'expected an ISO 8601 time such as 2026-11-29T08:30Z, 2026-11-29T08:30:00Z or '
                                  '2026-11-29T16:30+08:00, got %r' % value)
    year, month, day, hour, minute, second, zone = match.groups()
    offset = datetime.timedelta(0)
    if zone and zone.upper() != 'Z':
        digits = zone[1:].replace(':', '')
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == '-' else offset
    try:
        local = datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                  tzinfo=datetime.timezone(offset))
    except ValueError as exc:
        raise OptionError(option, 'not a valid time: %r (%s)' % (value, exc))
    return local.astimezone(_UTC)


def api_time(moment):
    """UTC time as the API documents it: YYYY-MM-DDThh:mmZ, with seconds only when they are not zero."""
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ' if moment.second else '%Y-%m-%dT%H:%MZ')


def creation_window(value):
    """(earliest, latest) moment a creation time such as 2015-11-24T12:50Z can stand for: the API shows some
    times without seconds, so such a time stands for its whole minute. None when it is not a time."""
    try:
        moment = parse_time(value or '', 'creation_time')
    except OptionError:
        return None
    has_seconds = re.search(r'T\d{2}:\d{2}:\d{2}', value)
    return moment, moment + datetime.timedelta(seconds=0 if has_seconds else 59)


def newest_first(items):
    """Tasks or images, newest first by their creation_time (those without one last)."""
    def key(task):
        try:
            return parse_time(task['creation_time'], 'creation_time')
        except (OptionError, AttributeError):
            return datetime.datetime.min.replace(tzinfo=_UTC)
    return sorted(items, key=key, reverse=True)
