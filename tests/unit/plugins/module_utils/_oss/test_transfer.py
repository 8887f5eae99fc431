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

MIB = transfer.MIB

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


def interrupted_upload(oss, tmp_path):
    """(src, message, result) of a run of a 10-part file interrupted after 4 parts, which leaves its upload."""
    src = write(str(tmp_path / 'disk'), 10 * PART)
    oss.fault(kind='error', code='ServiceUnavailable', action='UploadPart', after=4)
    message, result = run(oss, src=src, parallel=1)
    oss.control('DELETE', 'faults')
    return src, message, result


def test_a_file_changed_between_runs_never_gives_a_mixed_object(oss, tmp_path):
    src, first_message, first = interrupted_upload(oss, tmp_path)
    write(src, 10 * PART, seed=b'changed')
    message, result = run(oss, src=src)
    assert first_message and message is None
    assert result['parts_reused'] == 0 and result['parts_sent'] == 10 and result['uploads_left'] == 1
    assert 'uploads_aborted' not in result  # a recent upload of another file may be another job's, still being sent
    assert result['upload_id'] is None and first['upload_id'] in oss.state.oss.uploads
    assert stored(oss) == open(src, 'rb').read()


def test_an_upload_of_another_file_is_aborted_once_it_is_a_day_old(oss, tmp_path):
    src, dummy, first = interrupted_upload(oss, tmp_path)
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
    src = interrupted_upload(oss, tmp_path)[0]
    oss.fault(kind='error', code='NoSuchUpload', status=404, action='ListParts', count=1)
    message, result = run(oss, src=src)
    assert message is None and result['parts_reused'] == 0 and result['parts_sent'] == 10
    assert stored(oss) == open(src, 'rb').read()


def test_a_part_damaged_on_the_way_is_sent_again_and_the_object_is_right(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 5 * PART)
    oss.fault(kind='corrupt_body', action='UploadPart', count=1, after=2)
    message, result = run(oss, src=src)
    assert message is None and stored(oss) == open(src, 'rb').read()
    assert oss.requests()['by_code']['InvalidDigest'] == 1 and actions(oss)['UploadPart'] == 6


def test_a_lost_complete_answer_is_a_success_without_a_second_upload(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 3 * PART)
    oss.fault(kind='drop_answer', action='CompleteMultipartUpload', count=1)
    message, result = run(oss, src=src)
    assert message is None and result['changed'] and stored(oss) == open(src, 'rb').read()
    codes = [(r['action'], r['code']) for r in oss.requests()['requests']]
    assert codes.count(('CompleteMultipartUpload', 'AnswerDropped')) == 1
    assert codes.count(('CompleteMultipartUpload', 'NoSuchUpload')) == 1
    assert actions(oss)['UploadPart'] == 3 and actions(oss)['InitiateMultipartUpload'] == 1


def test_a_lost_initiate_answer_adopts_the_upload_it_started(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 3 * PART)
    oss.fault(kind='drop_answer', action='InitiateMultipartUpload', count=1)
    message, result = run(oss, src=src)
    assert message is None and stored(oss) == open(src, 'rb').read()
    assert actions(oss)['InitiateMultipartUpload'] == 1 and oss.state.oss.uploads == {}


def test_a_crc_that_differs_fails_naming_the_part(oss, tmp_path, monkeypatch):
    src = write(str(tmp_path / 'disk'), 3 * PART)
    real = transfer.CRC64

    class Skewed:
        combine = staticmethod(real.combine)

        @staticmethod
        def calc(data, init=None):
            crc = real.calc(data, init)
            return crc ^ 1 if len(data) == PART and init is None else crc
    monkeypatch.setattr(transfer, 'CRC64', Skewed)
    message, result = run(oss, src=src, parallel=1)
    assert 'part 1: OSS has CRC-64' in message and result['upload_id']


