#!/usr/bin/env python3
"""make demo: the image pipeline with the collection (imports, an export, the wait), against the bundled emulator.

Sets up its own virtualenv (.venv/demo, pinned), builds and installs the collection into .build/, starts the
emulator with a fast task clock and the OSS buckets, objects and image the demo uses, runs demo/image_pipeline.yml,
and stops the emulator it started.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402  pylint: disable=wrong-import-position

TIME_SCALE = '60'
# What the demo finds on "Alibaba Cloud": image files in a bucket, an empty bucket for exports, an image to export,
# and tasks that take minutes (seconds at the time scale).
FIXTURES = {
    'oss_buckets': {
        'demo-images': {'region': 'cn-hangzhou', 'objects': {'golden-web.qcow2': {'size_gib': 40},
                                                             'golden-db.vhd': {'size_gib': 80}}},
        'demo-exports': {'region': 'cn-hangzhou', 'objects': {}},
    },
    'images': [{'image_id': 'm-legacy-app', 'image_name': 'legacy-app', 'size': 40, 'platform': 'CentOS'}],
    'task_durations': {'ImportImage': {'waiting': 30, 'processing': 600}, 'ExportImage': {'waiting': 0,
                                                                                         'processing': 300}},
}


def start_emulator(python, work):
    port_file = os.path.join(work, 'port')
    fixtures = os.path.join(work, 'fixtures.json')
    with open(fixtures, 'w') as handle:
        json.dump(FIXTURES, handle)
    process = subprocess.Popen([python, os.path.join(checks.ROOT, 'tests', 'emulator'), '--listen', '127.0.0.1:0',
                                '--port-file', port_file, '--time-scale', TIME_SCALE, '--fixtures', fixtures])
    deadline = time.monotonic() + 15
    while not os.path.exists(port_file):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise checks.StepFailed('the emulator did not start')
        time.sleep(0.05)
    with open(port_file) as handle:
        return process, 'http://127.0.0.1:%s' % handle.read()


def demo_env(bin_dir):
    env = checks.tool_env(bin_dir)
    # the demo runs on the implicit localhost, on purpose
    env.update(ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
    return env


def main():
    started = time.monotonic()
    interpreters = checks.find_interpreters()
    version = next((v for v in checks.MAIN_PYTHONS if v in interpreters), None)
    if not version:
        print('make demo needs Python %s' % ' or '.join(checks.MAIN_PYTHONS))
        return 1
    bin_dir = checks.ensure_venv('demo', interpreters[version], os.path.join(checks.REQUIREMENTS, 'demo.txt'))
    checks.build_and_install(bin_dir)
    with tempfile.TemporaryDirectory() as work:
        emulator, url = start_emulator(os.path.join(bin_dir, 'python'), work)
        try:
            playbook = subprocess.call([os.path.join(bin_dir, 'ansible-playbook'),
                                        os.path.join(checks.ROOT, 'demo', 'image_pipeline.yml'),
                                        '-e', 'emulator_url=' + url], env=demo_env(bin_dir), cwd=checks.ROOT)
        finally:
            emulator.terminate()
            emulator.wait(10)
    outcome = 'done' if playbook == 0 else 'FAILED'
    print('\nmake demo: %s in %.0f s (emulator stopped)' % (outcome, time.monotonic() - started))
    return playbook


if __name__ == '__main__':
    sys.exit(main())
