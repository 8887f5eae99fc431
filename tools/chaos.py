#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""make chaos: the release pipeline (tests/chaos/pipeline.yml: the image_import role, then image_distribute) under
seeded random faults on every ECS and OSS call of the emulator (lost answers, resets, 503s, throttling, damaged
bodies), then run again without faults; prints a table, one row a seed.

A seed passes when its first run ends in success or in a clear error (no traceback, an error message), and the plain
re-run then converges: exactly one image of the name in each region, one copy per region, the shares and the family
as asked, nothing retired that should stay and the old image that should go gone with its snapshot, no snapshot of a
kept image deleted, the family naming the new image in every region, no object or multipart upload left.

With --concurrent, two pipelines run at once on each seed (two CI jobs releasing the same file), under the same faults:
each ends in success or a clear error, and the state then converges as above.

    python3 tools/chaos.py --seeds 20 [--first-seed 1] [--rate 0.2] [--concurrent]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checks  # noqa: E402  pylint: disable=wrong-import-position
import paths  # noqa: E402  pylint: disable=wrong-import-position
import toolchain  # noqa: E402  pylint: disable=wrong-import-position
from bench_support import Emulator  # noqa: E402  pylint: disable=wrong-import-position

NAME = 'chaos-web'
FAMILY = 'chaos-family'
ACCOUNTS = ['2001', '2002']
REGIONS = ('cn-hangzhou', 'cn-shanghai', 'cn-beijing')
BUCKET = 'chaos-images'
# The family's older images: what retention with keep 2 must keep (the newest, a shared one, one in use, one of another
# owner) and what it must retire, with its snapshot.
MUST_STAY = ('m-hz-v1', 'm-hz-shared', 'm-sh-v1', 'm-sh-used', 'm-sh-theirs')
MUST_GO = ('m-hz-v0',)
SNAPSHOTS_FREED = ('s-hz-v0',)
SNAPSHOTS_KEPT = ('s-hz-v1', 's-hz-shared', 's-sh-v1', 's-sh-used')
FIXTURES = {
    'oss_buckets': {BUCKET: {'region': 'cn-hangzhou', 'objects': {}}},
    'task_durations': {'ImportImage': {'waiting': 10, 'processing': 300}},
    'copy_seconds_per_gib': 2,
    'images': [
        {'image_id': 'm-hz-v1', 'image_name': 'chaos-v1', 'image_family': FAMILY, 'age_seconds': 3600,
         'snapshot_ids': ['s-hz-v1']},
        {'image_id': 'm-hz-shared', 'image_name': 'chaos-shared', 'image_family': FAMILY, 'age_seconds': 5400,
         'shared_with': ['1111'], 'snapshot_ids': ['s-hz-shared']},
        {'image_id': 'm-hz-v0', 'image_name': 'chaos-v0', 'image_family': FAMILY, 'age_seconds': 7200,
         'snapshot_ids': ['s-hz-v0']},
        {'image_id': 'm-sh-v1', 'image_name': 'chaos-v1', 'image_family': FAMILY, 'age_seconds': 3600,
         'region': 'cn-shanghai', 'snapshot_ids': ['s-sh-v1']},
        {'image_id': 'm-sh-used', 'image_name': 'chaos-v0', 'image_family': FAMILY, 'age_seconds': 7200,
         'region': 'cn-shanghai', 'snapshot_ids': ['s-sh-used']},
        {'image_id': 'm-sh-theirs', 'image_name': 'chaos-old', 'image_family': FAMILY, 'age_seconds': 9000,
         'region': 'cn-shanghai', 'owner_alias': 'others'},
    ],
    'instances': [{'instance_id': 'i-web1', 'image_id': 'm-sh-used'}],
}
TIME_SCALE = 600
UNCLEAR = ('Traceback (most recent call last)', 'MODULE FAILURE', 'module_stderr', 'An exception occurred')
_ERROR = re.compile(r'"msg": "([^"]{0,300})')
_CODE = re.compile(r'\b([A-Z][A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+|[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+)(?=: )')


