#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Release rows of make bench: the image_distribute role through ansible-playbook against the emulator (its own
process, on the clock: copies take COPY_SECONDS, DeleteImage the emulator's 3 s).

- To R = 1, 5, 10 and 20 regions (the source's included), each holding BACKLOG images of the family, keep 3: the
  first run's and the second run's wall time, module runs and calls by action.
- To 1, 5 and 10 regions with nothing to retire, in copy times, under each reading of the API: copies of one image
  side by side (the vendor's) or one at a time (the strict one).
"""

import json
import os
import subprocess
import time

from bench_support import PLAY_HEAD, Emulator

COPY_SECONDS = 5
READING_COPY_SECONDS = 2
BACKLOG = 50
KEEP = 3
WRITES = ('CopyImage', 'CancelCopyImage', 'ModifyImageAttribute', 'TagResources', 'UntagResources', 'DeleteImage',
          'ModifyImageSharePermission', 'DeleteSnapshot')
REGIONS = ('cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-qingdao', 'cn-zhangjiakou', 'cn-huhehaote',
           'cn-wulanchabu', 'cn-chengdu', 'cn-guangzhou', 'cn-heyuan', 'cn-nanjing', 'cn-fuzhou', 'cn-wuhan-lr',
           'cn-hongkong', 'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7')
PLAY = PLAY_HEAD + '''    - ansible.builtin.include_role:
        name: alicloud_ops.ecs.image_distribute
      vars:
        image_distribute_image_id: m-release
        image_distribute_regions: "{{ regions }}"
        image_distribute_family: release
        image_distribute_keep: "{{ keep }}"
        image_distribute_poll_interval: 1
        image_distribute_wait_timeout: 600

    - name: The module runs of the role
      ansible.builtin.copy:
        dest: "{{ out }}"
        content: "{{ {'module_runs': 2 + (image_distribute_copy.results | default([]) | length)} | to_json }}"
'''


def seed(emulator, regions, backlog, copy_conflict):
    """The source (1 GiB: a copy takes the emulator's copy_seconds_per_gib) and the backlog in every region."""
    emulator.reset()
    emulator.control('POST', 'config', {'copy_conflict': copy_conflict})
    images = [{'image_id': 'm-release', 'image_name': 'release-new', 'size': 1, 'age_seconds': 60}]
    images += [{'image_name': 'release-%02d' % number, 'region': region, 'image_family': 'release',
                'age_seconds': 3600 + 60 * number, 'size': 1} for region in regions for number in range(backlog)]
    emulator.control('POST', 'images', {'images': images})


def run_release(emulator, bin_dir, env, work, regions, keep):
    """(wall seconds, module runs, {action: calls}) of one ansible-playbook run of the role."""
    play = os.path.join(work, 'release.yml')
    out = os.path.join(work, 'release.json')
    with open(play, 'w') as handle:
        handle.write(PLAY)
    emulator.clear_log()
    started = time.monotonic()
    subprocess.run([os.path.join(bin_dir, 'ansible-playbook'), play, '-e', 'endpoint=' + emulator.url,
                    '-e', json.dumps({'regions': list(regions), 'keep': keep, 'out': out})], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - started
    with open(out) as handle:
        runs = json.load(handle)['module_runs']
    return wall, runs, emulator.control('GET', 'requests')['by_action']


def calls_text(calls):
    return ', '.join('%s %d' % (action, count) for action, count in sorted(calls.items()))


def backlog_rows(emulator, bin_dir, env, work):
    """The rows and the calls-by-action table of a release to 1, 5, 10 and 20 regions with a backlog."""
    rows, lines = [], ['| R | run | wall s | module runs | calls by action |', '| ---: | --- | ---: | ---: | --- |']
    per_region = {}
    for count in (1, 5, 10, 20):
        regions = REGIONS[:count]
        seed(emulator, regions, BACKLOG, 'same_region')
        first = run_release(emulator, bin_dir, env, work, regions, KEEP)
        second = run_release(emulator, bin_dir, env, work, regions, KEEP)
        for name, (wall, runs, calls) in (('first', first), ('second', second)):
            lines.append('| %d | %s | %.1f | %d | %s |' % (count, name, wall, runs, calls_text(calls)))
        per_region[count] = first[2]
        rows.append(('release to %d region(s), %d family images each, keep %d: first run (s)' % (count, BACKLOG, KEEP),
                     first[0], 'R=20: within the copy time + 60 s (%d s)' % (COPY_SECONDS + 60) if count == 20 else '',
                     first[0] <= COPY_SECONDS + 60 if count == 20 else None))
        rows.append(('  the same, second run (s); module runs first / second: %d / %d' % (first[1], second[1]),
                     second[0], 'R=20: within 10 s' if count == 20 else '',
                     second[0] <= 10 if count == 20 else None))
        writes = sum(second[2].get(action, 0) for action in WRITES)
        rows.append(('  the same, second run: write calls', writes, '0', writes == 0))
    # no action's calls grow faster than R: from R=5 to R=20, at most 4 times (plus the source region's share)
    faster = [action for action, calls in per_region[20].items()
              if calls > 4.5 * max(per_region[5].get(action, 0), 1) + 5]
    rows.append(('actions whose calls grow faster than R (R=5 to R=20)', len(faster), '0 (%s)' % (
        ', '.join(faster) or 'none'), not faster))
    return rows, lines


def reading_rows(emulator, bin_dir, env, work):
    """A release with nothing to retire to 1, 5 and 10 regions, in copy times, under each reading."""
    rows = []
    for conflict, reading in (('same_region', "the vendor's reading (copies of one image side by side)"),
                              ('any_region', 'the strict reading (one copy of an image at a time)')):
        for count in (1, 5, 10):
            regions = REGIONS[:count]
            seed(emulator, regions, 0, conflict)
            wall = run_release(emulator, bin_dir, env, work, regions, 0)[0]
            rows.append(('release to %d region(s), %s: copy times' % (count, reading),
                         wall / READING_COPY_SECONDS, '', None))
    return rows, []


def run(python, bin_dir, env, work):
    """(rows, calls-by-action table), against emulators of their own: the copy time is a fixture."""
    rows, lines = [], []
    for seconds, measure in ((COPY_SECONDS, backlog_rows), (READING_COPY_SECONDS, reading_rows)):
        own = os.path.join(work, 'release-copies-%ds' % seconds)  # each emulator writes its port file there
        os.mkdir(own)
        emulator = Emulator(python, own, fixtures={'copy_seconds_per_gib': seconds})
        try:
            found = measure(emulator, bin_dir, env, own)
        finally:
            emulator.stop()
        rows += found[0]
        lines += found[1]
    return rows, lines
