#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""OSS rows of make bench: oss_object against the official OSS SDKs through the same emulator, on loopback and
through the emulator's WAN mode; its memory, its requests, a file over 5 GiB, and the CRC-64 libraries.

Each transfer runs as a process of its own (the module as Ansible runs it), so that wall time and peak RSS are its
own. Run alone with `.venv/main/bin/python tools/bench_oss.py` (after make test), or as part of make bench.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

MIB = 1 << 20
GIB = 1 << 30
KEY, SECRET, REGION, BUCKET = 'emulator-access-key', 'emulator-secret', 'cn-hangzhou', 'exports'
LOOPBACK_SIZE = GIB
WAN_SIZE = 256 * MIB
WAN = {'rtt_ms': 30, 'mib_per_s': 16}
EQUAL = dict(parallel=4, part_size=8 * MIB)  # "at the same parallelism": our defaults, given to the SDKs

SDK_SCRIPT = r'''
import json, sys
job = json.loads(sys.argv[1])
if job['tool'] == 'oss2':
    import oss2
    bucket = oss2.Bucket(oss2.AuthV4(job['key'], job['secret']), job['url'], job['bucket'], region=job['region'])
    extra = {}
    if job['parallel']:
        extra = dict(num_threads=job['parallel'], part_size=job['part_size'])
    if job['direction'] == 'upload':
        oss2.resumable_upload(bucket, job['object'], job['path'], store=oss2.ResumableStore(root=job['work']), **extra)
    else:
        if extra:
            extra['multiget_threshold'] = extra['part_size']
        oss2.resumable_download(bucket, job['object'], job['path'],
                                store=oss2.ResumableDownloadStore(root=job['work']), **extra)
else:
    import alibabacloud_oss_v2 as oss
    config = oss.config.load_default()
    config.credentials_provider = oss.credentials.StaticCredentialsProvider(job['key'], job['secret'])
    config.region = job['region']
    config.endpoint = job['url']
    client = oss.Client(config)
    extra = dict(parallel_num=job['parallel'], part_size=job['part_size']) if job['parallel'] else {}
    if job['direction'] == 'upload':
        client.uploader(**extra).upload_file(oss.PutObjectRequest(bucket=job['bucket'], key=job['object']),
                                             filepath=job['path'])
    else:
        client.downloader(**extra).download_file(oss.GetObjectRequest(bucket=job['bucket'], key=job['object']),
                                                 filepath=job['path'])
'''


# The process's own peak RSS, from /proc at exit. ru_maxrss is no use here: a child started with vfork, as
# subprocess does, inherits at exec the peak RSS of the parent, and the bench's own peak is far above a module's.
MEASURED = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    with open('/proc/self/status') as status:\n"
    "        kib = [int(l.split()[1]) for l in status if l.startswith('VmHWM:')][0]\n"
    "    sys.stderr.write('peak-rss-kib=%d\\n' % kib)\n"
    "atexit.register(peak)\n"
    "sys.argv = sys.argv[1:]\n"
    "runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n")


def timed(argv, env=None):
    """(seconds, peak RSS in MiB, stdout) of `python -c MEASURED module args...` or of a script given as
    `python -c SCRIPT`, whose peak RSS it reads from the peak-rss-kib line MEASURED writes."""
    started = time.monotonic()
    process = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    seconds = time.monotonic() - started
    if process.returncode != 0 and b'peak-rss-kib' not in process.stderr:
        raise SystemExit('%s failed: %s' % (argv[:3], process.stderr[-2000:]))
    peaks = [int(line.split(b'=')[1]) for line in process.stderr.splitlines() if line.startswith(b'peak-rss-kib=')]
    return seconds, (peaks[-1] / 1024.0 if peaks else None), process.stdout


def module_command(python, module, args_path):
    """The command that runs a module as Ansible does (its arguments in a file), measuring its peak RSS."""
    return [python, '-c', MEASURED, 'ansible_collections.alicloud_ops.ecs.plugins.modules.' + module, args_path]


