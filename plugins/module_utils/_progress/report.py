# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""What a long-running module tells its action plugin while it works: the report of a run in the background, or none
in the foreground. The files it writes are described in _progress/files.py. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import threading
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.abandon import abandon_job
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.files import lease_path, lease_seconds, read_json, write_json

WRITE_GAP = 0.5  # seconds: the most often the file is rewritten, however fast the work moves
PER_TASK_ITEMS = 5  # unfinished items named one by one, as the image_task_wait role does; past it a summary


class NoReport:
    """The report of a module run in the foreground: nothing is written."""

    def transfer(self, **counts):
        pass

    def wait(self, polls, elapsed, items):
        pass


class ProgressReport:
    """The progress file of one background module run, rewritten at most every WRITE_GAP seconds."""

    def __init__(self, path, interval, clock=time.time, abandon=None):
        self.path = path
        self.lease = lease_path(path)
        self.lease_seconds = lease_seconds(interval)
        self._clock = clock
        self._abandon = abandon or abandon_job
        self._lock = threading.Lock()
        self._written = None
        self._started = clock()
        try:
            write_json(self.lease, {})  # the first poll renews it; until then the run counts from its start
            self._off = False
        except OSError:  # no report and no lease to follow: the work goes on, unreported, until it ends
            self._off = True

    def transfer(self, **counts):
        """direction, bytes_done, bytes_total, parts_done, parts_total, bytes_reused, parts_reused."""
        self._write(dict(counts, kind='transfer'), final=counts['bytes_done'] >= counts['bytes_total'])

    def wait(self, polls, elapsed, items):
        """One poll of a wait: items are dicts of name, status, percent (or None) and done."""
        self._write(wait_record(polls, elapsed, items), final=False)

    def _write(self, record, final):
        if self._off:
            return
        with self._lock:
            now = self._clock()
            if not final and self._written is not None and now - self._written < WRITE_GAP:
                return
            self._check_lease(now)
            self._written = now
            try:
                write_json(self.path, dict(record, at=round(now, 3), started=round(self._started, 3)))
            except OSError:
                pass  # a report that cannot be written never fails the work

    def _check_lease(self, now):
        try:
            renewed = os.stat(self.lease).st_mtime
        except OSError:
            renewed = self._started
        if now - renewed > self.lease_seconds:
            self._abandon(self.path, read_json(self.lease) or {})


def progress_item(name, status, percent=None, done=False):
    """One thing a wait follows (a task, an image copy), as the report names it."""
    return dict(name=name, status=status, percent=percent, done=done)


def wait_record(polls, elapsed, items):
    """The state of a wait in the terms of the image_task_wait role's progress line."""
    unfinished = [item for item in items if not item['done']]
    percents = sorted(item['percent'] for item in unfinished if item['percent'] is not None)
    return dict(kind='wait', polls=polls, elapsed=round(elapsed, 1), finished=len(items) - len(unfinished),
                total=len(items), unfinished=unfinished[:PER_TASK_ITEMS], unfinished_count=len(unfinished),
                sampled=len(percents), median=percents[len(percents) // 2] if percents else None)
