# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Ansible's async wrapper around a background run, seen through /proc (elsewhere it is not seen, and left alone).

Its watcher process outlives the run by up to 5 s (it looks at the run every 5 s, then removes the run's temporary
folder and exits): once the run's result is read, the wrapper is ended here and its folder removed, so that nothing
of the run outlives the task. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil
import signal


def wrapper_arguments(pid):
    """The command line of process `pid` when it is an async wrapper ([python, async_wrapper.py, jid, time limit,
    preserve_tmp, wrapped module, ...]), else None."""
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as handle:
            argv = handle.read().decode('utf-8', 'replace').split('\0')
    except (OSError, ValueError):
        return None
    if len(argv) >= 6 and os.path.basename(argv[1]).startswith('async_wrapper'):
        return argv
    return None


def end_wrapper(pid, argv):
    """End the wrapper process `pid` and do what it would have done last: remove the run's temporary folder (unless
    it was told to keep it)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        return
    if argv[4].lower() != 'true':
        shutil.rmtree(os.path.dirname(argv[5]), ignore_errors=True)


def end_wrappers_of(results_file):
    """End the wrapper processes of the job whose result file this is (its name is the job id the wrapper was given,
    a dot, and the wrapper's first process id); the job has ended, so they only wait to clean up."""
    if not os.path.isdir('/proc'):
        return
    job = os.path.basename(results_file).rsplit('.', 1)[0]
    for entry in os.listdir('/proc'):
        if entry.isdigit() and int(entry) != os.getpid():
            argv = wrapper_arguments(int(entry))
            if argv is not None and argv[2] == job:
                end_wrapper(int(entry), argv)
