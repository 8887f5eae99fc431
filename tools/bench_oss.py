#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""OSS rows of make bench: oss_object against the official OSS SDKs through the same emulator, a sweep of 1 to 16
parts in flight on loopback and through the WAN mode (30 and 100 ms); its memory, its requests, a file over 5 GiB, and
the CRC-64 libraries.

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
SWEEP_SIZE = 256 * MIB
PARALLELS = (1, 2, 4, 8, 16)
OUR_DEFAULT = 16  # oss_object's default parallel; its default part size for these files is 8 MiB
PART_SIZE = 8 * MIB  # given to the SDKs in the sweep, so that only the parts in flight differ
# The links of the sweep: loopback, and the emulator's WAN mode (a round trip a request, a rate a connection).
LINKS = (('loopback', {}), ('WAN 30 ms', {'rtt_ms': 30, 'mib_per_s': 16}), ('WAN 100 ms', {'rtt_ms': 100, 'mib_per_s': 16}))
TOOLS = ('oss_object', 'oss2', 'alibabacloud-oss-v2')
SDKS = {'oss2': 'oss2', 'alibabacloud-oss-v2': 'v2'}

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

    def transfer(self, tool, direction, key, source, back, parallel):
        """Seconds of one upload (of source) or download (to back); parallel None: the tool's own defaults."""
        if os.path.exists(back):
            os.remove(back)
        if tool == 'oss_object':
            place = dict(src=source) if direction == 'upload' else dict(dest=back)
            settings = {} if parallel in (None, OUR_DEFAULT) else dict(parallel=parallel)  # the default, as users get it
            return self.module(object=key, overwrite='always', **dict(place, **settings))[0]
        return self.sdk(SDKS[tool], direction, key, source if direction == 'upload' else back, parallel,
                        PART_SIZE if parallel else None)[0]

    def sweep(self):
        """MiB/s of every tool at every parallelism, upload and download of SWEEP_SIZE, on each link (through the
        WAN of 100 ms, oss_object alone); the SDKs at their own defaults too (parallel None) through the WANs."""
        source = self.file('sweep', SWEEP_SIZE)
        back = os.path.join(self.work, 'back')
        speeds = {}
        try:
            for link, wan in LINKS:
                self.emulator.control('POST', 'config', {'wan': wan})
                self.module(object='bench/sweep-source', src=source, overwrite='always')  # what every tool downloads
                tools = TOOLS if link != 'WAN 100 ms' else ('oss_object',)
                for direction in ('upload', 'download'):
                    key = 'bench/sweep-up' if direction == 'upload' else 'bench/sweep-source'
                    for tool in tools:
                        for parallel in PARALLELS + ((None,) if wan and tool != 'oss_object' else ()):
                            seconds = self.transfer(tool, direction, key, source, back, parallel)
                            speeds[(link, direction, tool, parallel)] = SWEEP_SIZE / MIB / seconds
        finally:
            self.emulator.control('POST', 'config', {'wan': {}})
            os.remove(source)
        return speeds

    @staticmethod
    def goals(speeds):
        """The rows of the transfer goals, from the sweep."""
        rows = []
        for link in ('loopback', 'WAN 30 ms'):
            for direction in ('upload', 'download'):
                ours = speeds[(link, direction, 'oss_object', OUR_DEFAULT)]
                best = max(speeds[(link, direction, sdk, OUR_DEFAULT)] for sdk in SDKS)
                rows.append(('%s %s: oss_object / the fastest SDK, both at parallel %d' % (link, direction, OUR_DEFAULT),
                             ours / best, 'at least 1.0', ours / best >= 1.0))
        for link in ('WAN 30 ms', 'WAN 100 ms'):
            for direction in ('upload', 'download'):
                ours = speeds[(link, direction, 'oss_object', OUR_DEFAULT)]
                if link == 'WAN 30 ms':
                    best = max(speeds[(link, direction, sdk, None)] for sdk in SDKS)
                    rows.append(('%s %s: oss_object defaults / the faster SDK defaults' % (link, direction),
                                 ours / best, 'at least 1.5', ours / best >= 1.5))
                rows.append(('%s %s: oss_object at its defaults (MiB/s)' % (link, direction), ours, 'measured', None))
        return rows

    def memory_and_requests(self):
        """Rows of memory, unchanged re-runs and resumes; and {file size: peak RSS in MiB} at the defaults."""
        rows = []
        peaks = {}
        for size in (256 * MIB, GIB, 4 * GIB):
            source = self.file('memory-%d' % size, size)
            seconds, peaks[size], result = self.module(object='bench/memory', src=source, overwrite='always')
            rows.append(('oss_object upload of %d MiB at its defaults: peak RSS (MiB)' % (size // MIB), peaks[size],
                         'measured', None))
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
        return rows, peaks


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


def sweep_table(speeds):
    """Markdown tables of the sweep, a row a tool and a column a parallelism, for each link and direction."""
    lines = []
    for link, dummy in LINKS:
        for direction in ('upload', 'download'):
            lines += ['', '%s, %s of %d MiB (MiB/s):' % (link, direction, SWEEP_SIZE // MIB), '',
                      '| tool | ' + ' | '.join('parallel %d' % p for p in PARALLELS) + ' | its defaults |',
                      '| --- |' + ' ---: |' * (len(PARALLELS) + 1)]
            for tool in TOOLS:
                if (link, direction, tool, 1) not in speeds:
                    continue
                cells = ['%.1f' % speeds[(link, direction, tool, p)] for p in PARALLELS]
                default = speeds.get((link, direction, tool, None if tool != 'oss_object' else OUR_DEFAULT))
                lines.append('| %s | %s | %s |' % (tool, ' | '.join(cells), '%.1f' % default if default else ''))
    return '\n'.join(lines)


def run(emulator, python, tree, work):
    """The OSS rows, the sweep ({(link, direction, tool, parallel): MiB/s}) and the peaks ({size: MiB})."""
    bench = Bench(emulator, python, tree, work)
    emulator.reset()
    memory, peaks = bench.memory_and_requests()
    speeds = bench.sweep()
    return dict(rows=crc_rows() + memory + bench.goals(speeds), sweep=speeds, peaks=peaks)


if __name__ == '__main__':
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import bench_support  # noqa: E402  pylint: disable=wrong-import-position
    tree = bench_support.collection_modules()[0]
    with tempfile.TemporaryDirectory() as work:
        running = bench_support.Emulator(sys.executable, work)
        try:
            measured = run(running, sys.executable, tree, work)
        finally:
            running.stop()
    print(bench_support.table(measured['rows']))
    print(sweep_table(measured['sweep']))
