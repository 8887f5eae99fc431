# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""One piece of work for each of several items (regions), side by side, with a bound on how many run at once.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

DEFAULT_MAX_CONCURRENCY = 10


def fan_out(work, items, max_concurrency=DEFAULT_MAX_CONCURRENCY):
    """[(item, value, error)] in the order of items: work(item) run for every item, at most max_concurrency at once.
    Every item's work runs to its end whatever another's does, so none is stopped halfway; an exception is its
    item's error."""
    items = list(items)

    def outcome(item):
        try:
            return item, work(item), None
        except Exception as error:  # pylint: disable=broad-except
            return item, None, error

    if len(items) <= 1 or max_concurrency <= 1:
        return [outcome(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(max_concurrency, len(items))) as pool:
        return list(pool.map(outcome, items))