def run_pipeline(bin_dir, env, emulator, chaos_file):
    """(exit status, output) of one ansible-playbook run of the pipeline."""
    env = dict(env)
    env.update(ANSIBLE_LOCALHOST_WARNING='false', ANSIBLE_INVENTORY_UNPARSED_WARNING='false')
    process = subprocess.run([os.path.join(bin_dir, 'ansible-playbook'),
                              os.path.join(paths.ROOT, 'tests', 'chaos', 'pipeline.yml'),
                              '-e', 'emulator_url=' + emulator.url, '-e', 'chaos_file=' + chaos_file],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                             timeout=600)
    return process.returncode, process.stdout


def first_run_outcome(status, output):
    """'ok', or the error code (or 'error') of a clear failure; None for a failure that is not clear."""
    if any(marker in output for marker in UNCLEAR):
        return None
    if status == 0:
        return 'ok'
    messages = [m for m in _ERROR.findall(output) if m and 'All assertions passed' not in m]
    if not messages:
        return None
    codes = _CODE.findall(messages[-1])
    return codes[0] if codes else 'error'


def converged(emulator):
    """The problems of the state after the plain re-run (an empty list when it converged)."""
    images = emulator.control('GET', 'images')['images']
    problems = []
    for region in REGIONS:
        named = [i for i in images if i['Region'] == region and i['ImageName'] == NAME]
        if len(named) != 1:
            problems.append('%d images named %s in %s' % (len(named), NAME, region))
            continue
        image = named[0]
        if region != REGIONS[0] and not image['IsCopied']:
            problems.append('the image in %s is not a copy' % region)
        if image['SharedWith'] != ACCOUNTS:
            problems.append('%s is shared with %s' % (region, image['SharedWith']))
        if image['ImageFamily'] != FAMILY or image['Status'] != 'Available':
            problems.append('%s is %s in family %r' % (region, image['Status'], image['ImageFamily']))
    ids = set(i['ImageId'] for i in images)
    problems.extend('%s was retired' % image_id for image_id in MUST_STAY if image_id not in ids)
    problems.extend('%s was not retired' % image_id for image_id in MUST_GO if image_id in ids)
    snapshots = set(s['SnapshotId'] for s in emulator.control('GET', 'snapshots')['snapshots'])
    problems.extend('snapshot %s of a retired image was left' % s for s in SNAPSHOTS_FREED if s in snapshots)
    problems.extend('snapshot %s of a kept image was deleted' % s for s in SNAPSHOTS_KEPT if s not in snapshots)
    for region in REGIONS:  # as DescribeImageFromFamily answers: the newest Available image of the family
        members = sorted((i['CreationTime'], i['ImageId'], i['ImageName']) for i in images if i['Region'] == region
                         and i['ImageFamily'] == FAMILY and i['Status'] == 'Available'
                         and i['ImageOwnerAlias'] == 'self' and not i['Deleting'])
        if not members or members[-1][2] != NAME:
            problems.append('the family names %s in %s, not %s' % (members[-1][2] if members else 'nothing', region,
                                                                  NAME))
    bucket = emulator.control('GET', 'oss/' + BUCKET)
    if bucket['objects'] or bucket['uploads']:
        problems.append('left in OSS: %s' % ', '.join(list(bucket['objects']) + bucket['uploads']))
    return problems


def run_pipelines(bin_dir, env, emulator, chaos_file, count):
    """[(exit status, output)] of `count` runs of the pipeline started together (count CI jobs at once)."""
    if count == 1:
        return [run_pipeline(bin_dir, env, emulator, chaos_file)]
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda dummy: run_pipeline(bin_dir, env, emulator, chaos_file), range(count)))


