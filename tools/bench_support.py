#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the bench modules share: the emulator as a process of its own, the collection's module_utils made
importable, connection options and the table of rows. The bench modules import this; it imports none of them."""

import json
import os
import subprocess
import sys
import tempfile
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import paths  # noqa: E402  pylint: disable=wrong-import-position

KEY, SECRET, REGION = 'emulator-access-key', 'emulator-secret', 'cn-hangzhou'
# The start of a bench play on localhost against the emulator at the extra variable `endpoint`; its tasks follow.
PLAY_HEAD = '''
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/alicloud_ops.ecs.alicloud: {access_key: %s, secret_key: %s, region: %s, endpoint: "{{ endpoint }}"}
  tasks:
''' % (KEY, SECRET, REGION)


class Emulator:
    """The emulator as a process of its own, with helpers for its control API."""

    def __init__(self, python, work, fixtures=None, time_scale=None, own_session=False):
        port_file = os.path.join(work, 'port')
        argv = [python, os.path.join(paths.ROOT, 'tests', 'emulator'), '--listen', '127.0.0.1:0', '--port-file',
                port_file]
        if fixtures is not None:
            argv += ['--fixtures', os.path.join(work, 'fixtures.json')]
            with open(argv[-1], 'w') as handle:
                json.dump(fixtures, handle)
        if time_scale is not None:
            argv += ['--time-scale', str(time_scale)]
        # own_session: a scheduling group of its own (Linux autogroups sessions), as a server elsewhere would be, so
        # that a measured process gets the same CPU share in the foreground and in a background session
        self.process = subprocess.Popen(argv, stderr=subprocess.DEVNULL, start_new_session=own_session)
        deadline = time.monotonic() + 15
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit('the emulator did not start')
            time.sleep(0.05)
        with open(port_file) as handle:
            self.url = 'http://127.0.0.1:%s' % handle.read()
        self.http = requests.Session()

    def control(self, method, path, document=None):
        response = self.http.request(method, self.url + '/_emulator/' + path, json=document, timeout=60)
        response.raise_for_status()
        return response.json()

    def reset(self):
        self.control('POST', 'reset')

    def seed(self, count, **template):
        template.setdefault('task_action', 'ImportImage')
        return [t['TaskId'] for t in self.control('POST', 'tasks', {'count': count, 'template': template})['tasks']]

    def calls(self, action=None):
        counters = self.control('GET', 'requests')
        return counters['by_action'].get(action, 0) if action else counters['count']

    def clear_log(self):
        self.control('DELETE', 'requests')

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def collection_modules():
    """The collection's module_utils, importable from a throw-away ansible_collections tree."""
    tree = tempfile.mkdtemp(prefix='bench-collections-')
    os.makedirs(os.path.join(tree, 'ansible_collections', 'alicloud_ops'))
    os.symlink(paths.ROOT, os.path.join(tree, 'ansible_collections', 'alicloud_ops', 'ecs'))
    sys.path.insert(0, tree)
    from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api import signing  # pylint: disable=import-error
    from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module import clients  # pylint: disable=import-error
    from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners import (  # pylint: disable=import-error
        ecs_image_import, ecs_task_info)
    return tree, clients, signing, ecs_task_info, ecs_image_import


def options(emulator, **extra):
    result = dict(access_key=KEY, secret_key=SECRET, region=REGION, endpoint=emulator.url, max_retries=6)
    result.update(extra)
    return result


def table(rows):
    lines = ['| Measure | Value | Target | Met |', '| --- | ---: | --- | --- |']
    for name, value, target, met in rows:
        shown = '%d' % value if float(value).is_integer() else '%.3f' % value
        lines.append('| %s | %s | %s | %s |' % (name, shown, target, {True: 'yes', False: 'NO', None: ''}[met]))
    return '\n'.join(lines)