def test_download_resumes_and_an_interrupted_one_leaves_the_old_dest(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 8 * PART + 3)
    assert run(oss, src=src)[0] is None
    dest = tmp_path / 'copy.raw'
    dest.write_bytes(b'the old copy')
    oss.fault(kind='reset', action='GetObject', after=3)
    message, result = run(oss, dest=str(dest), parallel=1)
    assert message and dest.read_bytes() == b'the old copy'
    leftovers = [p for p in os.listdir(str(tmp_path)) if p.startswith('.copy.raw.')]
    assert len(leftovers) == 2  # the temporary file and its record of complete ranges
    oss.control('DELETE', 'faults')
    oss.control('DELETE', 'requests')
    message, result = run(oss, dest=str(dest))
    assert message is None and result['parts_reused'] == 3 and result['parts_received'] == 6
    assert actions(oss)['GetObject'] == 6
    assert dest.read_bytes() == open(src, 'rb').read()
    assert [p for p in os.listdir(str(tmp_path)) if p.startswith('.copy.raw.')] == []
    oss.control('DELETE', 'requests')
    message, result = run(oss, dest=str(dest))
    assert not result['changed'] and actions(oss) == {'HeadObject': 1}


def test_download_of_an_object_changed_meanwhile_is_refused(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 4 * PART)
    run(oss, src=src)
    dest = tmp_path / 'copy.raw'
    oss.fault(kind='latency', seconds=0.01, action='GetObject')
    original = oss.state.oss.get_object

    def changing(call):
        spec = oss.state.world.buckets.get('images')['objects']['disk.raw']
        spec['etag'] = 'CHANGED'
        return original(call)
    oss.state.oss.get_object = changing
    message, result = run(oss, dest=str(dest), parallel=1)
    assert 'PreconditionFailed' in message and not dest.exists()


def test_state_absent_deletes_the_object_and_aborts_unfinished_uploads(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 5 * PART)
    run(oss, src=src)
    oss.fault(kind='error', code='ServiceUnavailable', action='UploadPart', after=1)
    run(oss, src=write(str(tmp_path / 'other'), 5 * PART, b'other'), parallel=1)
    oss.control('DELETE', 'faults')
    assert len(oss.state.oss.uploads) == 1
    message, result = run(oss, state='absent')
    assert message is None and result['changed'] and result['uploads_aborted'] == 1
    assert oss.state.oss.uploads == {} and 'disk.raw' not in oss.state.world.buckets.get('images')['objects']
    message, result = run(oss, state='absent')
    assert message is None and not result['changed']


def test_check_mode_moves_nothing(oss, tmp_path):
    src = write(str(tmp_path / 'disk'), 3 * PART)
    outcome = run_oss_object(options(oss, src=src), check_mode=True)
    assert outcome.message is None and outcome.result['changed'] and outcome.result['parts_sent'] == 0
    assert set(actions(oss)) == {'HeadObject'}
    run(oss, src=src)
    outcome = run_oss_object(options(oss, state='absent'), check_mode=True)
    assert outcome.result['changed'] and 'disk.raw' in oss.state.world.buckets.get('images')['objects']
    dest = tmp_path / 'copy'
    outcome = run_oss_object(options(oss, dest=str(dest)), check_mode=True)
    assert outcome.result['changed'] and not dest.exists()


def test_temporary_credentials_sign_with_their_token(oss, tmp_path):
    oss.control('POST', 'keys', {'id': 'STS.key', 'secret': 'sts-secret', 'token': 'the-token'})
    src = write(str(tmp_path / 'disk'), 2 * PART)
    message, result = run(oss, src=src, access_key='STS.key', secret_key='sts-secret', security_token='the-token')
    assert message is None
    message, result = run(oss, src=src, access_key='STS.key', secret_key='sts-secret', security_token='wrong',
                          overwrite='always')
    assert result['error']['code'] == 'InvalidSecurityToken' and 'the-token' not in message


