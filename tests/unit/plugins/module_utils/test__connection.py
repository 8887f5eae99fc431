# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._connection import plain_http_warnings


@pytest.mark.parametrize('options, warned', [
    (dict(endpoint='http://ecs.cn-hangzhou.aliyuncs.com'), ['endpoint']),
    (dict(endpoint='HTTP://10.0.0.8:8080'), ['endpoint']),
    (dict(sts_endpoint='http://sts.aliyuncs.com'), ['sts_endpoint']),
    (dict(endpoint='http://ecs.test', sts_endpoint='http://sts.test'), ['endpoint', 'sts_endpoint']),
    (dict(endpoint='https://ecs.cn-hangzhou.aliyuncs.com'), []),
    (dict(endpoint='ecs.cn-hangzhou.aliyuncs.com'), []),
    (dict(endpoint='http://127.0.0.1:8080'), []),
    (dict(endpoint='http://127.8.9.10'), []),
    (dict(endpoint='http://localhost:8080'), []),
    (dict(endpoint='http://[::1]:8080'), []),
    (dict(), []),
])
def test_plain_http_to_another_host_is_warned_about(options, warned):
    warnings = plain_http_warnings(options)
    assert [w.split(' ')[0] for w in warnings] == warned
    assert all('access key id and any security token travel in clear' in w for w in warnings)
