# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

from ansible_collections.alicloud_ops.ecs.plugins.modules import oss_object
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import run_module


def test_uploads_and_returns_the_documented_keys_without_secrets(emulator, capsys, tmp_path):
    source = tmp_path / 'disk.raw'
    source.write_bytes(b'x' * 300 * 1024)
    code, result, output = run_module(oss_object.main, capsys, emulator.options(
        oss_endpoint=emulator.url, bucket='exports', object='disk.raw', src=str(source), part_size='100KB'))
    assert code == 0 and result['changed'] and result['parts'] == 3
    assert set(result) >= {'bucket', 'object', 'size', 'crc64', 'etag', 'parts', 'parts_sent', 'parts_reused',
                           'bytes_sent', 'upload_id', 'elapsed', 'throughput_mib_s', 'request_ids'}
    assert 'emulator-secret' not in output


def test_endpoint_type_vpc_of_the_ecs_modules_means_internal(emulator, capsys, tmp_path):
    code, result, dummy = run_module(oss_object.main, capsys, emulator.options(
        bucket='exports', object='k', state='absent', endpoint_type='vpc', http_timeout=0.5, max_retries=0,
        region='cn-nowhere-9'))
    assert code == 1 and 'oss-cn-nowhere-9-internal.aliyuncs.com' in result['msg']
