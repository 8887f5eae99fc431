# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's two clocks. Emulated time runs `scale` times faster than the wall clock, and a test can move it
on or stop it. A task or a copy can instead progress by observation (Polls): it changes state after a number of
describe calls that answer it, whatever the machine's speed."""

from __future__ import absolute_import, division, print_function

import time


class Clock:
    """Emulated time (epoch seconds): `scale` times faster than the wall clock, plus what a test advanced it by;
    frozen, it stands still until advanced or thawed."""

    def __init__(self, scale=1.0, wall=time.time):
        self.scale = scale
        self.wall = wall
        self.origin = wall()
        self.offset = 0.0
        self.frozen_at = None

    def now(self):
        if self.frozen_at is not None:
            return self.frozen_at
        return self.origin + (self.wall() - self.origin) * self.scale + self.offset

    def advance(self, seconds):
        if seconds < 0:
            raise ValueError('the clock only moves on: advance must be 0 or more seconds')
        if self.frozen_at is not None:
            self.frozen_at += seconds
        else:
            self.offset += seconds

    def freeze(self):
        if self.frozen_at is None:
            self.frozen_at = self.now()

    def thaw(self):
        """Run on from the frozen time: the time it stood still is not made up."""
        if self.frozen_at is not None:
            self.offset = self.frozen_at - (self.origin + (self.wall() - self.origin) * self.scale)
            self.frozen_at = None

    def describe(self):
        return {'now': self.now(), 'time_scale': self.scale, 'frozen': self.frozen_at is not None}


class Polls:
    """Progress by observation: the first `waiting` observations see it waiting, the next `processing` see it under
    way, and every later one sees it done. An observation is a describe call whose answer holds it; the answer shows
    the state that the observations before it left."""

    def __init__(self, waiting=0, processing=1):
        if waiting < 0 or processing < 0:
            raise ValueError('polls must be 0 or more')
        self.waiting = int(waiting)
        self.processing = int(processing)
        self.seen = 0
        self.ended = None  # emulated time of the observation that ended it

    @classmethod
    def from_spec(cls, spec):
        """Polls from {'waiting': W, 'processing': P} or a number (P, with no waiting); None for None."""
        if spec is None:
            return None
        if isinstance(spec, dict):
            return cls(spec.get('waiting', 0), spec.get('processing', 1))
        return cls(0, spec)

    @property
    def phase(self):
        if self.seen < self.waiting:
            return 'waiting'
        return 'processing' if self.seen < self.waiting + self.processing else 'done'

    @property
    def percent(self):
        return min(100, int(100 * max(self.seen - self.waiting, 0) / max(self.processing, 1)))

    def observe(self, now):
        if self.phase != 'done':
            self.seen += 1
            if self.phase == 'done':
                self.ended = now