@pytest.mark.parametrize('overrides, option', [
    (dict(bucket='Images'), 'bucket'),
    (dict(bucket='ab'), 'bucket'),
    (dict(object='/abs'), 'object'),
    (dict(object='a' * 1024), 'object'),
    (dict(object='line\nbreak'), 'object'),
    (dict(src='MISSING'), 'src'),
    (dict(src='DIR'), 'src'),
    (dict(dest='NODIR/file'), 'dest'),
    (dict(dest='DIR'), 'dest'),
    (dict(src='FILE', dest='OUT'), 'src'),
    (dict(), 'src'),
    (dict(src='FILE', part_size=1000), 'part_size'),
    (dict(src='FILE', part_size=6 * 1024 ** 3), 'part_size'),
    (dict(src='BIG', part_size=PART), 'part_size'),
    (dict(src='FILE', parallel=0), 'parallel'),
    (dict(src='FILE', parallel=33), 'parallel'),
    (dict(src='FILE', metadata={'bad name': 'x'}), 'metadata'),
    (dict(src='FILE', metadata={'ok': 'caf\u00e9'}), 'metadata'),
    (dict(src='FILE', oss_endpoint='ftp://host'), 'oss_endpoint'),
    (dict(state='absent', src='FILE'), 'src'),
])
def test_bad_input_is_refused_before_any_request_naming_the_option(oss, tmp_path, overrides, option):
    small = write(str(tmp_path / 'file'), 10)
    big = str(tmp_path / 'big')
    with open(big, 'wb') as handle:
        handle.truncate(10001 * PART)  # sparse: 10,001 parts of 100 KB
    places = {'MISSING': str(tmp_path / 'missing'), 'DIR': str(tmp_path), 'NODIR/file': str(tmp_path / 'no' / 'file'),
              'FILE': small, 'OUT': str(tmp_path / 'out'), 'BIG': big}
    resolved = dict((k, places.get(v, v) if isinstance(v, str) else v) for k, v in overrides.items())
    message, result = run(oss, **resolved)
    assert message.startswith(option + ': ')
    assert oss.requests()['count'] == 0


def test_part_plan_is_at_least_8_mib_and_at_most_10000_parts():
    assert transfer.part_plan(0) == [(1, 0, 0)]
    assert len(transfer.part_plan(8 * transfer.MIB)) == 1
    assert [p[2] for p in transfer.part_plan(8 * transfer.MIB + 1)] == [8 * transfer.MIB, 1]
    huge = transfer.part_plan(200 * transfer.GIB)
    assert len(huge) <= 10000 and huge[0][2] == 21 * transfer.MIB and huge[-1][1] + huge[-1][2] == 200 * transfer.GIB


def test_the_crc_library_missing_is_named(oss, tmp_path, monkeypatch):
    monkeypatch.setattr(transfer, 'CRC64', None)
    message, result = run(oss, src=write(str(tmp_path / 'f'), 10))
    assert message.startswith('anycrc: ') and 'pip install anycrc' in message


def test_no_secret_in_results(oss, tmp_path):
    message, result = run(oss, src=write(str(tmp_path / 'f'), 10), secret_key='wrong-secret-value')
    assert result['error']['code'] == 'SignatureDoesNotMatch'
    assert 'wrong-secret-value' not in repr(result) + message and ACCESS_KEY


# --- the CRC-64 of a sparse file -------------------------------------------------------------------

@pytest.mark.parametrize('offset, length', [(0, 64 * MIB), (1000, 5 * MIB), (9 * MIB + 7, 20 * MIB + 3),
                                            (40 * MIB, 24 * MIB), (64 * MIB - 10, 10)])
def test_range_crc_counts_the_holes_of_a_sparse_file_as_zeros(tmp_path, offset, length):
    path = str(tmp_path / 'sparse.raw')
    with open(path, 'wb') as handle:
        handle.truncate(64 * MIB)
        for at in (0, 10 * MIB + 123, 30 * MIB, 63 * MIB):
            handle.seek(at)
            handle.write(os.urandom(MIB // 2))
    with open(path, 'rb') as handle:
        handle.seek(12345)
        expected = transfer.CRC64.calc(os.pread(handle.fileno(), length, offset))
        assert transfer.range_crc(handle, offset, length) == expected
        assert handle.tell() == 12345 and handle.read(1) == os.pread(handle.fileno(), 1, 12345)
        assert transfer.range_crc(handle, offset, 64 * MIB - offset + 1) is None  # past the end


@pytest.mark.parametrize('length', [0, 1, 8 * MIB - 1, 8 * MIB, 8 * MIB + 1, 37 * MIB + 5])
def test_the_crc_of_zeros_is_computed_without_bytes(length):
    assert transfer.zeros_crc(length) == transfer.CRC64.calc(bytes(length))
