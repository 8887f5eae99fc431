# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The control API's route table and the faults it injects, called as the HTTP front calls them."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.tests.emulator import control
from ansible_collections.alicloud_ops.ecs.tests.emulator.server import Emulator


@pytest.fixture
def emulator():
    state = Emulator()
    yield state
    state.close()


def test_health_answers_any_method_and_an_unknown_call_is_a_404(emulator):
    assert control.handle(emulator, 'POST', ['health'], {})[1]['status'] == 'ok'
    assert control.handle(emulator, 'GET', ['tasks', 't-1', 'x'], {}) == (
        404, {'error': 'no control endpoint GET tasks/t-1/x'})
    assert control.handle(emulator, 'GET', ['tasks', 't-1'], {})[0] == 404


def test_a_route_with_a_name_passes_it_to_its_handler(emulator):
    status, document = control.handle(emulator, 'POST', ['oss', 'new-bucket'], {'region': 'cn-shanghai',
                                                                                'objects': {'a.raw': {}}})
    assert status == 200 and document == {'name': 'new-bucket', 'objects': {'a.raw': {}}}
    assert control.handle(emulator, 'GET', ['oss', 'new-bucket'], {})[1]['region'] == 'cn-shanghai'
    assert control.handle(emulator, 'GET', ['oss', 'nowhere'], {}) == (404, {'error': 'no bucket nowhere'})


def test_faults_are_checked_counted_down_and_cleared(emulator):
    with pytest.raises(ValueError, match='kind must be one of'):
        control.handle(emulator, 'POST', ['faults'], {'kind': 'meteor'})
    with pytest.raises(ValueError, match='needs a code'):
        control.handle(emulator, 'POST', ['faults'], {'kind': 'error'})
    control.handle(emulator, 'POST', ['faults'], {'code': 'Throttling', 'action': 'DescribeTasks', 'count': 1,
                                                  'after': 1})
    taken = [emulator.faults.take('DescribeTasks') for dummy in range(3)]
    assert [fault and fault['code'] for fault in taken] == [None, 'Throttling', None]
    assert control.handle(emulator, 'DELETE', ['faults'], {}) == (200, {'faults': []})


def test_config_applies_each_setting_and_chaos_is_seeded(emulator):
    status, document = control.handle(emulator, 'POST', ['config'], {'copy_concurrency': 3, 'chaos': {'seed': 7,
                                                                                                      'rate': 1.0}})
    assert status == 200 and document['copy_concurrency'] == 3 and document['chaos'] is True
    assert emulator.faults.take('DescribeImages')['action'] == 'DescribeImages'
    assert emulator.faults.take('Metadata') is None
    with pytest.raises(ValueError, match='metadata_mode'):
        control.handle(emulator, 'POST', ['config'], {'metadata_mode': 'loose'})
