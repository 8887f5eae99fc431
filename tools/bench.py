#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""make bench: the collection's cost on the API and on the machine, measured against the bundled emulator.

Prints one table and writes it, with the date and the machine, to docs/benchmarks.md. Every number comes from
this run: the emulator runs as its own process, the official SDKs call the same emulator as our client.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_distribution  # noqa: E402  pylint: disable=wrong-import-position
import bench_progress  # noqa: E402  pylint: disable=wrong-import-position
import bench_disk  # noqa: E402  pylint: disable=wrong-import-position
import bench_release  # noqa: E402  pylint: disable=wrong-import-position
import bench_eda  # noqa: E402  pylint: disable=wrong-import-position
import bench_emulator  # noqa: E402  pylint: disable=wrong-import-position
import bench_oss  # noqa: E402  pylint: disable=wrong-import-position
import checks  # noqa: E402  pylint: disable=wrong-import-position
import paths  # noqa: E402  pylint: disable=wrong-import-position
import toolchain  # noqa: E402  pylint: disable=wrong-import-position
from bench_support import (  # noqa: E402  pylint: disable=wrong-import-position
    KEY, PLAY_HEAD, REGION, SECRET, Emulator, collection_modules, options, table)

CALLS = 600  # DescribeTasks calls per client, in ROUNDS turns
ROUNDS = 30
UNSIGNED_FORM = 'Action=DescribeTasks&Version=2014-05-26&Format=JSON&RegionId=cn-hangzhou&TaskAction=ImportImage'
PLAYBOOK_RUNS = 11


def emulator_throughput(emulator, signing):
    emulator.reset()
    emulator.seed(100)
    total, seconds = bench_emulator.throughput(emulator.url, signing)
    rate = total / seconds
    return [('emulator: DescribeTasks answered per second (4 keep-alive clients)', rate, 'at least 500', rate >= 500)]


# --- 1. the call budget ----------------------------------------------------------------------------

