#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The collection under ansible-runner, as AWX and Automation Platform run it (process isolation off).

Runs tests/runner/*.yml against the bundled emulator with a key whose secret and security token are unique
canaries, at -vvvv, and checks each run's job events (ok and failed counts, the task data returned) and that the
canaries appear nowhere in the run's artifacts directory. A playbook that prints the secret on purpose must be
caught by that check, or the check itself is broken. Exit status 1 on any failure.

Usage: runner_check.py COLLECTIONS_PATH (the folder holding ansible_collections/alicloud_ops/ecs, installed).
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
PLAYBOOKS = os.path.join(HERE, '..', 'tests', 'runner')
ACCESS_KEY = 'STS.runner-check'

# playbook: (expected ok count, expected failed count, the task whose returned data is checked, a key it holds)
RUNS = {
    'success': (6, 0, 'Wait for the imports', 'tasks'),
    'failure': (2, 1, 'Wait for an import that failed', 'tasks'),
    'leak': (2, 0, None, None),
    'progress': (4, 0, 'Upload slowly', 'parts_sent'),
}
PROGRESS_TASK = 'Upload slowly'
PROGRESS_LINE = '[localhost] oss_object: upload oss://exports/images/runner.raw: '
MIN_PROGRESS_EVENTS = 5


def start_emulator(collection, work, fixtures):
    path = os.path.join(work, 'fixtures.json')
    with open(path, 'w') as handle:
        json.dump(fixtures, handle)
    port_file = os.path.join(work, 'port')
    process = subprocess.Popen([sys.executable, os.path.join(collection, 'tests', 'emulator'), '--listen',
                                '127.0.0.1:0', '--port-file', port_file, '--fixtures', path],
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    while not os.path.exists(port_file):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise SystemExit('the emulator did not start')
        time.sleep(0.05)
    with open(port_file) as handle:
        return process, 'http://127.0.0.1:%s' % handle.read()


def private_data_dir(work, collections_path, emulator_url, secret, token):
    """ansible-runner's input folder: project, inventory, extra vars (the canaries) and environment."""
    root = os.path.join(work, 'runner')
    shutil.copytree(PLAYBOOKS, os.path.join(root, 'project'))
    os.makedirs(os.path.join(root, 'inventory'))
    os.makedirs(os.path.join(root, 'env'))
    with open(os.path.join(root, 'inventory', 'hosts'), 'w') as handle:
        handle.write('localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
    documents = {
        'extravars': {'emulator_url': emulator_url, 'runner_access_key': ACCESS_KEY, 'runner_secret': secret,
                      'runner_token': token},
        'envvars': {'ANSIBLE_COLLECTIONS_PATH': collections_path, 'ANSIBLE_LOCALHOST_WARNING': 'false',
                    'ANSIBLE_ASYNC_DIR': os.path.join(work, 'async')},
        'settings': {'process_isolation': False, 'idle_timeout': 300, 'job_timeout': 600},
    }
    for name, document in documents.items():
        with open(os.path.join(root, 'env', name), 'w') as handle:
            json.dump(document, handle)
    return root


def job_events(artifacts):
    events = []
    for path in glob.glob(os.path.join(artifacts, 'job_events', '*.json')):
        with open(path) as handle:
            events.append(json.load(handle))
    return sorted(events, key=lambda event: event.get('counter', 0))


def leaks(artifacts, canaries):
    """Files of the artifacts directory that hold a canary, with which."""
    found = []
    for folder, dummy, files in os.walk(artifacts):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, 'rb') as handle:
                content = handle.read()
            found.extend('%s holds the %s' % (os.path.relpath(path, artifacts), label)
                         for label, canary in canaries.items() if canary.encode() in content)
    return found


def amount(text):
    """Bytes of '3.0 MiB of 14.0 MiB ...'."""
    value, unit = text.split(' ')[:2]
    return float(value) * {'B': 1, 'KiB': 1 << 10, 'MiB': 1 << 20, 'GiB': 1 << 30}[unit]


def progress_problems(events):
    """The upload's progress lines must be verbose job events of its task, before its runner_on_ok, with rising
    bytes."""
    lines = [e for e in events if e.get('event') == 'verbose' and PROGRESS_LINE in (e.get('stdout') or '')]
    done = [e for e in events if e.get('event') == 'runner_on_ok' and e['event_data'].get('task') == PROGRESS_TASK]
    if len(lines) < MIN_PROGRESS_EVENTS or not done:
        return ['progress: %d progress events and %d runner_on_ok of "%s", expected %d or more and 1'
                % (len(lines), len(done), PROGRESS_TASK, MIN_PROGRESS_EVENTS)]
    problems = []
    if any(e['counter'] > done[0]['counter'] for e in lines):
        problems.append('progress: a progress event after the runner_on_ok of "%s"' % PROGRESS_TASK)
    if any(e['event_data'].get('task') != PROGRESS_TASK for e in lines):
        problems.append('progress: a progress event not of the task "%s"' % PROGRESS_TASK)
    sent = [amount(e['stdout'].split(PROGRESS_LINE, 1)[1]) for e in lines]
    if sent != sorted(sent) or sent[-1] <= sent[0]:
        problems.append('progress: the amounts sent do not rise: %s' % sent)
    print('progress: %d progress job events before runner_on_ok, first %r' % (len(lines), lines[0]['stdout']))
    return problems


def check_run(root, playbook, canaries):
    """Problems of one run: its job events and its artifacts."""
    expected_ok, expected_failed, task_name, key = RUNS[playbook]
    subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-runner'), 'run', root, '-p',
                    playbook + '.yml', '--ident', playbook, '--cmdline=-vvvv', '--quiet'], check=False)
    artifacts = os.path.join(root, 'artifacts', playbook)
    events = job_events(artifacts)
    problems = []
    stats = [e for e in events if e.get('event') == 'playbook_on_stats']
    if not stats:
        return ['%s: no playbook_on_stats job event in %d events' % (playbook, len(events))]
    data = stats[-1]['event_data']
    counts = (sum((data.get('ok') or {}).values()), sum((data.get('failures') or {}).values()))
    if counts != (expected_ok, expected_failed):
        problems.append('%s: ok and failed counts %s, expected %s' % (playbook, counts, (expected_ok, expected_failed)))
    if task_name:
        results = [e['event_data'].get('res') or {} for e in events
                   if e.get('event') in ('runner_on_ok', 'runner_on_failed') and e['event_data'].get('task') == task_name]
        if not results or not results[0].get(key):
            problems.append('%s: the job event of "%s" lacks the returned %s' % (playbook, task_name, key))
    if playbook == 'progress':
        problems.extend(progress_problems(events))
    found = leaks(artifacts, canaries)
    if playbook == 'leak':
        if not found:
            problems.append('leak: the secret printed on purpose was not found: the leak check is broken')
        else:
            print('leak: caught as it should be: %s' % '; '.join(found))
    else:
        problems.extend('%s: LEAK: %s' % (playbook, where) for where in found)
    print('%s: %d job events, ok %d, failed %d, %d files searched for the canaries'
          % (playbook, len(events), counts[0], counts[1], sum(len(f) for dummy, dummy2, f in os.walk(artifacts))))
    return problems


def main(argv):
    collections_path = os.path.abspath(argv[1])
    collection = os.path.join(collections_path, 'ansible_collections', 'alicloud_ops', 'ecs')
    secret = 'runner-canary-secret-' + uuid.uuid4().hex
    token = 'runner-canary-token-' + uuid.uuid4().hex
    fixtures = {
        'access_keys': [{'id': ACCESS_KEY, 'secret': secret, 'token': token}],
        'tasks': [{'task_id': 't-runner-done', 'task_action': 'ImportImage', 'status': 'Finished'},
                  # unfinished in the answers of 2 DescribeTasks calls (the emulator's clock by observation)
                  {'task_id': 't-runner-busy', 'task_action': 'ExportImage', 'processing_polls': 2},
                  {'task_id': 't-runner-failed', 'task_action': 'ImportImage', 'status': 'Failed'}],
    }
    work = tempfile.mkdtemp(prefix='runner-check-')
    emulator, url = start_emulator(collection, work, fixtures)
    try:
        root = private_data_dir(work, collections_path, url, secret, token)
        problems = []
        for playbook in RUNS:
            problems.extend(check_run(root, playbook, {'secret key': secret, 'security token': token}))
    finally:
        emulator.terminate()
        emulator.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print('FAILED ' + problem)
    print('ansible-runner check: %d runs, %d problems' % (len(RUNS), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
