# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""How the ECS API writes lists, counts and percents in its answers, and paging through them.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

MAX_IDS_PER_CALL = 100
MAX_PAGE_SIZE = 100


def every_page(fetch_page):
    """Items of every page, each once: fetch_page(number) gives ([(id, item)...], the API's total count).

    Items created while paging shift the pages (newest first), so an item seen twice is kept once. Paging stops
    once the total is reached or a page brings nothing new (an API that ignores PageNumber). Returns (items, total).
    """
    found = {}
    number = 0
    while True:
        number += 1
        items, total = fetch_page(number)
        seen = len(found)
        for key, item in items:
            found.setdefault(key, item)
        if len(found) >= total or len(found) == seen:
            return list(found.values()), total


def chunks(items, size=MAX_IDS_PER_CALL):
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def to_bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() == 'true'


def api_count(value, default):
    """The API's count (a number or a string of digits); `default` when it gives none that makes sense."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def entries(answer, outer, inner):
    """The list at answer[outer][inner] of a JSON answer (TaskSet.Task, Images.Image...): a single entry comes as an
    object, and the reference's samples also wrap the object in a list ("TaskSet": [{"Task": [...]}])."""
    container = answer.get(outer) or {}
    if isinstance(container, list):
        found = []
        for item in container:
            found.extend(entries({outer: item}, outer, inner) if isinstance(item, dict) and inner in item else [item])
        return found
    listed = container.get(inner) or []
    return [listed] if isinstance(listed, dict) else list(listed)


def progress_percent(value):
    """50 from '50%'; None when the API gives nothing usable."""
    match = re.match(r'^\s*(\d+(?:\.\d+)?)\s*%?\s*$', '' if value is None else str(value))
    return int(float(match.group(1))) if match else None
