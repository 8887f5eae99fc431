#!/usr/bin/env python3
"""Benchmark: DescribeTasks requests per second the emulator serves over keep-alive connections.

Starts the emulator as its own process (as users and the tests run it), seeds tasks, then drives it with
signed DescribeTasks calls from client threads, each over one keep-alive session, for a fixed time.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def import_client():
    """The collection's own client, importable from a throw-away ansible_collections tree."""
    tree = tempfile.mkdtemp(prefix='bench-collections-')
    os.makedirs(os.path.join(tree, 'ansible_collections', 'alicloud_ops'))
    os.symlink(ROOT, os.path.join(tree, 'ansible_collections', 'alicloud_ops', 'ecs'))
    sys.path.insert(0, tree)
    from ansible_collections.alicloud_ops.ecs.plugins.module_utils import _connection  # pylint: disable=import-error
    return _connection


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seconds', type=float, default=5.0, help='how long to drive the emulator (default 5)')
    parser.add_argument('--clients', type=int, default=4, help='client threads, one keep-alive session each')
    parser.add_argument('--tasks', type=int, default=100, help='tasks seeded (each answer lists up to 100)')
    args = parser.parse_args()
    connection = import_client()
    with tempfile.TemporaryDirectory() as work:
        process, url = start_emulator(work)
        try:
            requests.post(url + '/_emulator/tasks', json={'count': args.tasks, 'template': {
                'task_action': 'ImportImage'}}, timeout=10).raise_for_status()
            counts = [0] * args.clients
            stop = time.monotonic() + args.seconds

            def drive(index):
                client = connection.ecs_client(dict(access_key='emulator-access-key', secret_key='emulator-secret',
                                                    region='cn-hangzhou', endpoint=url, max_retries=0))
                params = {'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage', 'PageSize': '10'}
                while time.monotonic() < stop:
                    client.call('DescribeTasks', params)
                    counts[index] += 1

            started = time.monotonic()
            threads = [threading.Thread(target=drive, args=(i,)) for i in range(args.clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            served = requests.get(url + '/_emulator/requests', timeout=10).json()
        finally:
            process.terminate()
            process.wait(10)
    total = sum(counts)
    print('emulator DescribeTasks benchmark: %d clients, keep-alive, page of 10 of %d tasks, %d cores'
          % (args.clients, args.tasks, os.cpu_count() or 0))
    print('requests: %d in %.2f s; emulator logged %d, all OK: %s'
          % (total, elapsed, served['count'], served['by_code'] == {'OK': served['count']}))
    print('requests per second: %.0f (target at least 500)' % (total / elapsed))
    return 0 if total / elapsed >= 500 else 1


if __name__ == '__main__':
    sys.exit(main())
