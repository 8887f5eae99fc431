#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a run left running. The process that calls adopt() becomes a subreaper (Linux): whatever its commands start
stays among its descendants, even a process that daemonizes (ansible's async wrapper does), so left() at the end
finds every process of the run that is still alive."""

import ctypes
import os
import time

PR_SET_CHILD_SUBREAPER = 36


def adopt():
    """Keep this process's orphaned descendants as its own; False where the system cannot."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap():
    """Collect the exit status of ended children (orphans ended under the subreaper), so they are gone."""
    while True:
        try:
            pid, dummy = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def processes():
    """{pid: (parent pid, command line)} of the processes alive now, zombies left out."""
    found = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % entry) as handle:
                stat = handle.read()
            with open('/proc/%s/cmdline' % entry, 'rb') as handle:
                command = handle.read().replace(b'\0', b' ').decode('utf-8', 'replace').strip()
        except OSError:
            continue
        fields = stat[stat.rindex(')') + 2:].split()
        if fields[0] != 'Z':
            found[int(entry)] = (int(fields[1]), command)
    return found


def left(grace=0.0, root=None):
    """[(pid, command line)] of the live descendants of `root` (this process), after waiting up to `grace` seconds for
    them to end by themselves (ansible's async wrapper looks at its job every 5 s before it exits)."""
    root = root or os.getpid()
    deadline = time.monotonic() + grace
    while True:
        running = descendants(root)
        if not running or time.monotonic() >= deadline:
            return running
        time.sleep(0.1)


def descendants(root):
    reap()
    table = processes()
    mine, grew = {root}, True
    while grew:
        grew = False
        for pid, (parent, dummy) in table.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                grew = True
    return sorted((pid, table[pid][1]) for pid in mine if pid != root and pid in table)
