#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The cost of the progress lines: oss_object's throughput with the lines on and off, through ansible-playbook, on
loopback (where the CPU is the limit, so that the polls' cost would show) and through a capped link as on the
internet, and the API calls of transfers and waits with the lines on and off. The emulator runs in a session of its
own: with the lines on, the module runs in the background in a session of its own too, and Linux shares the CPU out
by session (autogroups); with the emulator in the play's session, a CPU-bound download measured 17 % slower in the
background for that reason alone, at any interval. Part of make bench; alone: .venv/main/bin/python tools/bench_progress.py (after make test,
which installs the collection it runs)."""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import bench_support
import toolchain  # noqa: E402  pylint: disable=wrong-import-position
from bench_support import KEY, REGION, SECRET

MIB = 1 << 20
RUNS = 5  # of each setting, in turns
SETTINGS = (('off', 0), ('default, 30 s', 30), ('2 s', 2))
LINKS = (('loopback', 1024 * MIB, {}), ('a link of 4 MiB/s a connection (64 MiB/s at 16 parts)', 512 * MIB,
                                        {'mib_per_s': 4}))


def play(emulator, work, task, name):
    """A play of one task whose result is written to name.json; returns the play's path."""
    path = os.path.join(work, name + '.yml')
    task = dict(task, register='measured')
    save = {'ansible.builtin.copy': {'content': '{{ measured | to_json }}', 'dest': os.path.join(work, name + '.json'),
                                     'mode': '0600'}}
    with open(path, 'w') as handle:
        json.dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': [task, save]}], handle)
    return path


def run_play(bin_dir, path):
    """(seconds, result) of the play at path."""
    started = time.perf_counter()
    subprocess.run([os.path.join(bin_dir, 'ansible-playbook'), path], env=bench_env(bin_dir), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    with open(path[:-len('.yml')] + '.json') as handle:
        return seconds, json.load(handle)


def bench_env(bin_dir):
    env = toolchain.tool_env(bin_dir)
    env.update(ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
    return env


def oss_task(emulator, interval, **place):
    return {'alicloud_ops.ecs.oss_object': dict(access_key=KEY, secret_key=SECRET, region=REGION,
                                                oss_endpoint=emulator.url, bucket='exports', object='bench/progress',
                                                overwrite='always', progress_interval=interval, **place)}


def transfer_rows(emulator, bin_dir, work):
    rows = []
    for link, size, wan in LINKS:
        emulator.control('POST', 'config', {'wan': wan})
        rows += link_rows(emulator, bin_dir, work, link, size)
    emulator.control('POST', 'config', {'wan': {}})
    return rows


def link_rows(emulator, bin_dir, work, link, size):
    source = os.path.join(work, 'progress-source')
    with open(source, 'wb') as handle:
        for dummy in range(size // MIB):
            handle.write(os.urandom(MIB))
    rows = []
    for direction, place in (('upload', dict(src=source)), ('download', dict(dest=os.path.join(work, 'progress-back')))):
        plays = dict((label, play(emulator, work, oss_task(emulator, interval, **place), 'progress-%d' % interval))
                     for label, interval in SETTINGS)
        speeds = dict((label, []) for label in plays)
        walls = dict((label, []) for label in plays)
        calls = {}
        run_play(bin_dir, plays['off'])  # warm up
        for dummy in range(RUNS):
            for label, path in plays.items():
                emulator.clear_log()
                seconds, result = run_play(bin_dir, path)
                speeds[label].append(result['throughput_mib_s'])
                walls[label].append(seconds)
                calls[label] = emulator.control('GET', 'requests')['by_action']
        off = statistics.median(speeds['off'])
        rows.append(('%s of %d MiB, %s, through ansible-playbook, lines off: the module\'s throughput (MiB/s, '
                     'median of %d)' % (direction, size // MIB, link, RUNS), off, 'measured', None))
        for label, dummy in SETTINGS[1:]:
            ratio = statistics.median(on / base for on, base in zip(speeds[label], speeds['off']))
            rows.append(('  with the lines every %s: throughput against off' % label, ratio, 'at least 0.97',
                         ratio >= 0.97))
            rows.append(('  with the lines every %s: seconds the play takes beyond off (the background start and the '
                         'polls)' % label, statistics.median(on - base for on, base in zip(walls[label], walls['off'])),
                         'measured', None))
            rows.append(('  with the lines every %s: API calls beyond off' % label,
                         sum(calls[label].values()) - sum(calls['off'].values()), '0', calls[label] == calls['off']))
    os.remove(source)
    return rows


def wait_rows(emulator, bin_dir, work):
    """A wait of about 6 s, polled every second, with the lines off and every second: the calls beyond one a poll
    (the first poll's query by id is one more)."""
    rows = []
    beyond = {}
    for label, interval in (('off', 0), ('every 1 s', 1)):
        emulator.reset()
        task_id = emulator.seed(1, waiting_seconds=0, processing_seconds=6)[0]
        task = {'alicloud_ops.ecs.ecs_task_info': dict(access_key=KEY, secret_key=SECRET, region=REGION,
                                                       endpoint=emulator.url, task_ids=[task_id], wait=True,
                                                       poll_interval=1, progress_interval=interval)}
        emulator.clear_log()
        seconds, result = run_play(bin_dir, play(emulator, work, task, 'progress-wait-%d' % interval))
        beyond[label] = emulator.calls() - result['polls']
    rows.append(('ecs_task_info wait of 6 s with the lines every 1 s: API calls beyond one a poll (off: %d)'
                 % beyond['off'], beyond['every 1 s'], 'the same as off', beyond['every 1 s'] == beyond['off']))
    return rows


def rows(python, bin_dir, work):
    """The rows, against an emulator of its own in a session of its own."""
    emulator = bench_support.Emulator(python, tempfile.mkdtemp(dir=work), own_session=True)
    try:
        return transfer_rows(emulator, bin_dir, work) + wait_rows(emulator, bin_dir, work)
    finally:
        emulator.stop()


if __name__ == '__main__':
    with tempfile.TemporaryDirectory() as folder:
        print(bench_support.table(rows(sys.executable, os.path.dirname(sys.executable), folder)))
