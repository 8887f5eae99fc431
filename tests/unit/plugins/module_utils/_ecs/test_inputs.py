# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""What a user gives for images, checked before any API call."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import check_one_image, id_list


@pytest.mark.parametrize('options, given', [
    ({}, 'neither'), ({'image_id': 'm-1', 'image_name': 'web'}, 'image_id and image_name'), ({'image_id': '  '}, 'neither'),
])
def test_exactly_one_of_image_id_and_image_name(options, given):
    with pytest.raises(OptionError) as raised:
        check_one_image(options, ' (the source image)')
    assert str(raised.value) == 'image_id: expected exactly one of image_id and image_name (the source image), got ' + given


def test_one_of_them_passes():
    check_one_image({'image_name': 'web'})
    check_one_image({'image_id': 'm-1', 'image_name': ''})


def test_id_lists_are_stripped_and_deduplicated_and_empty_ids_refused():
    assert id_list(' t-1, t-2,t-1', 'task_ids') == ['t-1', 't-2']
    with pytest.raises(OptionError, match='^task_ids: '):
        id_list(['t-1', ''], 'task_ids')
