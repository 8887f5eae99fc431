#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark: DescribeTasks requests per second the emulator serves over keep-alive connections.

Starts the emulator as its own process (as users and the tests run it), seeds tasks, then drives it with
signed DescribeTasks calls from client threads, each over one keep-alive connection, for a fixed time.
"""

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def import_signing():
    """The collection's signer, importable from a throw-away ansible_collections tree."""
    tree = tempfile.mkdtemp(prefix='bench-collections-')
    os.makedirs(os.path.join(tree, 'ansible_collections', 'alicloud_ops'))
    os.symlink(ROOT, os.path.join(tree, 'ansible_collections', 'alicloud_ops', 'ecs'))
    sys.path.insert(0, tree)
    from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api import signing as _signing  # pylint: disable=import-error
    return _signing


def start_emulator(work):
    port_file = os.path.join(work, 'port')
    process = subprocess.Popen([sys.executable, os.path.join(ROOT, 'tests', 'emulator'), '--listen', '127.0.0.1:0',
                                '--port-file', port_file], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not os.path.exists(port_file):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise SystemExit('the emulator did not start')
        time.sleep(0.05)
    with open(port_file) as handle:
        return process, 'http://127.0.0.1:%s' % handle.read()


def throughput(url, signing, seconds=5.0, clients=4):
    """Signed DescribeTasks calls per second the emulator at url answers, from client threads with one
    keep-alive connection each; returns (requests, seconds). The clients are bare http.client connections,
    so that the emulator, not the load generator, is what is measured."""
    host, port = url.split('//')[1].split(':')
    counts = [0] * clients
    failures = []
    stop = time.monotonic() + seconds

    def drive(index):
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while time.monotonic() < stop:
            form = {'Action': 'DescribeTasks', 'Version': '2014-05-26', 'Format': 'JSON', 'RegionId': 'cn-hangzhou',
                    'TaskAction': 'ImportImage', 'PageSize': '10', 'AccessKeyId': 'emulator-access-key',
                    'SignatureMethod': 'HMAC-SHA1', 'SignatureVersion': '1.0', 'SignatureNonce': uuid.uuid4().hex,
                    'Timestamp': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}
            query = signing.canonical_query(form)
            body = query + '&Signature=' + signing.percent_encode(signing.sign_v1('POST', form, 'emulator-secret',
                                                                                  query))
            connection.request('POST', '/', body, {'Content-Type': 'application/x-www-form-urlencoded'})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failures.append(response.status)
            counts[index] += 1
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=drive, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit('the emulator refused %d requests' % len(failures))
    return sum(counts), time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seconds', type=float, default=5.0, help='how long to drive the emulator (default 5)')
    parser.add_argument('--clients', type=int, default=4, help='client threads, one keep-alive session each')
    parser.add_argument('--tasks', type=int, default=100, help='tasks seeded (each answer lists up to 10)')
    args = parser.parse_args()
    signing = import_signing()
    with tempfile.TemporaryDirectory() as work:
        process, url = start_emulator(work)
        try:
            requests.post(url + '/_emulator/tasks', json={'count': args.tasks, 'template': {
                'task_action': 'ImportImage'}}, timeout=10).raise_for_status()
            total, elapsed = throughput(url, signing, args.seconds, args.clients)
            served = requests.get(url + '/_emulator/requests', timeout=10).json()
        finally:
            process.terminate()
            process.wait(10)
    print('emulator DescribeTasks benchmark: %d clients, keep-alive, page of 10 of %d tasks, %d cores'
          % (args.clients, args.tasks, os.cpu_count() or 0))
    print('requests: %d in %.2f s; emulator logged %d, all OK: %s'
          % (total, elapsed, served['count'], served['by_code'] == {'OK': served['count']}))
    print('requests per second: %.0f (target at least 500)' % (total / elapsed))
    return 0 if total / elapsed >= 500 else 1


if __name__ == '__main__':
    sys.exit(main())