class Bench:
    def __init__(self, emulator, python, tree, work):
        self.emulator = emulator
        self.python = python
        self.tree = tree
        self.work = work

    def module(self, **arguments):
        """oss_object as its own process: (seconds, peak RSS, result)."""
        arguments = dict(dict(access_key=KEY, secret_key=SECRET, region=REGION, oss_endpoint=self.emulator.url,
                              bucket=BUCKET), **arguments)
        path = os.path.join(self.work, 'args.json')
        with open(path, 'w') as handle:
            json.dump({'ANSIBLE_MODULE_ARGS': arguments}, handle)
        seconds, peak, output = timed(module_command(self.python, 'oss_object', path),
                                      env=dict(os.environ, PYTHONPATH=self.tree))
        result = json.loads(output)
        if result.get('failed'):
            raise SystemExit('oss_object failed: %s' % result.get('msg'))
        return seconds, peak, result

    def sdk(self, tool, direction, key, path, parallel=None, part_size=None):
        job = dict(tool=tool, direction=direction, object=key, path=path, parallel=parallel, part_size=part_size,
                   key=KEY, secret=SECRET, region=REGION, url=self.emulator.url, bucket=BUCKET,
                   work=tempfile.mkdtemp(dir=self.work))
        return timed([self.python, '-c', SDK_SCRIPT, json.dumps(job)])[:2]

    def file(self, name, size):
        path = os.path.join(self.work, name)
        with open(path, 'wb') as handle:
            block = os.urandom(MIB)
            for dummy in range(size // MIB):
                handle.write(block[:MIB // 2] + os.urandom(MIB // 2))
        return path

    def contest(self, size, label, our_settings=()):
        """Upload and download of one file by each tool, and by oss_object with each of our_settings; rows of MiB/s."""
        source = self.file('source-%d' % size, size)
        back = os.path.join(self.work, 'back')
        speeds = {}
        for direction in ('upload', 'download'):
            tools = [('oss_object (defaults: parallel 4, 8 MiB parts)', None)]
            tools += [('oss_object, parallel %d' % n, ('ours', n)) for n in our_settings]
            tools += [('oss2 resumable, its defaults', ('oss2', None)),
                      ('oss2 resumable, parallel 4, 8 MiB parts', ('oss2', EQUAL)),
                      ('alibabacloud-oss-v2, its defaults', ('v2', None)),
                      ('alibabacloud-oss-v2, parallel 4, 8 MiB parts', ('v2', EQUAL))]
            for name, sdk in tools:
                key = 'bench/%s-%d' % (direction, size)
                if direction == 'download' and sdk is None:
                    self.module(object=key, src=source, overwrite='always')  # the object every tool downloads
                if os.path.exists(back):
                    os.remove(back)
                if sdk is None or sdk[0] == 'ours':
                    place = dict(src=source) if direction == 'upload' else dict(dest=back)
                    seconds = self.module(object=key, overwrite='always', parallel=sdk[1] if sdk else 4, **place)[0]
                else:
                    equal = sdk[1] or {}
                    seconds = self.sdk(sdk[0], direction, key, source if direction == 'upload' else back,
                                       equal.get('parallel'), equal.get('part_size'))[0]
                speeds[(direction, name)] = size / MIB / seconds
        rows = [('%s %s of %d MiB: %s (MiB/s)' % (label, d, size // MIB, n), v, 'measured', None)
                for (d, n), v in sorted(speeds.items())]
        os.remove(source)
        return rows, speeds

    def loopback(self):
        rows, speeds = self.contest(LOOPBACK_SIZE, 'loopback')
        for direction in ('upload', 'download'):
            ours = speeds[(direction, 'oss_object (defaults: parallel 4, 8 MiB parts)')]
            best = max(speeds[(direction, 'oss2 resumable, parallel 4, 8 MiB parts')],
                       speeds[(direction, 'alibabacloud-oss-v2, parallel 4, 8 MiB parts')])
            rows.append(('loopback %s: oss_object / the fastest SDK at equal parallelism' % direction, ours / best,
                         'at least 1.0', ours / best >= 1.0))
        return rows

    def wan(self):
        self.emulator.control('POST', 'config', {'wan': WAN})
        try:
            rows, speeds = self.contest(WAN_SIZE, 'WAN %d ms, %d MiB/s a connection:' % (WAN['rtt_ms'],
                                                                                          WAN['mib_per_s']), (8,))
        finally:
            self.emulator.control('POST', 'config', {'wan': {}})
        for direction in ('upload', 'download'):
            ours = speeds[(direction, 'oss_object (defaults: parallel 4, 8 MiB parts)')]
            best = max(speeds[(direction, 'oss2 resumable, its defaults')],
                       speeds[(direction, 'alibabacloud-oss-v2, its defaults')])
            # Each connection is capped, so the ratio is near our connections over theirs: 4 against the V2 SDK's 3
            # (uploads) and oss2's 4 (downloads) cannot reach 1.5; the parallel 8 row shows the lever.
            rows.append(('WAN %s: oss_object defaults / the faster SDK defaults' % direction, ours / best,
                         'at least 1.5', ours / best >= 1.5))
            eight = speeds[(direction, 'oss_object, parallel 8')] / best
            rows.append(('WAN %s: oss_object at parallel 8 / the faster SDK defaults' % direction, eight,
                         'measured', None))
        return rows

    def memory_and_requests(self):
        rows = []
        peaks = {}
        for size in (GIB, 4 * GIB):
            source = self.file('memory-%d' % size, size)
            seconds, peaks[size], result = self.module(object='bench/memory', src=source, overwrite='always')
            rows.append(('oss_object upload of %d GiB: peak RSS (MiB)' % (size // GIB), peaks[size], 'measured', None))
            if size == GIB:
                self.emulator.clear_log()
                self.module(object='bench/memory', src=source)
                log = self.emulator.control('GET', 'requests')
                sent = sum(r['bytes'] for r in log['requests'])
                rows.append(('unchanged re-run of 1 GiB: requests (bytes sent %d)' % sent, log['count'],
                             '1 HeadObject, no body', log['by_action'] == {'HeadObject': 1} and sent == 0))
                self.emulator.control('POST', 'faults', {'kind': 'error', 'code': 'ServiceUnavailable',
                                                         'action': 'UploadPart', 'after': 64})
                try:
                    self.module(object='bench/resume', src=source, parallel=1, max_retries=0)
                except SystemExit:
                    pass  # interrupted on purpose after 64 of 128 parts
                self.emulator.control('DELETE', 'faults')
                self.emulator.clear_log()
                result = self.module(object='bench/resume', src=source)[2]
                parts = self.emulator.control('GET', 'requests')['by_action'].get('UploadPart', 0)
                rows.append(('resume of 1 GiB after half of its 128 parts: parts sent (reused %d)'
                             % result['parts_reused'], parts, 'at most 65 (half + 1)', parts <= 65))
            os.remove(source)
        growth = peaks[4 * GIB] / peaks[GIB] - 1
        rows.append(('peak RSS, 4 GiB against 1 GiB: growth', growth, 'within 0.10', abs(growth) <= 0.10))
        sparse = os.path.join(self.work, 'sparse')
        with open(sparse, 'wb') as handle:
            handle.truncate(5 * GIB + 300 * MIB)
        seconds, peak, result = self.module(object='bench/over-5-gib', src=sparse, part_size='64MB')
        rows.append(('upload of a 5.3 GiB sparse file in %d parts of 64 MiB: seconds' % result['parts'], seconds,
                     'succeeds', result['size'] == 5 * GIB + 300 * MIB))
        os.remove(sparse)
        return rows


def crc_rows():
    import anycrc
    import crcmod
    import fastcrc
    data = os.urandom(256 * MIB)
    xz = crcmod.mkCrcFun(0x142F0E1EBA9EA3693, initCrc=0, rev=True, xorOut=0xFFFFFFFFFFFFFFFF)
    candidates = [('anycrc 2.1.0 (chosen)', anycrc.Model('CRC64-XZ').calc), ('fastcrc 0.5.0 (the emulator)',
                                                                             fastcrc.crc64.xz),
                  ('crcmod-plus 2.3.6', xz)]
    rows = []
    for name, function in candidates:
        assert function(b'123456789') == 0x995DC9BBDF1939FA, name
        started = time.perf_counter()
        function(data)
        rows.append(('CRC-64 throughput, %s (MiB/s)' % name, 256 / (time.perf_counter() - started), 'measured',
                     None))
    return rows


def rows(emulator, python, tree, work):
    bench = Bench(emulator, python, tree, work)
    emulator.reset()
    return crc_rows() + bench.memory_and_requests() + bench.loopback() + bench.wan()


if __name__ == '__main__':
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import bench_support  # noqa: E402  pylint: disable=wrong-import-position
    tree = bench_support.collection_modules()[0]
    with tempfile.TemporaryDirectory() as work:
        running = bench_support.Emulator(sys.executable, work)
        try:
            measured = rows(running, sys.executable, tree, work)
        finally:
            running.stop()
    print(bench_support.table(measured))
