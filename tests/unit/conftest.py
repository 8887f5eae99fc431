# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Fixtures shared by the unit tests: an in-process emulator and a scripted HTTP session."""

from __future__ import absolute_import, division, print_function

import json
import threading

import pytest
import requests
from ansible.module_utils.testing import patch_module_args

from ansible_collections.alicloud_ops.ecs.tests.emulator.server import Emulator, make_server
from ansible_collections.alicloud_ops.ecs.tests.unit.disk_images import make_disks

ACCESS_KEY = 'emulator-access-key'
SECRET = 'emulator-secret'


class RunningEmulator:
    """An emulator serving on a free loopback port, with helpers for its control API."""

    def __init__(self, fixtures=None, time_scale=1.0):
        self.state = Emulator(fixtures, time_scale)
        self.server = make_server('127.0.0.1', 0, self.state)
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.http = requests.Session()

    def control(self, method, path, document=None):
        response = self.http.request(method, self.url + '/_emulator/' + path,
                                     data=json.dumps(document) if document is not None else None)
        assert response.status_code == 200, response.text
        return response.json()

    def seed(self, *tasks, **bulk):
        return [t['TaskId'] for t in self.control('POST', 'tasks', dict(tasks=list(tasks), **bulk))['tasks']]

    def requests(self):
        return self.control('GET', 'requests')

    def fault(self, **fault):
        return self.control('POST', 'faults', fault)

    def options(self, **overrides):
        """Connection options of the module and the lookup, pointed at this emulator."""
        options = dict(access_key=ACCESS_KEY, secret_key=SECRET, region='cn-hangzhou', endpoint=self.url,
                       signature_version='v1', validate_certs=True, http_timeout=5, max_retries=6)
        options.update(overrides)
        return options

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.state.close()
        self.http.close()


def run_module(main, capsys, args):
    """Run a module's main() with these arguments: (exit code, result, everything it printed)."""
    with patch_module_args(args):
        with pytest.raises(SystemExit) as caught:
            main()
    output = capsys.readouterr().out
    return caught.value.code, json.loads(output), output


@pytest.fixture
def emulator():
    running = RunningEmulator()
    yield running
    running.stop()


@pytest.fixture
def emulator_factory():
    started = []

    def start(fixtures=None, time_scale=1.0):
        started.append(RunningEmulator(fixtures, time_scale))
        return started[-1]
    yield start
    for running in started:
        running.stop()


class FakeResponse:
    def __init__(self, status_code, body):
        self.status_code = status_code
        self.content = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.headers = {}

    def close(self):
        pass


class ScriptedSession:
    """A requests.Session stand-in that answers from a script: (status, body) pairs or exceptions."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = []
        self.headers = {}

    def request(self, method, url, **kwargs):
        self.calls.append(dict(kwargs, method=method, url=url))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return FakeResponse(*answer)

    def send(self, prepared, **kwargs):
        return self.request(prepared.method, prepared.url, data=prepared.body, headers=prepared.headers, **kwargs)

    def get_adapter(self, url):  # the client sends through the session's adapter
        return self


@pytest.fixture
def sleeps(monkeypatch):
    """time.sleep patched out; the list of the delays asked for."""
    delays = []
    monkeypatch.setattr('time.sleep', delays.append)
    return delays


@pytest.fixture(scope='session')
def disks(tmp_path_factory):
    """{name: path} of disk image files of every format (tests/unit/disk_images.py)."""
    return make_disks(tmp_path_factory.mktemp('disks'))
