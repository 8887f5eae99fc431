#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ecs_task event source under the real ansible-rulebook, against the bundled emulator.

Runs the example rulebook extensions/eda/rulebooks/image_tasks.yml (its source pointed at the emulator, polling every
second, and a shutdown added after its failure rule) with ansible-rulebook from its own pinned virtualenv, while a
playbook starts three image imports with ecs_image_import, the last of which fails. ansible-rulebook exits 0 even
when a playbook fails, so the check is on what the rulebook's playbooks did: one line each for the two imported
images and one for the failed task, none twice. Exit status 1 on any failure.

Java 17, which ansible-rulebook needs, is installed with apt when missing (as root); where that cannot be done, the
check is skipped with the reason printed.

Usage: rulebook_check.py RULEBOOK_BIN MAIN_BIN COLLECTIONS_PATH
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runner_check  # noqa: E402  pylint: disable=wrong-import-position
from toolchain import apt_install  # noqa: E402  pylint: disable=wrong-import-position

# an import is unfinished in the answers of 2 describe calls, then done: the source's polls move it on
FIXTURES = {'task_polls': {'ImportImage': {'processing': 2}},
            'oss_buckets': {'images': {'region': 'cn-hangzhou', 'objects': {'web.qcow2': {}, 'db.qcow2': {}}},
                            'broken': {'region': 'cn-hangzhou', 'import_outcome': 'Failed',
                                       'objects': {'cache.qcow2': {}}}}}
START_IMPORTS = '''\
- name: Start three imports, the last of which fails
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/alicloud_ops.ecs.alicloud: {access_key: emulator-access-key, secret_key: emulator-secret,
                                      region: cn-hangzhou, endpoint: "{{ emulator_url }}"}
  tasks:
    - name: Import two images
      alicloud_ops.ecs.ecs_image_import:
        name: "{{ item }}"
        disks: [{oss_bucket: images, oss_object: "{{ item }}.qcow2"}]
      loop: [web, db]
      register: good
    - name: Let them finish first
      ansible.builtin.pause:
        seconds: 3
    - name: Import one whose import fails
      alicloud_ops.ecs.ecs_image_import:
        name: cache
        disks: [{oss_bucket: broken, oss_object: cache.qcow2}]
      register: bad
    - name: Write down what was started
      ansible.builtin.copy:
        dest: "{{ started_file }}"
        content: "{{ {'ready': good.results | map(attribute='image_id') | list, 'failed': bad.task_id} | to_json }}"
        mode: "0644"
'''


