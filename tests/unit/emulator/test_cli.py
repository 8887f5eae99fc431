# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator as users start it: python3 tests/emulator --listen HOST:PORT ..."""

from __future__ import absolute_import, division, print_function

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import requests

EMULATOR = os.path.join(os.path.dirname(__file__), '..', '..', 'emulator')


def start(tmp_path, *arguments):
    port_file = tmp_path / 'port'
    process = subprocess.Popen([sys.executable, EMULATOR, '--listen', '127.0.0.1:0', '--port-file', str(port_file)]
                               + list(arguments), stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while not port_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert port_file.exists(), process.stderr.read()
    return process, 'http://127.0.0.1:%s' % port_file.read_text()


@pytest.mark.parametrize('stop', [signal.SIGTERM, signal.SIGINT])
def test_listens_on_a_free_port_and_exits_cleanly_on_signals(tmp_path, stop):
    process, url = start(tmp_path)
    assert requests.get(url + '/_emulator/health', timeout=5).json()['status'] == 'ok'
    process.send_signal(stop)
    assert process.wait(10) == 0


def test_fixtures_and_time_scale(tmp_path):
    fixtures = tmp_path / 'fixtures.json'
    fixtures.write_text(json.dumps({'access_keys': [{'id': 'AK2', 'secret': 'S2'}], 'regions': ['cn-test-1'],
                                    'tasks': [{'task_action': 'ExportImage', 'region': 'cn-test-1'}]}))
    process, url = start(tmp_path, '--fixtures', str(fixtures), '--time-scale', '60')
    try:
        health = requests.get(url + '/_emulator/health', timeout=5).json()
        tasks = requests.get(url + '/_emulator/tasks', timeout=5).json()['tasks']
        assert health['time_scale'] == 60 and tasks[0]['Region'] == 'cn-test-1'
    finally:
        process.terminate()
        process.wait(10)


def test_help_documents_the_default_credentials():
    output = subprocess.run([sys.executable, EMULATOR, '--help'], stdout=subprocess.PIPE, check=True,
                            universal_newlines=True).stdout
    assert 'emulator-access-key' in output and 'emulator-secret' in output and '--time-scale' in output


def test_serves_many_clients_at_once(emulator):
    emulator.fault(kind='latency', seconds=1.0, count=4)
    statuses, spans = [], []

    def health():
        started = time.monotonic()
        statuses.append(requests.get(emulator.url + '/', timeout=30).status_code)
        spans.append((started, time.monotonic()))
    threads = [threading.Thread(target=health) for dummy in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # each answer took its second of latency, and all four were in flight at one moment: served side by side
    assert len(statuses) == 4 and all(end - start >= 1.0 for start, end in spans)
    assert max(start for start, end in spans) < min(end for start, end in spans)


def test_starts_on_the_standard_library_alone_with_a_crc64_of_its_own(tmp_path):
    """fastcrc hidden: the emulator says so once and still answers the CRC-64 that OSS clients check."""
    import oss2  # a test dependency; it checks every CRC-64 it is answered
    from fastcrc import crc64
    without_fastcrc = ("import runpy, sys; sys.modules['fastcrc'] = None; sys.argv = sys.argv[1:]; "
                       "runpy.run_path(sys.argv[0], run_name='__main__')")
    port_file = tmp_path / 'port'
    process = subprocess.Popen([sys.executable, '-c', without_fastcrc, EMULATOR, '--listen', '127.0.0.1:0',
                                '--port-file', str(port_file)], stderr=subprocess.PIPE, universal_newlines=True)
    try:
        deadline = time.monotonic() + 10
        while not port_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert port_file.exists(), process.stderr.read()
        bucket = oss2.Bucket(oss2.Auth('emulator-access-key', 'emulator-secret'),
                             'http://127.0.0.1:%s' % port_file.read_text(), 'exports')
        data = os.urandom(64 * 1024)
        for key in ('a.bin', 'b.bin'):
            put = bucket.put_object(key, data)
            assert int(put.headers['x-oss-hash-crc64ecma']) == crc64.xz(data)
            assert bucket.get_object(key).read() == data
    finally:
        process.terminate()
        errors = process.communicate(timeout=10)[1]
    assert errors.count('fastcrc is not installed') == 1