def run_seed(bin_dir, env, emulator, seed, rate, chaos_file, pipelines=1):
    emulator.control('POST', 'reset')
    emulator.control('POST', 'config', {'chaos': {'seed': seed, 'rate': rate}})
    started = time.monotonic()
    runs = run_pipelines(bin_dir, env, emulator, chaos_file, pipelines)
    first_seconds = time.monotonic() - started
    emulator.control('POST', 'config', {'chaos': None})
    counters = emulator.control('GET', 'requests')
    faults = sum(n for code, n in counters['by_code'].items() if code not in ('OK', 'DryRunOperation')
                 and not code.startswith(('OperationDenied.ImageCopyConflict', 'NoSuch')))
    outcomes = [first_run_outcome(status, output) for status, output in runs]
    first = None if None in outcomes else '/'.join(outcomes)
    output = '\n'.join(output for dummy, output in runs)
    again_status, again_output = run_pipeline(bin_dir, env, emulator, chaos_file)
    problems = converged(emulator) if again_status == 0 else ['the re-run failed: %s' % (
        _ERROR.findall(again_output) or ['?'])[-1]]
    if first is None:
        problems.insert(0, 'the first run did not end clearly')
    return dict(seed=seed, requests=counters['count'], faults=faults, first=first or 'UNCLEAR',
                first_seconds=first_seconds, again='ok' if again_status == 0 else 'failed', problems=problems,
                output=output if problems else '')


def table(rows):
    lines = ['| seed | requests | faults | first run | s | re-run | converged |', '| ---: | ---: | ---: | --- | ---: | --- | --- |']
    for row in rows:
        lines.append('| %d | %d | %d | %s | %.0f | %s | %s |' % (
            row['seed'], row['requests'], row['faults'], row['first'], row['first_seconds'], row['again'],
            'yes' if not row['problems'] else 'NO: ' + '; '.join(row['problems'])))
    return '\n'.join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seeds', type=int, default=20, help='how many seeds (default 20)')
    parser.add_argument('--first-seed', type=int, default=1)
    parser.add_argument('--rate', type=float, default=0.2, help='share of ECS and OSS calls given a fault (0.2)')
    parser.add_argument('--concurrent', action='store_true',
                        help='two pipelines at once on each seed (two CI jobs), under the same faults')
    parser.add_argument('--bin-dir', help='the virtualenv bin folder to run with, in the environment as given (make '
                                          'test gives its own); without it, .venv/main is set up and the collection '
                                          'built and installed')
    args = parser.parse_args(argv)
    if args.bin_dir:
        bin_dir, env = args.bin_dir, dict(os.environ)
    else:
        interpreters = toolchain.find_interpreters()
        version = next(v for v in toolchain.MAIN_PYTHONS if v in interpreters)
        bin_dir = toolchain.ensure_venv('main', interpreters[version], os.path.join(paths.REQUIREMENTS, 'toolchain.txt'))
        checks.build_and_install(bin_dir)
        env = toolchain.tool_env(bin_dir)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        chaos_file = os.path.join(work, 'chaos.raw')
        with open(chaos_file, 'wb') as handle:
            handle.write(os.urandom(300 * 1024))  # three parts of 100 KB
        emulator = Emulator(os.path.join(bin_dir, 'python'), work, FIXTURES, TIME_SCALE)
        try:
            for seed in range(args.first_seed, args.first_seed + args.seeds):
                rows.append(run_seed(bin_dir, env, emulator, seed, args.rate, chaos_file,
                                     2 if args.concurrent else 1))
                print('seed %d: first run %s, re-run %s, %s' % (seed, rows[-1]['first'], rows[-1]['again'],
                                                                 'converged' if not rows[-1]['problems'] else
                                                                 'NOT converged: ' + '; '.join(rows[-1]['problems'])))
                sys.stdout.flush()
        finally:
            emulator.stop()
    for row in rows:
        if row['problems']:
            print('\n--- seed %d, first run output (last 60 lines) ---\n%s' % (
                row['seed'], '\n'.join(row['output'].splitlines()[-60:])))
    print('\n' + table(rows))
    failed = [row['seed'] for row in rows if row['problems']]
    print('\nchaos%s: %d seed%s, %d passed, %d failed%s' % (
        ' (concurrent)' if args.concurrent else '', len(rows), '' if len(rows) == 1 else 's', len(rows) - len(failed),
        len(failed),
        (': seeds ' + ', '.join(map(str, failed))) if failed else ''))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