def java_ready():
    """(True, version line) when a Java 17 or later runs, installing it with apt when missing; (False, reason)."""
    def version():
        try:
            output = subprocess.run(['java', '-version'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    universal_newlines=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        first = output.splitlines()[0] if output else ''
        digits = first.split('"')[1].split('.')[0] if '"' in first else ''
        return first if digits.isdigit() and int(digits) >= 17 else None
    found = version()
    if found:
        return True, found
    failure = apt_install('openjdk-17-jre-headless')
    if failure:
        return False, 'no Java 17: %s' % failure
    found = version()
    return (True, found) if found else (False, 'Java 17 installed with apt but java -version fails')


def test_rulebook(collections, work, url, log):
    with open(os.path.join(collections, 'ansible_collections', 'alicloud_ops', 'ecs', 'extensions', 'eda',
                           'rulebooks', 'image_tasks.yml')) as handle:
        rulebook = yaml.safe_load(handle)
    source = rulebook[0]['sources'][0]['alicloud_ops.ecs.ecs_task']
    source.update(interval=1, endpoint=url, access_key='emulator-access-key', secret_key='emulator-secret',
                  region='cn-hangzhou')
    playbooks = os.path.join(collections, 'ansible_collections', 'alicloud_ops', 'ecs')
    for rule in rulebook[0]['rules']:
        action = rule.pop('action')
        action['run_playbook']['name'] = os.path.join(playbooks, action['run_playbook']['name'])
        action['run_playbook'].setdefault('extra_vars', {})['image_events_log'] = log
        rule['actions'] = [action]
        if rule['name'] == 'A task failed':
            rule['actions'].append({'shutdown': {'delay': 5, 'kind': 'graceful', 'message': 'the failure was seen'}})
    path = os.path.join(work, 'rulebook.yml')
    with open(path, 'w') as handle:
        yaml.safe_dump(rulebook, handle)
    return path


def wait_for_polls(url, rulebook, seconds=60):
    """Until the source has polled (its first DescribeTasks calls are in the emulator's log), so that the imports
    are new to it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and rulebook.poll() is None:
        with urllib.request.urlopen(url + '/_emulator/requests') as answer:
            if json.load(answer)['by_action'].get('DescribeTasks'):
                return
        time.sleep(0.2)
    raise SystemExit('the event source did not poll within %d s (ansible-rulebook %s)'
                     % (seconds, 'ended' if rulebook.poll() is not None else 'still running'))


def main(argv):
    rulebook_bin, main_bin, collections = argv
    ready, detail = java_ready()
    if not ready:
        print('rulebook check skipped: %s' % detail)
        return 0
    print('java: %s' % detail)
    problems = []
    with tempfile.TemporaryDirectory() as work:
        emulator, url = runner_check.start_emulator(
            os.path.join(collections, 'ansible_collections', 'alicloud_ops', 'ecs'), work, FIXTURES)
        log = os.path.join(work, 'events.log')
        with open(os.path.join(work, 'inventory.yml'), 'w') as handle:
            handle.write('all:\n  hosts:\n    localhost:\n      ansible_connection: local\n'
                         '      ansible_python_interpreter: %s\n' % os.path.join(rulebook_bin, 'python'))
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, PATH=os.pathsep.join([
            rulebook_bin, os.environ.get('PATH', '')]), ANSIBLE_LOCALHOST_WARNING='false')
        rulebook = subprocess.Popen([os.path.join(rulebook_bin, 'ansible-rulebook'), '-i',
                                     os.path.join(work, 'inventory.yml'), '--rulebook',
                                     test_rulebook(collections, work, url, log), '-v'],
                                    cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    universal_newlines=True)
        try:
            wait_for_polls(url, rulebook)
            started_file = os.path.join(work, 'started.json')
            with open(os.path.join(work, 'start.yml'), 'w') as handle:
                handle.write(START_IMPORTS)
            subprocess.run([os.path.join(main_bin, 'ansible-playbook'), os.path.join(work, 'start.yml'),
                            '-e', 'emulator_url=' + url, '-e', 'started_file=' + started_file],
                           env=dict(env, PATH=os.pathsep.join([main_bin, os.environ.get('PATH', '')])), check=True,
                           stdout=subprocess.DEVNULL)
            started = time.monotonic()
            output, dummy = rulebook.communicate(timeout=120)
            print(output[-4000:])
            print('ansible-rulebook ended with %s, %.1f s after the imports started'
                  % (rulebook.returncode, time.monotonic() - started))
        except subprocess.TimeoutExpired:
            rulebook.kill()
            problems.append('ansible-rulebook did not stop by itself within 120 s')
        finally:
            if rulebook.poll() is None:
                rulebook.kill()
            emulator.terminate()
            emulator.wait(10)
        expected = []
        if os.path.exists(started_file):
            started_ids = yaml.safe_load(open(started_file))
            expected = sorted(['failed %s' % started_ids['failed']] + ['ready %s' % i for i in started_ids['ready']])
        lines = sorted(' '.join(line.split()[:2]) for line in open(log)) if os.path.exists(log) else []
        print('the rulebook\'s playbooks recorded: %s' % (lines or 'nothing'))
        if not expected or lines != expected:
            problems.append('expected the playbooks to record %s, they recorded %s' % (expected, lines))
    print('rulebook check: %d problems%s' % (len(problems), ''.join('\n  ' + p for p in problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
