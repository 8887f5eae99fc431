# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The progress record a background module writes: throttled, whole, and stopped by a stale lease; and the records
that waits and transfers write through it."""

from __future__ import absolute_import, division, print_function

import json
import os

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress import files, report as progress
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.oss_object import run_oss_object
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import Waiter
from ansible_collections.alicloud_ops.ecs.tests.unit.plugins.module_utils._oss.test_transfer import BUCKETS, PART, options, write


class Clock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


class Abandoned(Exception):
    pass


def abandon(path, lease):
    raise Abandoned(path, lease)


def counts(done, total=10):
    return dict(direction='upload', bytes_done=done, bytes_total=total, parts_done=done, parts_total=total,
                bytes_reused=0, parts_reused=0)


def read(path):
    with open(path) as handle:
        return json.load(handle)


def test_a_record_is_written_whole_at_most_every_write_gap_but_the_last_always(tmp_path):
    clock = Clock()
    report = progress.ProgressReport(str(tmp_path / 'p.json'), 30, clock=clock, abandon=abandon)
    report.transfer(**counts(1))
    clock.now += progress.WRITE_GAP / 2
    report.transfer(**counts(2))
    assert read(report.path)['bytes_done'] == 1
    clock.now += progress.WRITE_GAP
    report.transfer(**counts(3))
    clock.now += 0.01
    report.transfer(**counts(10))
    record = read(report.path)
    assert record == dict(counts(10), kind='transfer', at=clock.now, started=1000.0)
    assert sorted(os.listdir(str(tmp_path))) == ['p.json', 'p.json.watched']


def test_a_stale_lease_abandons_the_run_and_a_renewed_one_does_not(tmp_path):
    clock = Clock(now=os.stat(str(tmp_path)).st_mtime)
    report = progress.ProgressReport(str(tmp_path / 'p.json'), 2, clock=clock, abandon=abandon)
    assert files.lease_seconds(2) == 16
    clock.now += 15
    report.transfer(**counts(1))
    files.write_json(report.lease, {'results_file': '/x/j1.2'})
    os.utime(report.lease, (clock.now, clock.now))
    clock.now += 17
    with pytest.raises(Abandoned) as raised:
        report.transfer(**counts(2))
    assert raised.value.args == (report.path, {'results_file': '/x/j1.2'})


def test_a_report_whose_folder_cannot_be_written_reports_nothing_and_never_abandons_the_work(tmp_path):
    clock = Clock()
    report = progress.ProgressReport(str(tmp_path / 'missing' / 'p.json'), 2, clock=clock, abandon=abandon)
    for done in range(1, 11):
        clock.now += 60  # far past the lease: it could not be written, so it is not followed
        report.transfer(**counts(done))
    report.wait(1, 60.0, [progress.progress_item('t-1', 'Processing', 50)])
    assert os.listdir(str(tmp_path)) == []


def test_wait_record_names_five_unfinished_items_and_sums_up_the_rest():
    items = [progress.progress_item('t-%d' % n, 'Processing', n * 10) for n in range(7)]
    items.append(progress.progress_item('t-done', 'Finished', 100, done=True))
    record = progress.wait_record(4, 12.34, items)
    assert (record['polls'], record['elapsed'], record['finished'], record['total']) == (4, 12.3, 1, 8)
    assert [i['name'] for i in record['unfinished']] == ['t-0', 't-1', 't-2', 't-3', 't-4']
    assert (record['unfinished_count'], record['sampled'], record['median']) == (7, 7, 30)


def test_a_wait_reports_every_poll_but_the_last(tmp_path):
    written = []

    class Report:
        def wait(self, polls, elapsed, items):
            written.append((polls, items))
    answers = iter([(False, ['a']), (False, ['b']), (True, ['c'])])
    Waiter(60, 0, sleep=lambda s: None, report=Report()).until(lambda: next(answers), lambda state: state)
    assert written == [(1, ['a']), (2, ['b'])]


@pytest.mark.parametrize('resumed', [False, True])
def test_an_upload_and_its_download_report_bytes_and_parts_and_what_was_reused(emulator_factory, tmp_path, resumed):
    oss = emulator_factory(BUCKETS)
    src = write(str(tmp_path / 'disk'), 6 * PART)
    record_path = str(tmp_path / 'progress.json')
    if resumed:
        oss.fault(kind='error', code='ServiceUnavailable', action='UploadPart', after=2)
        assert run_oss_object(options(oss, src=src, parallel=1)).message
        oss.control('DELETE', 'faults')
    outcome = run_oss_object(options(oss, src=src, parallel=1, progress_interval=30, _progress_file=record_path))
    assert outcome.message is None
    record = read(record_path)
    reused = 2 if resumed else 0
    assert record['kind'] == 'transfer' and record['direction'] == 'upload'
    assert (record['bytes_done'], record['bytes_total'], record['parts_done'], record['parts_total']) == (
        6 * PART, 6 * PART, 6, 6)
    assert (record['parts_reused'], record['bytes_reused']) == (reused, reused * PART)
    outcome = run_oss_object(options(oss, dest=str(tmp_path / 'copy'), progress_interval=30,
                                     _progress_file=record_path))
    assert outcome.message is None
    record = read(record_path)
    assert record['direction'] == 'download' and record['bytes_done'] == 6 * PART and record['parts_done'] == 6
