# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_family import run_image_family
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import ScriptedSession

SHAREE = '2000000000000002'
FAMILY = [{'image_id': 'm-v2', 'image_name': 'web-v2', 'image_family': 'web', 'age_seconds': 60,
           'shared_with': [SHAREE]},
          {'image_id': 'm-v3', 'image_name': 'web-v3', 'image_family': 'web', 'status': 'Creating'},
          {'image_id': 'm-v1', 'image_name': 'web-v1', 'image_family': 'web', 'age_seconds': 120,
           'shared_with': [SHAREE]},
          {'image_id': 'm-v4', 'image_name': 'web-v4', 'image_family': 'web', 'age_seconds': 30}]


def test_the_latest_available_image_of_each_family_from_the_owner_and_a_sharee(emulator):
    emulator.control('POST', 'images', {'images': FAMILY})
    emulator.control('POST', 'keys', {'id': 'sharee', 'secret': 'sharee-secret', 'account_id': SHAREE})
    owner = run_image_family(emulator.options(), ['web', 'none'])
    assert not owner.failed and [i and i['image_id'] for i in owner.result['images']] == ['m-v4', None]
    sharee = run_image_family(emulator.options(access_key='sharee', secret_key='sharee-secret'),
                              ['web', 'acs:1234567890123456:web'])
    assert [i['image_id'] for i in sharee.result['images']] == ['m-v2', 'm-v2']  # m-v4 is not shared with it


@pytest.mark.parametrize('answer', [
    {'ImageId': 'm-x', 'Status': 'Deprecated', 'ImageFamily': 'web'},
    {'ImageId': 'm-x', 'Status': 'Available', 'ImageFamily': 'web-old'},
    {},
])
def test_an_answer_that_is_not_an_available_image_of_the_family_is_not_taken(emulator, answer):
    session = ScriptedSession((200, {'RequestId': 'R-1', 'Image': answer}))
    images = ImageService(ecs_client(emulator.options(), session=session))
    assert images.latest_of_family('web') is None
    assert 'ImageFamily=web&' in session.calls[0]['data'].decode()


@pytest.mark.parametrize('family', ['1bad', 'acs:web', 'aliyun-web'])
def test_a_bad_family_fails_naming_the_terms_before_any_call(emulator, family):
    outcome = run_image_family(emulator.options(), [family])
    assert outcome.failed and outcome.message.startswith('_terms: ') and emulator.requests()['count'] == 0


def test_an_image_of_the_family_of_another_owner_than_asked_is_not_taken(emulator):
    answer = {'ImageId': 'm-x', 'Status': 'Available', 'ImageFamily': 'acs:1234567890123456:web',
              'ImageOwnerId': 1234567890123456}
    for asked, taken in (('acs:999:web', False), ('acs:1234567890123456:web', True), ('web', True)):
        session = ScriptedSession((200, {'RequestId': 'R-1', 'Image': answer}))
        images = ImageService(ecs_client(emulator.options(), session=session))
        assert (images.latest_of_family(asked) is not None) == taken, asked
