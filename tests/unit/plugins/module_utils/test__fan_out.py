# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""fan_out: every item's work runs to its end, in the items' order, never more than the bound at once."""

from __future__ import absolute_import, division, print_function

import threading

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._fan_out import fan_out


class Gauge:
    """Counts the works running at once; each work waits at a barrier so that as many as can run together do."""

    def __init__(self, parties):
        self.lock = threading.Lock()
        self.running = self.most = 0
        self.barrier = threading.Barrier(parties, timeout=10)

    def work(self, item):
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            self.barrier.wait()
        finally:
            with self.lock:
                self.running -= 1
        if item == 'fails':
            raise ValueError('no')
        return item.upper()


def test_every_item_ends_in_order_with_its_value_or_its_error():
    gauge = Gauge(3)
    outcomes = fan_out(gauge.work, ['a', 'fails', 'c'], max_concurrency=3)
    assert [(item, value) for item, value, error in outcomes] == [('a', 'A'), ('fails', None), ('c', 'C')]
    assert isinstance(outcomes[1][2], ValueError) and outcomes[0][2] is None and outcomes[2][2] is None
    assert gauge.most == 3


def test_never_more_than_the_bound_at_once():
    gauge = Gauge(2)
    outcomes = fan_out(gauge.work, ['a', 'b', 'c', 'd'], max_concurrency=2)
    assert [value for dummy, value, dummy_error in outcomes] == ['A', 'B', 'C', 'D'] and gauge.most == 2


def test_one_at_a_time_runs_in_the_callers_thread():
    threads = []
    fan_out(lambda item: threads.append(threading.current_thread()), ['a', 'b'], max_concurrency=1)
    assert threads == [threading.current_thread()] * 2