def wait_calls_per_round(emulator, tasks_module, task_ids, label):
    """The row of a short wait on import tasks that stay Processing: DescribeTasks calls per poll round."""
    emulator.clear_log()
    outcome = tasks_module.run_task_query(options(emulator, task_ids=task_ids, task_action='ImportImage', wait=True,
                                                  wait_timeout=1.2, poll_interval=0.4))
    per_round = emulator.calls('DescribeTasks') / float(outcome.result['polls'])
    budget = -(-len(task_ids) // 100)
    return (label, per_round, '%d (ceil(N/100))' % budget, per_round <= budget)


def call_budget(emulator, tasks_module, connection, polling_points):
    """Rows of the call budget; polling_points gets (tasks, our calls a round, per-task polling's) for the chart."""
    rows = []
    for count in (1, 100, 250, 1000):
        emulator.reset()
        ids = emulator.seed(count, status='Processing')
        rows.append(wait_calls_per_round(emulator, tasks_module, ids,
                                         'wait on %d tasks by id: DescribeTasks calls per poll round' % count))
        emulator.clear_log()
        client = connection.ecs_client(options(emulator))
        for task_id in ids:  # the per-task polling others do: one DescribeTaskAttribute per task per round
            client.call('DescribeTaskAttribute', {'RegionId': REGION, 'TaskId': task_id})
        rows.append(('  reference: per-task polling, calls per round for %d tasks' % count,
                     emulator.calls('DescribeTaskAttribute'), 'reference', None))
        polling_points.append((count, rows[-2][1], rows[-1][1]))
    for count in (10, 1000, 10000):
        emulator.reset()
        emulator.seed(count, task_action='ExportImage', status='Finished')
        emulator.clear_log()
        outcome = tasks_module.run_task_query(options(emulator, task_action='ExportImage'))
        assert len(outcome.result['tasks']) == count, outcome.message
        calls = emulator.calls('DescribeTasks')
        rows.append(('list %d tasks: DescribeTasks calls' % count, calls, '%d (ceil(M/100))' % -(-count // 100),
                     calls <= -(-count // 100)))
        emulator.clear_log()
        tasks_module.run_task_query(options(emulator, task_action='ExportImage', page_size=10))
        rows.append(('  reference: the same at the API default page size 10', emulator.calls('DescribeTasks'),
                     'reference', None))
    return rows


def import_options(emulator, name, **extra):
    return options(emulator, name=name, disks=[{'oss_bucket': 'images', 'oss_object': 'golden.qcow2'}],
                   architecture='x86_64', os_type='linux', platform='Others Linux', state='present', **extra)


def image_call_budget(emulator, tasks_module, images_module):
    """What ecs_image_import costs: a run that imports, a re-run, and N imports followed by one wait."""
    emulator.reset()
    emulator.clear_log()
    images_module.run_image_import(import_options(emulator, 'bench-golden'))
    first = emulator.control('GET', 'requests')['by_action']
    emulator.clear_log()
    images_module.run_image_import(import_options(emulator, 'bench-golden'))
    again = emulator.control('GET', 'requests')['by_action']
    rows = [('ecs_image_import run that imports: DescribeImages + ImportImage calls', sum(first.values()),
             '2 (1 + 1)', first == {'DescribeImages': 1, 'ImportImage': 1}),
            ('ecs_image_import re-run (image found): DescribeImages + DescribeTasks calls', sum(again.values()),
             'at most 2 (1 + at most 1)', again.get('DescribeImages') == 1 and again.get('DescribeTasks', 0) <= 1
             and set(again) <= {'DescribeImages', 'DescribeTasks'})]
    for count in (10, 150):
        emulator.reset()
        emulator.clear_log()
        task_ids = [images_module.run_image_import(import_options(emulator, 'bench-%d' % number)).result['task_id']
                    for number in range(count)]
        imports = emulator.calls('ImportImage')
        rows.append(('%d imports started: ImportImage calls' % count, imports, '%d (N)' % count, imports == count))
        rows.append(wait_calls_per_round(emulator, tasks_module, task_ids,
                                         '  then one wait on the %d: DescribeTasks calls per poll round' % count))
    return rows


# --- 2. per-call cost against the official SDKs -------------------------------------------------------

def timed_calls(clients, rounds=ROUNDS, calls=CALLS // ROUNDS):
    """Per client: the CPU per call of each round and the median wall per call. The clients take turns in every
    round, so a busy moment of the machine falls on all of them and cancels out of their per-round ratios."""
    cpu = dict((name, []) for name in clients)
    walls = dict((name, []) for name in clients)
    for call in clients.values():
        for _ in range(calls):
            call()  # warm up: connection, imports, caches
    for _ in range(rounds):
        for name, call in clients.items():
            cpu_start = time.process_time()
            for _ in range(calls):
                started = time.perf_counter()
                call()
                walls[name].append(time.perf_counter() - started)
            cpu[name].append((time.process_time() - cpu_start) / calls)
    return cpu, dict((name, statistics.median(walls[name])) for name in clients)


def paired_ratio(cpu, name, reference):
    """The median over the rounds of name's CPU per call over reference's in the same round."""
    return statistics.median(ours / theirs for ours, theirs in zip(cpu[name], cpu[reference]))


def per_call_cost(emulator, connection):
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkecs.request.v20140526.DescribeTasksRequest import DescribeTasksRequest
    from alibabacloud_ecs20140526 import models
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_tea_openapi.utils_models import Config

    emulator.reset()
    emulator.seed(20)
    host = emulator.url.split('//')[1]
    ours = connection.ecs_client(options(emulator))
    ours_v3 = connection.ecs_client(options(emulator, signature_version='v3'))
    query = {'RegionId': REGION, 'TaskAction': 'ImportImage', 'PageSize': '10'}

    def ours_call():
        ours.call('DescribeTasks', query)

    def ours_v3_call():
        ours_v3.call('DescribeTasks', query)

    core = AcsClient(KEY, SECRET, REGION)

    def core_call():
        request = DescribeTasksRequest()
        request.set_endpoint(host)
        request.set_protocol_type('http')
        request.set_TaskAction('ImportImage')
        request.set_PageSize(10)
        core.do_action_with_exception(request)

    tea = Client(Config(access_key_id=KEY, access_key_secret=SECRET, region_id=REGION, endpoint=host,
                        protocol='http'))

    def tea_call():
        tea.describe_tasks(models.DescribeTasksRequest(region_id=REGION, task_action='ImportImage', page_size=10))

    plain_session = requests.Session()
    plain_session.trust_env = False

    def requests_session_call():
        # the plain way to use requests, on a fixed unsigned form (the emulator answers with an error body)
        prepared = requests.PreparedRequest()
        prepared.prepare(method='POST', url=emulator.url + '/', data=UNSIGNED_FORM,
                         headers={'Content-Type': 'application/x-www-form-urlencoded'})
        json.loads(plain_session.send(prepared, timeout=10).content)

    names = ['alicloud_ops.ecs client (requests, V1)', 'aliyun-python-sdk-core + aliyun-python-sdk-ecs',
             'alibabacloud-ecs20140526 (tea, V3)']
    references = ['  reference: alicloud_ops.ecs client with signature_version v3',
                  '  reference: PreparedRequest.prepare and Session.send of a fixed form, unsigned']
    cpu, walls = timed_calls(dict(zip(names + references,
                                      [ours_call, core_call, tea_call, ours_v3_call, requests_session_call])))
    faster = min(names[1:], key=lambda name: statistics.median(cpu[name]))
    rows = []
    for name in names + references:
        rows.append(('%s: client CPU per call (ms)' % name, statistics.median(cpu[name]) * 1000,
                     'ratio %.2f to the faster SDK' % paired_ratio(cpu, name, faster), None))
        if name not in references:
            rows.append(('%s: median wall per call (ms)' % name, walls[name] * 1000,
                         'ratio %.2f to the faster SDK' % (walls[name] / walls[faster]), None))
    ratio = paired_ratio(cpu, names[0], faster)
    rows.append(('our client CPU per call / the faster SDK', ratio, 'at most 0.8', ratio <= 0.8))
    return rows


def import_cost(python, tree):
    code = ('import sys, time; before = set(sys.modules); started = time.perf_counter(); '
            'import ansible_collections.alicloud_ops.ecs.plugins.modules.ecs_task_info; '
            'print(time.perf_counter() - started, len(set(sys.modules) - before))')
    runs = [subprocess.run([python, '-c', code], env=dict(os.environ, PYTHONPATH=tree), check=True,
                           stdout=subprocess.PIPE, universal_newlines=True).stdout.split() for _ in range(5)]
    seconds = statistics.median(float(run[0]) for run in runs)
    return [('module import before the first call (ms, %s modules loaded)' % runs[0][1], seconds * 1000,
             'measured', None)]


# --- 3. a playbook with the module against one uri GET ---------------------------------------------

def playbook_overhead(emulator, bin_dir, work):
    emulator.reset()
    task_id = emulator.seed(1, status='Finished')[0]
    plays = {
        'module': {'alicloud_ops.ecs.ecs_task_info': {'access_key': KEY, 'secret_key': SECRET, 'region': REGION,
                                                      'endpoint': emulator.url, 'task_ids': [task_id]}},
        'uri': {'ansible.builtin.uri': {'url': emulator.url + '/_emulator/health'}},
    }
    paths = {}
    for name, task in plays.items():
        paths[name] = os.path.join(work, name + '.yml')
        with open(paths[name], 'w') as handle:
            json.dump([{'hosts': 'localhost', 'gather_facts': False, 'tasks': [dict(task, name=name)]}], handle)

    def run(name):
        started = time.perf_counter()
        subprocess.run([os.path.join(bin_dir, 'ansible-playbook'), paths[name]], env=bench_env(bin_dir), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - started

    for name in plays:
        run(name)  # warm up: the operating system's file cache
    walls = dict((name, []) for name in plays)
    for _ in range(PLAYBOOK_RUNS):  # in turns, like the client calls above
        for name in plays:
            walls[name].append(run(name))
    ratio = statistics.median(module / uri for module, uri in zip(walls['module'], walls['uri']))
    return [('ansible-playbook, one ecs_task_info query (median s)', statistics.median(walls['module']), '', None),
            ('ansible-playbook, one ansible.builtin.uri GET (median s)', statistics.median(walls['uri']), '', None),
            ('ecs_task_info play / uri play (median of the ratios of runs in turn)', ratio, 'at most 1.2',
             ratio <= 1.2)]


# --- 3b. progress at a bounded cost ------------------------------------------------------------------

ROLE_PLAY = PLAY_HEAD + '''    - ansible.builtin.include_role:
        name: alicloud_ops.ecs.image_task_wait
      vars:
        image_task_wait_task_ids: "{{ lookup('ansible.builtin.file', ids_file) | from_json }}"
        image_task_wait_task_action: ExportImage
        image_task_wait_poll_interval: 1
        image_task_wait_timeout: 4
'''


def progress_budget(emulator, tasks_module, bin_dir, work):
    """Progress calls a poll round at N Processing exports (one DescribeTaskAttribute call each, the worst case), for
    the module (one query) and for the role with its defaults (progress on), against the old cost of N."""
    rows = []
    play = os.path.join(work, 'role.yml')
    with open(play, 'w') as handle:
        handle.write(ROLE_PLAY)
    for count in (10, 150, 1000):
        emulator.reset()
        ids = emulator.seed(count, task_action='ExportImage', status='Processing')
        emulator.clear_log()
        tasks_module.run_task_query(options(emulator, task_ids=ids, task_action='ExportImage', progress=True))
        calls = emulator.calls('DescribeTaskAttribute')
        rows.append(('module, one query with progress of %d running tasks: progress calls' % count, calls,
                     'at most 10 (was %d)' % count, calls <= 10))
        ids_file = os.path.join(work, 'ids.json')
        with open(ids_file, 'w') as handle:
            json.dump(ids, handle)
        emulator.clear_log()
        subprocess.run([os.path.join(bin_dir, 'ansible-playbook'), play, '-e', 'ids_file=' + ids_file,
                        '-e', 'endpoint=' + emulator.url], env=bench_env(bin_dir), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)  # it times out: the tasks run for hours
        polls = emulator.calls('DescribeTasks') / float(-(-count // 100))
        per_round = emulator.calls('DescribeTaskAttribute') / polls
        rows.append(('role with its defaults on %d running tasks: progress calls per poll (%d polls)'
                     % (count, polls), per_round, 'at most 10 (was %d)' % count, per_round <= 10))
    return rows


def bench_env(bin_dir):
    env = toolchain.tool_env(bin_dir)
    env.update(ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
    return env


# --- 4 and 5. the module process: detection latency and peak memory ---------------------------------

def run_module(python, tree, work, arguments):
    """Run the module as its own process (as Ansible does); returns (result, seconds, peak RSS in MiB)."""
    path = os.path.join(work, 'args.json')
    with open(path, 'w') as handle:
        json.dump({'ANSIBLE_MODULE_ARGS': arguments}, handle)
    started = time.monotonic()
    seconds, peak, output = bench_oss.timed(bench_oss.module_command(python, 'ecs_task_info', path),
                                            env=dict(os.environ, PYTHONPATH=tree))
    return json.loads(output), started + seconds, peak


def detection_latency(emulator, python, tree, work):
    """Seconds from the emulator marking the task Finished to the module process returning, the mark falling at
    different points of the poll cycle; the worst of them is what a user can count on."""
    latencies = []
    for delay in (2.1, 2.45, 2.8):
        emulator.reset()
        task_id = emulator.seed(1, status='Processing')[0]
        marked = []

        def finish_later(task_id=task_id, delay=delay):
            time.sleep(delay)
            marked.append(time.monotonic())
            emulator.control('POST', 'tasks/' + task_id, {'status': 'Finished'})

        threading.Thread(target=finish_later).start()
        arguments = options(emulator, task_ids=[task_id], wait=True, poll_interval=1, wait_timeout=60)
        result, ended, dummy = run_module(python, tree, work, arguments)
        assert result['tasks'][0]['task_status'] == 'Finished', result
        latencies.append(ended - marked[0])
    worst = max(latencies)
    return [('detection latency at poll_interval 1, worst of %s (s)' % ', '.join('%.2f' % v for v in latencies),
             worst, 'at most 1.5', worst <= 1.5)]


def import_detection_latency(emulator, images_module):
    """Seconds from the emulator marking an import task Finished to ecs_image_import with wait returning (it then
    reads the image too), the mark falling at different points of the poll cycle."""
    latencies = []
    for delay in (2.1, 2.45, 2.8):
        emulator.reset()
        finished = {}

        def run():
            finished['outcome'] = images_module.run_image_import(import_options(
                emulator, 'bench-latency', wait=True, poll_interval=1, wait_timeout=60))
            finished['at'] = time.monotonic()

        thread = threading.Thread(target=run)
        thread.start()
        time.sleep(delay)
        task_id = emulator.control('GET', 'tasks')['tasks'][0]['TaskId']
        marked = time.monotonic()
        emulator.control('POST', 'tasks/' + task_id, {'status': 'Finished'})
        thread.join(60)
        assert finished['outcome'].result['image']['status'] == 'Available', finished['outcome'].message
        latencies.append(finished['at'] - marked)
    worst = max(latencies)
    return [('ecs_image_import wait: detection latency at poll_interval 1, worst of %s (s)'
             % ', '.join('%.2f' % v for v in latencies), worst, 'at most 1.5 (poll_interval + 0.5)', worst <= 1.5)]


def peak_memory(emulator, python, tree, work):
    rows = []
    for count in (10, 10000):
        emulator.reset()
        emulator.seed(count, task_action='ExportImage', status='Finished')
        result, dummy, peak = run_module(python, tree, work, options(emulator, task_action='ExportImage'))
        assert len(result['tasks']) == count
        rows.append(('module process peak RSS listing %d tasks (MiB)' % count, peak, 'measured', None))
    return rows


# --- the report ------------------------------------------------------------------------------------

def call_rows():
    """`make bench CALLS=1`: the API call counts alone, printed and not written (a restructure must leave them as they
    were); about a minute."""
    tree, connection, signing, tasks_module, images_module = collection_modules()
    with tempfile.TemporaryDirectory() as work:
        emulator = Emulator(sys.executable, work)
        try:
            rows = call_budget(emulator, tasks_module, connection, [])
            rows += image_call_budget(emulator, tasks_module, images_module)
            rows += bench_distribution.rows(emulator)
            rows += bench_eda.calls_per_poll(emulator)
        finally:
            emulator.stop()
    print(table(rows))
    return 1 if any(row[3] is False for row in rows) else 0


def release_rows(bin_dir):
    """`make bench-release`: the release rows alone, printed and not written; about five minutes."""
    checks.build_and_install(bin_dir)
    with tempfile.TemporaryDirectory() as work:
        rows, lines = bench_release.run(os.path.join(bin_dir, 'python'), bin_dir, bench_env(bin_dir), work)
    print(table(rows))
    print('\n'.join(lines))
    return 1 if any(row[3] is False for row in rows) else 0


def disk_rows(bin_dir):
    """`make bench-disk`: the disk image rows alone, printed and not written; about two minutes."""
    checks.build_and_install(bin_dir)
    with tempfile.TemporaryDirectory() as work:
        rows = bench_disk.run(os.path.join(bin_dir, 'python'), bin_dir, bench_env(bin_dir), work)
    print(table(rows))
    return 1 if any(row[3] is False for row in rows) else 0


def main():
    started = time.monotonic()
    interpreters = toolchain.find_interpreters()
    version = next(v for v in toolchain.MAIN_PYTHONS if v in interpreters)
    bin_dir = toolchain.ensure_venv('bench', interpreters[version], os.path.join(paths.REQUIREMENTS, 'bench.txt'))
    if os.path.realpath(sys.executable) != os.path.realpath(os.path.join(bin_dir, 'python')):
        # the SDKs, our client and the plotting library must run in the bench's pinned virtualenv
        return subprocess.call([os.path.join(bin_dir, 'python')] + sys.argv)
    if '--calls' in sys.argv:
        return call_rows()
    if '--release' in sys.argv:
        return release_rows(bin_dir)
    if '--disk' in sys.argv:
        return disk_rows(bin_dir)
    import bench_charts  # pylint: disable=import-outside-toplevel  # matplotlib: the bench's virtualenv only
    checks.build_and_install(bin_dir)
    python = os.path.join(bin_dir, 'python')
    tree, connection, signing, tasks_module, images_module = collection_modules()
    rows = []
    polling_points = []
    with tempfile.TemporaryDirectory() as work:
        emulator = Emulator(python, work)
        try:
            rows += emulator_throughput(emulator, signing)
            rows += call_budget(emulator, tasks_module, connection, polling_points)
            rows += image_call_budget(emulator, tasks_module, images_module)
            rows += progress_budget(emulator, tasks_module, bin_dir, work)
            rows += per_call_cost(emulator, connection)
            rows += import_cost(python, tree)
            rows += playbook_overhead(emulator, bin_dir, work)
            rows += detection_latency(emulator, python, tree, work)
            rows += import_detection_latency(emulator, images_module)
            rows += peak_memory(emulator, python, tree, work)
            rows += bench_distribution.rows(emulator)
            rows += bench_progress.rows(python, bin_dir, work)
            rows += bench_eda.rows(emulator)
            oss = bench_oss.run(emulator, python, tree, work)
            rows += oss['rows']
        finally:
            emulator.stop()
        release_rows_found, release_lines = bench_release.run(python, bin_dir, bench_env(bin_dir), work)
        rows += release_rows_found
        disk_work = os.path.join(work, 'disk')
        os.mkdir(disk_work)
        rows += bench_disk.run(python, bin_dir, bench_env(bin_dir), disk_work)
    machine = '%s, %d cores, Python %s, %s' % (platform.machine(), os.cpu_count() or 0, platform.python_version(),
                                               platform.platform(terse=True))
    date = time.strftime('%Y-%m-%d %H:%M', time.gmtime())
    charts = bench_charts.draw(os.path.join(paths.ROOT, 'docs', 'benchmarks'), oss['sweep'], bench_oss.PARALLELS,
                               bench_oss.SWEEP_SIZE // (1 << 20), oss['peaks'], polling_points, machine, date)
    report = '\n'.join([
        '# Benchmarks',
        '',
        'Measured by `make bench` on %s UTC, on %s, against the bundled emulator (its own process, loopback).'
        % (date, machine),
        'Every value comes from that run; `make bench` writes this file and the charts anew.',
        '',
        '![OSS throughput against parallelism](benchmarks/%s)' % charts[0],
        '',
        '![Peak memory against file size](benchmarks/%s)' % charts[1],
        '',
        '![API calls a poll round against the number of tasks](benchmarks/%s)' % charts[2],
        '',
        table(rows),
        '',
        '## The sweep of parts in flight',
        bench_oss.sweep_table(oss['sweep']),
        '',
        '## A release to R regions, calls by action',
        'image_distribute through ansible-playbook, each region holding %d images of the family, keep %d, copies of '
        '%d s (emulated on the clock), DeleteImage 3 s, poll interval 1 s.' % (
            bench_release.BACKLOG, bench_release.KEEP, bench_release.COPY_SECONDS),
        '',
        '\n'.join(release_lines),
        '',
        'Client CPU per call is the CPU time of the calling process per DescribeTasks call (page of 10): the '
        'clients take turns, %d calls each, in %d rounds in the same process against the same emulator. A CPU '
        'figure is the median of the rounds; a CPU ratio is the median of the ratios within each round, so that '
        'the machine\'s busy moments cancel out. Wall time (median) is mostly the server\'s. '
        'The two plays run in turns too, %d times each, after one run each to warm up; their ratio is the median '
        'of the ratios of the pairs. Peak RSS is the module process\'s own maximum resident set (VmHWM), read at its '
        'exit. OSS transfers: each tool runs as a process of its own against the same emulator, a 256 MiB file with '
        '8 MiB parts at 1 to 16 parts in flight, on loopback and through the emulator\'s WAN mode (a 30 or 100 ms '
        'round trip a request, 16 MiB/s a connection); with every connection capped, a WAN ratio is about the ratio of '
        'connections in flight. oss_object\'s default parallelism, 16, comes from this sweep: on the capped links its '
        'throughput grows with every part in flight, where the SDKs level off past 8; on loopback the CPU is the limit '
        'and 16 is as fast as 8; memory grows with each part in flight (part_size times parallel + 1).'
        % (CALLS // ROUNDS, ROUNDS, PLAYBOOK_RUNS),
        '',
    ])
    with open(os.path.join(paths.ROOT, 'docs', 'benchmarks.md'), 'w') as handle:
        handle.write(report)
    print(report)
    missed = [row[0] for row in rows if row[3] is False]
    print('make bench: %d rows in %.0f s; targets missed: %s' % (len(rows), time.monotonic() - started,
                                                                 ', '.join(missed) or 'none'))
    return 1 if missed else 0


if __name__ == '__main__':
    sys.exit(main())
