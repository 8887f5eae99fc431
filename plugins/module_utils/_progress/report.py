# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""What a long-running module tells its action plugin while it works.

The action plugin starts the module in the background and names a progress file; the module writes its latest
state there (whole, through a rename), and the progress_poll module reads it for the plugin. progress_poll also
keeps a lease file fresh beside it: a module whose lease has gone stale knows that nobody follows it any more (the
controller was killed) and stops, removing what it and its background job wrote, and leaving only the transfer's
own resumable state. Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import signal
import threading
import time

DEFAULT_INTERVAL = 30
WRITE_GAP = 0.5  # seconds: the most often the file is rewritten, however fast the work moves
PER_TASK_ITEMS = 5  # unfinished items named one by one, as the image_task_wait role does; past it a summary


def progress_argument_spec():
    return dict(
        progress_interval=dict(type='int', default=DEFAULT_INTERVAL),
        _progress_file=dict(type='path'),
    )


def lease_path(progress_file):
    return progress_file + '.watched'


def lease_seconds(interval):
    """How long the module goes on without a poll before it takes the controller for gone: progress_poll renews the
    lease while it waits, so only the time between two polls counts, which is a module start or two."""
    return 3 * interval + 10


def write_json(path, data):
    """Write data as JSON at path whole: a reader sees the old content or the new, never half of it."""
    temporary = '%s.%d.tmp' % (path, os.getpid())
    with open(temporary, 'w') as handle:
        json.dump(data, handle)
    os.replace(temporary, path)


def read_json(path):
    """The JSON at path, or None when there is none or it cannot be read."""
    try:
        with open(path) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def remove_files(*paths):
    for path in paths:
        try:
            os.remove(path)
        except OSError:
            pass


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


def abandon_job(progress_file, lease):
    """Nobody polls any more: remove the progress and lease files and, under the async wrapper whose job file the
    lease names, end the wrapper's process that waits for this one first, so that it writes no job file, then remove
    the job file; end. The work's own resumable state (uploaded parts, the download record) stays."""
    remove_files(progress_file, lease_path(progress_file))
    results_file = lease.get('results_file') or ''
    async_dir = os.path.realpath(os.path.expanduser(os.environ.get('ANSIBLE_ASYNC_DIR', '~/.ansible_async')))
    if os.path.dirname(os.path.realpath(results_file)) == async_dir and under_async_wrapper():
        try:
            os.kill(os.getppid(), signal.SIGKILL)
        except OSError:
            pass
        remove_files(results_file)
    os._exit(1)


def under_async_wrapper():
    """Whether the parent process is ansible's async wrapper (known through /proc; elsewhere, not known)."""
    parent = os.getppid()
    try:
        with open('/proc/%d/cmdline' % parent, 'rb') as handle:
            return parent > 1 and b'async_wrapper' in handle.read()
    except OSError:
        return False


def progress_report(options):
    """The report that module options ask for: a ProgressReport when the action plugin named a progress file."""
    if options.get('_progress_file') and options.get('progress_interval'):
        return ProgressReport(options['_progress_file'], options['progress_interval'])
    return NoReport()
