# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""How the API writes lists, counts and percents, and paging through them."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.answers import api_count, chunks, entries, every_page, progress_percent, to_bool


def test_every_page_keeps_an_item_seen_twice_once_and_stops_at_the_total():
    pages = {1: ([('a', 1), ('b', 2)], 3), 2: ([('b', 2), ('c', 3)], 3)}
    asked = []

    def fetch(number):
        asked.append(number)
        return pages[number]
    assert every_page(fetch) == ([1, 2, 3], 3) and asked == [1, 2]


def test_every_page_stops_when_a_page_brings_nothing_new():
    asked = []

    def fetch(number):  # an API that ignores PageNumber
        asked.append(number)
        return [('a', 1)], 5
    assert every_page(fetch) == ([1], 5) and asked == [1, 2]


@pytest.mark.parametrize('answer, expected', [
    ({'TaskSet': {'Task': [{'TaskId': 't-1'}, {'TaskId': 't-2'}]}}, ['t-1', 't-2']),
    ({'TaskSet': {'Task': {'TaskId': 't-1'}}}, ['t-1']),
    ({'TaskSet': [{'Task': [{'TaskId': 't-1'}]}]}, ['t-1']),
    ({'TaskSet': {}}, []),
    ({}, []),
])
def test_entries_reads_every_shape_of_a_list(answer, expected):
    assert [e['TaskId'] for e in entries(answer, 'TaskSet', 'Task')] == expected


def test_counts_percents_booleans_and_chunks():
    assert (api_count('12', 0), api_count(None, 7), api_count('x', 7)) == (12, 7, 7)
    assert (progress_percent('50%'), progress_percent(' 99.5 '), progress_percent(''), progress_percent(None)) == (
        50, 99, None, None)
    assert (to_bool('True'), to_bool('false'), to_bool(True)) == (True, False, True)
    assert chunks(list(range(5)), 2) == [[0, 1], [2, 3], [4]] and chunks([]) == [[]]
