# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import progress_item, wait_record
from ansible_collections.alicloud_ops.ecs.plugins.plugin_utils._progress_lines import duration_text, progress_line, size_text

MIB = 1 << 20


def transfer(done, at, seen=None, reused=0, total=2048 * MIB):
    return dict(kind='transfer', direction='upload', bytes_done=done * MIB, bytes_total=total, parts_done=done // 16,
                parts_total=total // MIB // 16, bytes_reused=reused * MIB, parts_reused=reused // 16, at=at,
                started=100.0, seen=seen)


def test_the_first_line_has_the_rate_since_the_start_without_what_was_reused():
    line = progress_line(transfer(512, at=120.0, reused=256), subject=' oss://b/k')
    assert line == ('upload oss://b/k: 512.0 MiB of 2.0 GiB (25%), 12.8 MiB/s, 2m 00s left, parts 32/128, '
                    'reused 16 (256.0 MiB)')


def test_later_lines_have_the_rate_over_the_last_interval_and_a_stall_shows_as_zero():
    first = transfer(512, at=120.0, seen=5000.0)
    assert progress_line(transfer(1024, at=150.0, seen=5030.0), first).startswith(
        'upload: 1.0 GiB of 2.0 GiB (50%), 17.1 MiB/s, 1m 00s left, parts 64/128')
    stalled = transfer(1024, at=150.0, seen=5060.0)
    assert '0 B/s, time left unknown' in progress_line(stalled, transfer(1024, at=150.0, seen=5030.0))


def test_a_finished_transfer_says_done():
    assert ', done, parts 128/128' in progress_line(transfer(2048, at=130.0))


def test_wait_lines_are_those_of_the_image_task_wait_role():
    items = [progress_item('t-1', 'Finished', 100, True), progress_item('t-2', 'Processing', 45),
             progress_item('t-3', 'Waiting')]
    assert progress_line(wait_record(3, 12.0, items)) == 'poll 3, 12.0 s: 1/3 finished | t-2 Processing 45% | t-3 Waiting'
    many = [progress_item('t-%d' % n, 'Processing', n) for n in range(30)]
    assert progress_line(wait_record(2, 5.0, many)) == 'poll 2, 5.0 s: 0/30 finished | 30 running, 30 sampled, median 15%'


def test_hidden_names_give_the_summary_and_no_subject():
    items = [progress_item('t-secret', 'Processing', 45)]
    assert progress_line(wait_record(1, 0.0, items), hide_names=True) == (
        'poll 1, 0.0 s: 0/1 finished | 1 running, 1 sampled, median 45%')
    assert 'oss://' not in progress_line(transfer(512, at=120.0), subject=' oss://b/k', hide_names=True)


@pytest.mark.parametrize('record', [{}, {'kind': 'other'}, {'kind': 'transfer'}, {'kind': 'wait', 'polls': 'x'}])
def test_a_record_that_cannot_be_read_gives_no_line(record):
    assert progress_line(record) is None


def test_sizes_and_durations():
    assert [size_text(n) for n in (0, 1023, 1024, 5 * MIB // 2, 3 << 40)] == [
        '0 B', '1023 B', '1.0 KiB', '2.5 MiB', '3.0 TiB']
    assert [duration_text(s) for s in (4.6, 65, 3725)] == ['5s', '1m 05s', '1h 02m']
