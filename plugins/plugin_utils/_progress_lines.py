# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The progress lines the action plugins print, from the records the modules write (module_utils/_progress/report.py).
Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

UNITS = ('B', 'KiB', 'MiB', 'GiB', 'TiB')


def size_text(count):
    value = float(count)
    for unit in UNITS:
        if value < 1024 or unit == UNITS[-1]:
            return '%d %s' % (value, unit) if unit == 'B' else '%.1f %s' % (value, unit)
        value /= 1024
    return None  # not reached


def duration_text(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return '%ds' % seconds
    if seconds < 3600:
        return '%dm %02ds' % divmod(seconds, 60)
    return '%dh %02dm' % (seconds // 3600, seconds % 3600 // 60)


def rate(record, previous):
    """Bytes a second over the last interval: since the previous line (`seen`, the controller's time of each line),
    or since the start for the first one (what a resumed run reused does not count)."""
    if previous:
        seconds = record['seen'] - previous['seen']
        return max(record['bytes_done'] - previous['bytes_done'], 0) / seconds if seconds > 0 else 0.0
    if record['at'] > record.get('started', record['at']):
        return max(record['bytes_done'] - record.get('bytes_reused', 0), 0) / (record['at'] - record['started'])
    return 0.0


def transfer_line(record, previous=None, subject=''):
    """'upload oss://b/k: 512.0 MiB of 2.0 GiB (25%), 12.5 MiB/s, 2m 03s left, parts 32/128, reused 8 (128.0 MiB)'."""
    done, total = record['bytes_done'], record['bytes_total']
    speed = rate(record, previous)
    if done >= total:
        left = 'done'
    elif speed > 0:
        left = duration_text((total - done) / speed) + ' left'
    else:
        left = 'time left unknown'
    reused = ''
    if record.get('parts_reused'):
        reused = ', reused %d (%s)' % (record['parts_reused'], size_text(record.get('bytes_reused', 0)))
    return '%s%s: %s of %s (%d%%), %s/s, %s, parts %d/%d%s' % (
        record['direction'], subject, size_text(done), size_text(total), 100 * done // total if total else 100,
        size_text(speed), left, record['parts_done'], record['parts_total'], reused)


def wait_line(record, hide_names=False):
    """'poll 3, 12.0 s: 1/2 finished | t-2 Processing 45%', as the image_task_wait role writes it; past a few
    unfinished tasks (or with names hidden) ' | 30 running, 10 sampled, median 64%'."""
    line = 'poll %d, %s s: %d/%d finished' % (record['polls'], record['elapsed'], record['finished'], record['total'])
    if record['unfinished_count'] and (hide_names or record['unfinished_count'] > len(record['unfinished'])):
        median = ', median %d%%' % record['median'] if record.get('median') is not None else ''
        return line + ' | %d running, %d sampled%s' % (record['unfinished_count'], record['sampled'], median)
    for item in record['unfinished']:
        percent = ' %d%%' % item['percent'] if item.get('percent') is not None else ''
        line += ' | %s %s%s' % (item['name'], item['status'] or 'not read', percent)
    return line


def progress_line(record, previous=None, subject='', hide_names=False):
    """The line of any record; None for a record of a kind this version does not know."""
    try:
        if record.get('kind') == 'transfer':
            return transfer_line(record, previous, '' if hide_names else subject)
        if record.get('kind') == 'wait':
            return wait_line(record, hide_names)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        pass  # a record that cannot be read never fails the task
    return None
