#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Disk image rows of make bench: a raw disk image of 4 GiB with 10 % data (a GPT, random data in 1 MiB blocks
spread over the disk), from file to Available with the image_import role through ansible-playbook, converted to
qcow2 (auto) and uploaded as it is (none), through the emulator's 30 ms WAN mode (a round trip a request, 16 MiB/s a
connection): with no cap on the whole link (16 parts in flight make 256 MiB/s, a data centre's link), and behind an
uplink of 100 Mbit/s that the connections share. And disk_image_info's reader on it.
"""

import json
import os
import statistics
import subprocess
import time

from bench_support import KEY, REGION, SECRET, Emulator, collection_modules

DISK = 4 << 30
DATA = DISK // 10
LINKS = (('the 30 ms WAN', {'rtt_ms': 30, 'mib_per_s': 16}),
         ('the 30 ms WAN behind a 100 Mbit/s uplink', {'rtt_ms': 30, 'mib_per_s': 16, 'link_mib_per_s': 100 / 8.388608}))
READS = 20
PLAY = '''
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/alicloud_ops.ecs.alicloud: {access_key: %s, secret_key: %s, region: %s, endpoint: "{{ endpoint }}",
                                      oss_endpoint: "{{ endpoint }}"}
  tasks:
    - ansible.builtin.include_role:
        name: alicloud_ops.ecs.image_import
      vars:
        image_import_file: "{{ file }}"
        image_import_name: "{{ name }}"
        image_import_bucket: images
        image_import_convert: "{{ convert }}"
        image_import_work_dir: "{{ work }}"
        image_import_poll_interval: 1

    - ansible.builtin.copy:
        dest: "{{ out }}"
        content: "{{ image_import_image | to_json }}"
''' % (KEY, SECRET, REGION)


def make_disk(path):
    from ansible_collections.alicloud_ops.ecs.tests import disk_files  # pylint: disable=import-error,import-outside-toplevel
    disk_files.gpt(path, DISK, boot_code=True)
    disk_files.add_data(path, DATA)


def reader_seconds(path):
    """Median seconds of disk_image_info's reader on the file, page cache warm, in this process."""
    from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.inspection import (  # pylint: disable=import-error,import-outside-toplevel
        inspect_disk_image)
    times = []
    for dummy in range(READS):
        started = time.perf_counter()
        inspect_disk_image(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def import_once(emulator, bin_dir, env, work, path, convert, wan):
    """(wall seconds, image_import_image) of one run of the role, from file to Available."""
    play = os.path.join(work, 'import.yml')
    out = os.path.join(work, 'import.json')
    with open(play, 'w') as handle:
        handle.write(PLAY)
    emulator.reset()
    emulator.control('POST', 'config', {'wan': wan, 'task_polls': {'ImportImage': {'processing': 1}}})
    started = time.monotonic()
    subprocess.run([os.path.join(bin_dir, 'ansible-playbook'), play, '-e', json.dumps(
        {'endpoint': emulator.url, 'file': path, 'name': 'bench-' + convert, 'convert': convert, 'work': work,
         'out': out})], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - started
    with open(out) as handle:
        return wall, json.load(handle)


def run(python, bin_dir, env, work):
    """The rows, against an emulator of its own (the WAN mode is its setting)."""
    collection_modules()  # the collection importable in this process
    path = os.path.join(work, 'disk.raw')
    make_disk(path)
    os.sync()  # the file's pages written back, so that both runs read it alike
    rows = []
    seconds = reader_seconds(path)
    rows.append(('disk_image_info reader on a 4 GiB raw image, median of %d (ms)' % READS, seconds * 1000,
                 'under 50 ms', seconds < 0.05))
    data = os.stat(path).st_blocks * 512
    emulator = Emulator(python, work)
    try:
        for link, wan in LINKS:
            (none_wall, none), (auto_wall, auto) = [import_once(emulator, bin_dir, env, work, path, convert, wan)
                                                    for convert in ('none', 'auto')]
            uplink = 'link_mib_per_s' in wan
            rows.append(('4 GiB raw, 10 %% data (%d MiB allocated), file to Available through %s: none (s)'
                         % (data >> 20, link), none_wall, '', None))
            rows.append(('  the same, auto, converted to qcow2 in %.2f s, %.0f MiB of data a second (s)' % (
                auto['disk']['conversion_seconds'], (data >> 20) / max(auto['disk']['conversion_seconds'], 0.001)),
                auto_wall, '', None))
            rows.append(('  end to end, none / auto', none_wall / auto_wall, 'at least 5' if uplink else '',
                         none_wall / auto_wall >= 5 if uplink else None))
            ratio = auto['disk']['bytes_uploaded'] / data
            rows.append(('  bytes uploaded: none %d MiB, auto %.1f MiB; auto / the data' % (
                none['disk']['bytes_uploaded'] >> 20, auto['disk']['bytes_uploaded'] / (1 << 20)), ratio,
                'within 1.1', ratio <= 1.1))
    finally:
        emulator.stop()
    return rows
