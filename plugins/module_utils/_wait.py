# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The one wait helper of the collection: poll until done, with a deadline on the monotonic clock.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import NoReport


class WaitTimeout(Exception):
    """The deadline passed before the check said done; `state` is the last thing the check saw."""

    def __init__(self, state, elapsed, polls):
        super(WaitTimeout, self).__init__('timed out after %.1f s (%d polls)' % (elapsed, polls))
        self.state = state
        self.elapsed = elapsed
        self.polls = polls


class Waiter:
    """Deadline and pacing of one wait. The deadline is fixed when the waiter is made, so API retries
    inside a poll can be bounded by it too."""

    def __init__(self, timeout, interval, clock=None, sleep=None, report=None):
        self.interval = interval
        self.report = report or NoReport()  # where each poll that is not the last is told (_progress/report.py)
        self._clock = clock or time.monotonic
        self._sleep = sleep or time.sleep
        self.started = self._clock()
        self.deadline = self.started + timeout
        self.polls = 0

    @property
    def elapsed(self):
        return self._clock() - self.started

    def until(self, check, progress_items=None):
        """Call check() -> (done, state) until done, sleeping `interval` between calls; returns the last state.

        check() raises to end the wait early (a state that can never reach the goal). progress_items(state) gives
        the items of the progress report (_progress/report.py: progress_item).
        """
        while True:
            self.polls += 1
            done, state = check()
            if done:
                return state
            if progress_items is not None:
                self.report.wait(self.polls, self.elapsed, progress_items(state))
            remaining = self.deadline - self._clock()
            if remaining <= 0:
                raise WaitTimeout(state, self.elapsed, self.polls)
            self._sleep(min(self.interval, remaining))
