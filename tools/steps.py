#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""How make test runs its steps: the set-up in order, then three lanes side by side, each step's output written whole
once it ends, its last lines again at the end when it failed, and a summary with each step's wall clock and CPU."""

from collections import deque
import io
import os
import resource
import subprocess
import sys
import threading
import time

from paths import BUILD, COLLECTION_PATH, COLLECTIONS, HOME, ROOT


TAIL_LINES = 40


class Lane(threading.local):
    """Where the steps of the running thread work and write. The second lane has its own copy of the installed
    collection and its own HOME, since ansible-test writes into the collection (tests/output) and HOME."""

    collections = COLLECTIONS
    home = HOME
    output = None  # a buffer while a lane's step runs, else standard output
    recent = deque(maxlen=TAIL_LINES)  # the running step's last lines, shown again at the end if it fails
    cpu_seconds = 0.0  # the CPU time of the running step's commands and of the processes they waited for

    @property
    def installed(self):
        return os.path.join(self.collections, COLLECTION_PATH)

    def write(self, text):
        (self.output or sys.stdout).write(text)
        self.recent.append(text)


LANE = Lane()
# The other lanes' copies of the installed collection and of HOME; the third lane takes the steps that mostly wait
# (on slowed links, on the emulator's clock) and the linters, beside the two that keep the two cores busy.
LANE_PLACES = {2: (os.path.join(BUILD, 'collections-2'), os.path.join(BUILD, 'home-2')),
               3: (os.path.join(BUILD, 'collections-3'), os.path.join(BUILD, 'home-3'))}


class StepFailed(Exception):
    """A step's command failed or its output showed that it did not really run."""


class Step:
    """One named check: a callable that raises StepFailed (or CalledProcessError) when it fails."""

    def __init__(self, name, run, essential=False, lane=0):
        self.name = name
        self.run = run
        self.essential = essential  # later steps are pointless when this one fails
        self.lane = lane  # 0: in order before the lanes; 1, 2 or 3: side by side; 4: in order after them
        self.status = 'not run'
        self.seconds = 0.0
        self.detail = ''
        self.tail = []  # the last lines of its output when it failed
        self.cpu_seconds = 0.0


def run_step(step, number, total, out):
    out.write('\n==> [%d/%d] %s\n' % (number, total, step.name))
    out.flush()
    started = time.monotonic()
    LANE.recent = deque(maxlen=TAIL_LINES)
    LANE.cpu_seconds = 0.0
    try:
        step.run()
        step.status = 'ok'
    except (StepFailed, subprocess.CalledProcessError, OSError) as exc:
        step.status = 'FAILED'
        step.detail = str(exc)
        step.tail = list(LANE.recent)
    step.seconds = time.monotonic() - started
    step.cpu_seconds = LANE.cpu_seconds
    detail = ': ' + step.detail if step.detail else ''
    out.write('<== %s: %s (%.1f s)%s\n' % (step.name, step.status, step.seconds, detail))


def run_lane(steps, numbers, total, out, lock, place=None):
    """The steps of one lane in order, each step's output written whole once it ends, so lanes do not mix."""
    if place:
        LANE.collections, LANE.home = place
    for step in steps:
        LANE.output = io.StringIO()
        run_step(step, numbers[step], total, LANE.output)
        with lock:
            out.write(LANE.output.getvalue())
            out.flush()
        LANE.output = None


def run_steps(steps, out=sys.stdout):
    """Run the steps: those of lane 0 in order, then lanes 1, 2 and 3 side by side (1 and 2 one a core, 3 the steps
    that mostly wait and the linters), then those of lane 4 in order. Print a summary and return the process exit
    status."""
    began, cpu_began = time.monotonic(), children_cpu_seconds()
    total = len(steps)
    numbers = dict((step, number) for number, step in enumerate(steps, 1))
    for step in [s for s in steps if s.lane == 0]:
        run_step(step, numbers[step], total, out)
        if step.status == 'FAILED' and step.essential:
            break
    else:
        lock = threading.Lock()
        lanes = [threading.Thread(target=run_lane, args=([s for s in steps if s.lane == lane], numbers, total, out,
                                                         lock, place))
                 for lane, place in ((1, None), (2, LANE_PLACES[2]), (3, LANE_PLACES[3]))]
        for thread in lanes:
            thread.start()
        for thread in lanes:
            thread.join()
        for step in [s for s in steps if s.lane == 4]:
            run_step(step, numbers[step], total, out)
    for step in [s for s in steps if s.tail]:  # again at the end, where a CI log's last lines show it
        out.write('\n==> the last lines of the failed step %s\n%s' % (step.name, ''.join(step.tail)))
    out.write('\nSummary%s wall clock    CPU\n' % (' ' * 58))
    for step in steps:
        out.write('  %-54s %-8s %7.1f s %6.0f s  %s\n' % (step.name, step.status, step.seconds, step.cpu_seconds,
                                                          'lane %d' % step.lane if step.lane in (1, 2, 3) else ''))
    failed = [s for s in steps if s.status != 'ok']
    out.write('  %-54s %-8s %7.1f s %6.0f s\n' % ('all, side by side', '', time.monotonic() - began,
                                                   children_cpu_seconds() - cpu_began))
    out.write('%d passed, %d failed\n' % (total - len(failed), len(failed)))
    out.flush()
    return 1 if failed else 0


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(argv, cwd=ROOT, env=None, forbid=(), require=()):
    """Run argv, echoing its output; fail on a non-zero exit, on any `forbid` text, or a missing `require` text."""
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
    lines = []
    for line in process.stdout:
        LANE.write(line)
        lines.append(line)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    LANE.cpu_seconds += usage.ru_utime + usage.ru_stime
    if process.returncode != 0:
        raise StepFailed('%s exited with %d' % (os.path.basename(argv[0]), process.returncode))
    output = ''.join(lines)
    for text in forbid:
        if text in output:
            raise StepFailed('output says %r' % text)
    for text in require:
        if text not in output:
            raise StepFailed('output lacks %r' % text)
