# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.client_token import client_token
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import image_record
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import check_image_name


# --- names, tokens, records ------------------------------------------------------------------------

@pytest.mark.parametrize('name', ['a', '1golden', 'aliyun-web', 'acs:web', 'golden web', 'x' * 129, 'web-http://x',
                                  '_web', ''])
def test_names_outside_the_api_rules_are_refused(name):
    with pytest.raises(OptionError, match=r'^name: expected 2 to 128 characters'):
        check_image_name(name)


@pytest.mark.parametrize('name', ['ab', 'golden-web_2026.11:1', 'Ubuntu', 'x' * 128, u'\u955c\u50cf-1'])
def test_names_within_the_rules_are_taken(name):
    assert check_image_name(name) == name


def test_the_client_token_follows_the_request_and_the_run():
    params = {'RegionId': 'cn-hangzhou', 'ImageName': 'golden'}
    token = client_token(params, 'run-1')
    assert token == client_token(dict(params), 'run-1') and len(token) <= 64
    assert token != client_token(dict(params, ImageName='other'), 'run-1')
    assert token != client_token(params, 'run-2')


def test_image_records_tolerate_progress_and_size_in_both_forms():
    assert image_record({'ImageId': 'm-1', 'Progress': 45, 'Size': '40'})['progress'] == 45
    assert image_record({'ImageId': 'm-1', 'Progress': '100%', 'Size': 40})['size'] == 40
