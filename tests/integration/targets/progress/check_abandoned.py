# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Kill the controller of abandoned.yml (ansible-playbook and its workers, which are process groups of their own) once
its first progress line shows, then check that the
upload it ran in the background stops by itself within its lease (3 x 1 s + 10 s) and some slack: no process of it
left, nothing of it in its async and remote tmp folders, and its multipart upload left in OSS for a later run to
resume.

Usage: check_abandoned.py PID WORK EMULATOR_URL
"""

import json
import os
import signal
import sys
import time
import urllib.request

LEASE_AND_SLACK = 3 * 1 + 10 + 12  # the lease at progress_interval 1, and the async wrapper's 5 s watch twice over


def wait_for(what, condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit('FAILED: after %d s, %s' % (seconds, what))
        time.sleep(0.25)


def descendants(pid):
    """pid and every process below it."""
    children = {}
    for entry in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/stat' % entry) as handle:
                children.setdefault(int(handle.read().rsplit(')', 1)[1].split()[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            pass
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(children.get(current, []))
    return found


def processes_of(folder):
    found = []
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as handle:
                if folder.encode() in handle.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def files_in(*folders):
    return [os.path.join(d, f) for folder in folders if os.path.isdir(folder) for d, dummy, fs in os.walk(folder)
            for f in fs]


def main(pid, work, emulator_url):
    output = os.path.join(work, 'abandoned.txt')

    def progress_shown():
        with open(output) as handle:
            return 'oss_object: upload oss://exports/images/abandoned.raw' in handle.read()
    wait_for('no progress line from abandoned.yml', progress_shown, 60)
    controller = descendants(int(pid))
    for process in controller:
        os.kill(process, signal.SIGKILL)
    killed = time.monotonic()
    print('killed the controller of abandoned.yml: processes %s' % controller)
    tmp, async_dir = os.path.join(work, 'abandoned-tmp'), os.path.join(work, 'abandoned-async')
    wait_for('the background upload still runs: processes %s' % processes_of(tmp), lambda: not processes_of(tmp),
             LEASE_AND_SLACK)
    print('the background upload stopped %.1f s after the kill' % (time.monotonic() - killed))
    # The poll that ran when the controller died keeps its remote tmp file, as any module does whose controller is
    # killed (ansible removes it after the module ends; with pipelining there is none). Nothing else may stay.

    def left():
        return [path for path in files_in(tmp, async_dir) if os.path.basename(path) != 'AnsiballZ_progress_poll.py']
    wait_for('files left: %s' % left(), lambda: not left(), 12)
    with urllib.request.urlopen(emulator_url + '/_emulator/oss/exports') as answer:
        bucket = json.load(answer)
    if 'images/abandoned.raw' not in bucket['uploads'] or 'images/abandoned.raw' in bucket['objects']:
        raise SystemExit('FAILED: expected the unfinished upload of images/abandoned.raw, and no object: %s' % bucket)
    print('abandoned run: stopped, nothing left but its unfinished upload')


if __name__ == '__main__':
    main(*sys.argv[1:])
