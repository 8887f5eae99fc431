# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's two clocks: emulated time a test moves or stops, and progress by observation, through signed
describe calls as a client makes them."""

from __future__ import absolute_import, division, print_function

import time

import pytest

from ansible_collections.alicloud_ops.ecs.tests.emulator.clock import Clock, Polls
from ansible_collections.alicloud_ops.ecs.tests.unit.emulator.test_images import IMPORT, call, describe


class Wall:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_emulated_time_runs_at_its_scale_and_moves_on_or_stands_still_when_told():
    wall = Wall()
    clock = Clock(60, wall)
    wall.now += 2
    assert clock.now() == 1120.0
    clock.advance(30)
    assert clock.now() == 1150.0
    clock.freeze()
    wall.now += 100
    assert clock.now() == 1150.0
    clock.advance(10)
    assert clock.now() == 1160.0
    clock.thaw()
    wall.now += 1
    assert clock.now() == 1220.0
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_polls_see_waiting_then_under_way_then_done_and_remember_when():
    polls = Polls(waiting=1, processing=2)
    phases = []
    for now in range(5):
        phases.append((polls.phase, polls.percent))
        polls.observe(now)
    assert phases == [('waiting', 0), ('processing', 0), ('processing', 50), ('done', 100), ('done', 100)]
    assert polls.ended == 2
    assert Polls.from_spec(3).processing == 3 and Polls.from_spec(None) is None


def statuses(emulator, task_id, calls):
    seen = []
    for dummy in range(calls):
        answer = call(emulator, 'DescribeTasks', {'RegionId': 'cn-hangzhou', 'TaskAction': 'ImportImage',
                                                  'TaskIds': task_id}).json()
        seen.append(answer['TaskSet']['Task'][0]['TaskStatus'])
    return seen


def test_a_task_of_three_polls_is_finished_at_the_fourth_describe_call_whatever_the_time(emulator):
    task_id = emulator.seed({'task_action': 'ImportImage', 'waiting_polls': 1, 'processing_polls': 2})[0]
    emulator.control('POST', 'clock', {'advance': 86400})  # a day of emulated time changes nothing
    assert emulator.control('GET', 'tasks')['tasks'][0]['TaskStatus'] == 'Waiting'  # the control API observes nothing
    assert statuses(emulator, task_id, 5) == ['Waiting', 'Processing', 'Processing', 'Finished', 'Finished']
    attribute = call(emulator, 'DescribeTaskAttribute', {'RegionId': 'cn-hangzhou', 'TaskId': task_id}).json()
    assert attribute['FinishedTime'] and attribute['TaskProcess'] == '100%'


def test_describe_images_observes_an_import_and_describe_task_attribute_counts_too(emulator):
    emulator.control('POST', 'config', {'task_polls': {'ImportImage': 2}})
    image_id = call(emulator, 'ImportImage', IMPORT).json()['ImageId']
    seen = [describe(emulator, ImageId=image_id, Status='Creating,Available')['Images']['Image'][0]['Status']]
    task_id = emulator.control('GET', 'tasks')['tasks'][0]['TaskId']
    call(emulator, 'DescribeTaskAttribute', {'RegionId': 'cn-hangzhou', 'TaskId': task_id})
    seen.append(describe(emulator, ImageId=image_id, Status='Creating,Available')['Images']['Image'][0]['Status'])
    assert seen == ['Creating', 'Available']


def test_a_copy_of_two_polls_is_available_at_the_third_describe_in_its_region(emulator):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-source', 'image_name': 'golden', 'size': 1}]})
    emulator.control('POST', 'config', {'copy_polls': 2})
    copy_id = call(emulator, 'CopyImage', {'RegionId': 'cn-hangzhou', 'ImageId': 'm-source',
                                           'DestinationRegionId': 'cn-shanghai'}).json()['ImageId']
    seen = []
    for dummy in range(3):
        answer = describe(emulator, RegionId='cn-shanghai', ImageId=copy_id, Status='Creating,Available')
        seen.append(answer['Images']['Image'][0]['Status'])
    assert seen == ['Creating', 'Creating', 'Available']
    assert describe(emulator, ImageId='m-source')['Images']['Image'][0]['Status'] == 'Available'


def test_a_frozen_clock_makes_creation_times_exact(emulator):
    frozen = emulator.control('POST', 'clock', {'freeze': True})
    assert frozen['frozen'] is True
    emulator.control('POST', 'clock', {'advance': 120})
    task = emulator.control('POST', 'tasks', {'tasks': [{'task_action': 'ImportImage'}]})['tasks'][0]

    assert task['CreationTime'] == time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime(frozen['now'] + 120))
