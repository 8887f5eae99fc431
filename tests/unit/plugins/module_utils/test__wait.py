# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import Waiter, WaitTimeout


class FakeTime:
    def __init__(self):
        self.now = 50.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def test_polls_until_done_sleeping_the_interval_between_polls():
    fake = FakeTime()
    answers = iter([(False, 'a'), (False, 'b'), (True, 'c')])
    waiter = Waiter(60, 5, clock=fake.clock, sleep=fake.sleep)
    assert waiter.until(lambda: next(answers)) == 'c'
    assert fake.sleeps == [5, 5] and waiter.polls == 3 and waiter.elapsed == 10


def test_deadline_is_fixed_at_start_and_the_last_sleep_is_shortened():
    fake = FakeTime()
    waiter = Waiter(12, 5, clock=fake.clock, sleep=fake.sleep)
    assert waiter.deadline == 62
    with pytest.raises(WaitTimeout) as caught:
        waiter.until(lambda: (False, 'still running'))
    assert fake.sleeps == [5, 5, 2]
    assert caught.value.state == 'still running' and caught.value.elapsed == 12 and caught.value.polls == 4


def test_a_check_that_raises_ends_the_wait_at_once():
    fake = FakeTime()

    def check():
        raise RuntimeError('failed task')
    with pytest.raises(RuntimeError):
        Waiter(3600, 5, clock=fake.clock, sleep=fake.sleep).until(check)
    assert fake.sleeps == []


def test_zero_timeout_polls_once():
    fake = FakeTime()
    with pytest.raises(WaitTimeout):
        Waiter(0, 5, clock=fake.clock, sleep=fake.sleep).until(lambda: (False, None))
    assert fake.sleeps == []


def test_made_with_nothing_but_a_timeout_and_an_interval_it_waits_on_the_real_clock():
    answers = iter([(False, 'busy'), (True, 'done')])
    waiter = Waiter(5, 0.05)
    assert waiter.until(lambda: next(answers)) == 'done'
    assert waiter.polls == 2 and waiter.elapsed >= 0.05  # it slept its interval


def test_made_with_defaults_it_times_out_on_the_real_clock():
    waiter = Waiter(0.1, 0.03)
    with pytest.raises(WaitTimeout) as caught:
        waiter.until(lambda: (False, 'busy'))
    assert caught.value.state == 'busy' and caught.value.elapsed >= 0.1 and caught.value.polls >= 1
