#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""make demo: the whole release pipeline with the collection (files on disk to Available images, the first in every
region with its old images retired, an export downloaded), against the bundled emulator.

Sets up its own virtualenv (.venv/demo, pinned), builds and installs the collection into .build/, starts the
emulator with a fast task clock and the OSS buckets the demo uses, runs demo/image_pipeline.yml (which makes its disk
image files in .build/demo), and stops the emulator it started.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402  pylint: disable=wrong-import-position
import leftovers  # noqa: E402  pylint: disable=wrong-import-position
import paths  # noqa: E402  pylint: disable=wrong-import-position
import steps  # noqa: E402  pylint: disable=wrong-import-position
import toolchain  # noqa: E402  pylint: disable=wrong-import-position

TIME_SCALE = '60'
DEMO_FILES = os.path.join(paths.BUILD, 'demo')  # the playbook's demo_dir
# What the demo finds on "Alibaba Cloud": a bucket to upload to and one for exports, and tasks that take minutes
# (seconds at the time scale).
FIXTURES = {
    'oss_buckets': {
        'demo-images': {'region': 'cn-hangzhou', 'objects': {}},
        'demo-exports': {'region': 'cn-hangzhou', 'objects': {}},
    },
    'task_durations': {'ImportImage': {'waiting': 20, 'processing': 180}, 'ExportImage': {'waiting': 0,
                                                                                        'processing': 240}},
    # a copy of a 40 GiB image takes 80 s (1.3 s at the time scale)
    'copy_seconds_per_gib': 2,
}


def start_emulator(python, work):
    port_file = os.path.join(work, 'port')
    fixtures = os.path.join(work, 'fixtures.json')
    with open(fixtures, 'w') as handle:
        json.dump(FIXTURES, handle)
    process = subprocess.Popen([python, os.path.join(paths.ROOT, 'tests', 'emulator'), '--listen', '127.0.0.1:0',
                                '--port-file', port_file, '--time-scale', TIME_SCALE, '--fixtures', fixtures])
    deadline = time.monotonic() + 15
    while not os.path.exists(port_file):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise steps.StepFailed('the emulator did not start')
        time.sleep(0.05)
    with open(port_file) as handle:
        return process, 'http://127.0.0.1:%s' % handle.read()


def demo_env(bin_dir):
    env = toolchain.tool_env(bin_dir)
    # the demo runs on the implicit localhost, on purpose
    env.update(ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
    return env


def main():
    started = time.monotonic()
    leftovers.adopt()
    interpreters = toolchain.find_interpreters()
    version = next((v for v in toolchain.MAIN_PYTHONS if v in interpreters), None)
    if not version:
        print('make demo needs Python %s' % ' or '.join(toolchain.MAIN_PYTHONS))
        return 1
    bin_dir = toolchain.ensure_venv('demo', interpreters[version], os.path.join(paths.REQUIREMENTS, 'demo.txt'))
    missing = None if shutil.which('qemu-img') else toolchain.apt_install('qemu-utils')
    if missing:
        print('demo: no qemu-img (%s): the sparse disk images go up whole, not as qcow2' % missing)
    checks.build_and_install(bin_dir)
    shutil.rmtree(DEMO_FILES, ignore_errors=True)
    os.makedirs(DEMO_FILES)
    with tempfile.TemporaryDirectory() as work:
        emulator, url = start_emulator(os.path.join(bin_dir, 'python'), work)
        try:
            playbook = subprocess.call([os.path.join(bin_dir, 'ansible-playbook'),
                                        os.path.join(paths.ROOT, 'demo', 'image_pipeline.yml'),
                                        '-e', 'emulator_url=' + url], env=demo_env(bin_dir), cwd=paths.ROOT)
        finally:
            emulator.terminate()
            emulator.wait(10)
    running = leftovers.left()
    for pid, command in running:
        print('make demo: still running after the demo: %d %s' % (pid, command))
    ok = playbook == 0 and not running
    print('\nmake demo: %s in %.0f s (emulator stopped, %d processes left running)'
          % ('done' if ok else 'FAILED', time.monotonic() - started, len(running)))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
