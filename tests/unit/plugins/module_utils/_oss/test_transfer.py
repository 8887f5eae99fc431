# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Uploads and downloads through run_oss_object against the in-process emulator: resume, changed files, damaged
parts, lost answers, interrupted downloads, deletion, check mode, bad input."""

from __future__ import absolute_import, division, print_function

import hashlib
import os
import threading
import time

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._oss import transfer
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.oss_object import run_oss_object
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import ACCESS_KEY

KB = 1024
PART = 100 * KB
BUCKETS = {'oss_buckets': {'images': {'region': 'cn-hangzhou', 'objects': {}}}}


@pytest.fixture
def oss(emulator_factory):
    return emulator_factory(BUCKETS)


def options(emulator, **overrides):
    result = emulator.options(oss_endpoint=emulator.url, bucket='images', object='disk.raw', src=None, dest=None,
                              state='present', overwrite='different', part_size=PART, parallel=3, metadata=None,
                              endpoint_type='public', max_retries=2)
    result.update(overrides)
    return result


def write(path, size, seed=b'a'):
    block = hashlib.sha256(seed).digest() * 4096
    with open(path, 'wb') as handle:
        for offset in range(0, size, len(block)):
            handle.write(block[:min(len(block), size - offset)])
    return path


def stored(emulator, key='disk.raw'):
    """The bytes the emulator holds for an object, read through its own store."""
    spec = emulator.state.world.buckets.get('images')['objects'][key]
    with open(spec['path'], 'rb') as handle:
        return handle.read()


def actions(emulator):
    return emulator.requests()['by_action']


def run(emulator, **overrides):
    outcome = run_oss_object(options(emulator, **overrides))
    return outcome.message, outcome.result


def test_a_small_file_is_one_put_and_a_re_run_sends_one_head_and_no_body(oss, tmp_path):
    src = write(str(tmp_path / 'small'), 50 * KB)
    message, result = run(oss, src=src, metadata={'Build': '7'})
    assert message is None and result['changed'] and result['parts'] == 1 and result['bytes_sent'] == 50 * KB
    assert stored(oss) == open(src, 'rb').read()
    oss.control('DELETE', 'requests')
    message, result = run(oss, src=src, metadata={'Build': '7'})
    assert message is None and not result['changed'] and result['bytes_sent'] == 0
    assert actions(oss) == {'HeadObject': 1}
    assert all(r['bytes'] == 0 for r in oss.requests()['requests'])
    message, result = run(oss, src=src, metadata={'Build': '8'})
    assert result['changed'], 'other metadata is another object'


def test_a_multipart_upload_sends_every_part_with_content_md5_and_checks_crc(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 10 * PART + 7)
    message, result = run(oss, src=src)
    assert message is None and result['parts'] == 11 and result['parts_sent'] == 11 and result['upload_id'] is None
    assert stored(oss) == open(src, 'rb').read()
    with open(src, 'rb') as handle:
        assert result['crc64'] == transfer.file_crc(handle, os.path.getsize(src))
    assert actions(oss)['UploadPart'] == 11 and actions(oss)['CompleteMultipartUpload'] == 1
    assert oss.state.oss.uploads == {}


def test_an_interrupted_upload_is_resumed_sending_only_the_missing_parts(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 10 * PART)
    oss.fault(kind='error', code='ServiceUnavailable', action='UploadPart', after=4)
    message, result = run(oss, src=src, parallel=1)
    assert message and 'left for the next run to resume' in message and result['upload_id']
    assert result['parts_sent'] == 4 and result['error']['code'] == 'ServiceUnavailable'
    oss.control('DELETE', 'faults')
    oss.control('DELETE', 'requests')
    message, result = run(oss, src=src)
    assert message is None and result['parts_reused'] == 4 and result['parts_sent'] == 6
    assert actions(oss)['UploadPart'] == 6
    assert stored(oss) == open(src, 'rb').read()


def test_a_file_changed_between_runs_never_gives_a_mixed_object(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 10 * PART)
    oss.fault(kind='error', code='ServiceUnavailable', action='UploadPart', after=4)
    first_message, first = run(oss, src=src, parallel=1)
    oss.control('DELETE', 'faults')
    write(src, 10 * PART, seed=b'changed')
    message, result = run(oss, src=src)
    assert first_message and message is None
    assert result['parts_reused'] == 0 and result['parts_sent'] == 10 and result['uploads_left'] == 1
    assert 'uploads_aborted' not in result  # a recent upload of another file may be another job's, still being sent
    assert result['upload_id'] is None and first['upload_id'] in oss.state.oss.uploads
    assert stored(oss) == open(src, 'rb').read()


def test_an_upload_of_another_file_is_aborted_once_it_is_a_day_old(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 10 * PART)
    oss.fault(kind='error', code='ServiceUnavailable', action='UploadPart', after=4)
    dummy, first = run(oss, src=src, parallel=1)
    oss.control('DELETE', 'faults')
    oss.state.oss.uploads[first['upload_id']]['initiated'] -= 24 * 3600 + 60
    write(src, 10 * PART, seed=b'changed')
    message, result = run(oss, src=src)
    assert message is None and result['uploads_aborted'] == 1 and 'uploads_left' not in result
    assert first['upload_id'] not in oss.state.oss.uploads


def test_two_runs_of_the_same_file_at_once_both_succeed_with_one_upload(oss, tmp_path):
    """Two jobs upload the same file to the same key at once: the second resumes the first one's upload (or finds
    the object done); whichever completes it, the other meets the upload gone, and the object, which is this file,
    tells that it is done. In every interleaving: one upload, none aborted, both succeed."""
    src = write(str(tmp_path / 'disk'), 10 * PART)
    oss.fault(kind='latency', seconds=0.02, action='UploadPart')
    outcomes = {}
    first = threading.Thread(target=lambda: outcomes.update(first=run(oss, src=src, parallel=1)))
    first.start()
    while not oss.state.oss.uploads and first.is_alive():
        time.sleep(0.005)  # until the first job's upload exists, so that the second finds it
    outcomes['second'] = run(oss, src=src, parallel=1)
    first.join()
    assert outcomes['first'][0] is None and outcomes['second'][0] is None, outcomes
    assert actions(oss)['InitiateMultipartUpload'] == 1 and 'AbortMultipartUpload' not in actions(oss)
    assert not oss.state.oss.uploads and stored(oss) == open(src, 'rb').read()


def test_an_upload_that_goes_while_it_is_listed_is_passed_over(oss, tmp_path):
    """Another run completed or aborted the upload between ListMultipartUploads and ListParts: this run starts its
    own instead of failing."""
    src = write(str(tmp_path / 'disk'), 10 * PART)
    oss.fault(kind='error', code='ServiceUnavailable', action='UploadPart', after=4)
    run(oss, src=src, parallel=1)
    oss.control('DELETE', 'faults')
    oss.fault(kind='error', code='NoSuchUpload', status=404, action='ListParts', count=1)
    message, result = run(oss, src=src)
    assert message is None and result['parts_reused'] == 0 and result['parts_sent'] == 10
    assert stored(oss) == open(src, 'rb').read()
