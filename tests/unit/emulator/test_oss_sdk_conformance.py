# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's OSS driven by the official OSS SDKs: oss2 (signature V1, its default, and V4) and
alibabacloud-oss-v2 (V4). Both check the CRC-64 of what they send and receive, with crcmod: a third library."""

from __future__ import absolute_import, division, print_function

import os
import threading
import time

import alibabacloud_oss_v2 as oss_v2
import oss2
import pytest

from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import ACCESS_KEY, SECRET

BUCKETS = {'oss_buckets': {'images': {'region': 'cn-hangzhou', 'objects': {}}}}


@pytest.fixture
def oss_emulator(emulator_factory):
    return emulator_factory(BUCKETS)


def oss2_bucket(emulator, version, secret=SECRET):
    auth = oss2.Auth(ACCESS_KEY, secret) if version == 'v1' else oss2.AuthV4(ACCESS_KEY, secret)
    return oss2.Bucket(auth, emulator.url, 'images', region='cn-hangzhou')


def v2_client(emulator):
    config = oss_v2.config.load_default()
    config.credentials_provider = oss_v2.credentials.StaticCredentialsProvider(ACCESS_KEY, SECRET)
    config.region = 'cn-hangzhou'
    config.endpoint = emulator.url
    return oss_v2.Client(config)


@pytest.mark.parametrize('version', ['v1', 'v4'])
def test_oss2_put_get_range_head_delete(oss_emulator, version):
    bucket = oss2_bucket(oss_emulator, version)
    data = os.urandom(300 * 1024)
    put = bucket.put_object('dir/a b.raw', data, headers={'x-oss-meta-build': '7'})  # oss2 checks the CRC-64
    assert put.crc is not None
    assert bucket.get_object('dir/a b.raw').read() == data
    assert bucket.get_object('dir/a b.raw', byte_range=(1000, 1999)).read() == data[1000:2000]
    head = bucket.head_object('dir/a b.raw')
    assert head.content_length == len(data) and head.headers['x-oss-meta-build'] == '7'
    assert bucket.object_exists('dir/a b.raw')
    bucket.delete_object('dir/a b.raw')
    assert not bucket.object_exists('dir/a b.raw')
    with pytest.raises(oss2.exceptions.NoSuchKey):
        bucket.get_object('dir/a b.raw')
    signatures = set(r['signature'] for r in oss_emulator.requests()['requests'])
    assert signatures == {'oss-' + version}


@pytest.mark.parametrize('version', ['v1', 'v4'])
def test_oss2_multipart_list_parts_complete_and_abort(oss_emulator, version):
    bucket = oss2_bucket(oss_emulator, version)
    parts = [os.urandom(100 * 1024), os.urandom(100 * 1024), os.urandom(5000)]
    upload_id = bucket.init_multipart_upload('big.raw').upload_id
    infos = [oss2.models.PartInfo(n, bucket.upload_part('big.raw', upload_id, n, data).etag)
             for n, data in enumerate(parts, 1)]
    listed = bucket.list_parts('big.raw', upload_id).parts
    assert [(p.part_number, p.size, p.etag) for p in listed] == [(i.part_number, len(d), i.etag)
                                                                 for i, d in zip(infos, parts)]
    uploads = list(oss2.MultipartUploadIterator(bucket, prefix='big'))
    assert [u.upload_id for u in uploads] == [upload_id]
    bucket.complete_multipart_upload('big.raw', upload_id, infos)  # oss2 checks the object's CRC-64 from the parts
    assert bucket.get_object('big.raw').read() == b''.join(parts)
    with pytest.raises(oss2.exceptions.NoSuchUpload):
        bucket.list_parts('big.raw', upload_id)
    second = bucket.init_multipart_upload('big.raw').upload_id
    bucket.abort_multipart_upload('big.raw', second)
    with pytest.raises(oss2.exceptions.NoSuchUpload):
        bucket.abort_multipart_upload('big.raw', second)


def test_oss2_multipart_refuses_a_small_middle_part_and_a_wrong_etag(oss_emulator):
    bucket = oss2_bucket(oss_emulator, 'v4')
    upload_id = bucket.init_multipart_upload('k').upload_id
    first = bucket.upload_part('k', upload_id, 1, b'x' * 1000).etag
    second = bucket.upload_part('k', upload_id, 2, b'y' * 1000).etag
    with pytest.raises(oss2.exceptions.ServerError) as small:
        bucket.complete_multipart_upload('k', upload_id, [oss2.models.PartInfo(1, first),
                                                          oss2.models.PartInfo(2, second)])
    assert small.value.code == 'EntityTooSmall'
    with pytest.raises(oss2.exceptions.ServerError) as wrong:
        bucket.complete_multipart_upload('k', upload_id, [oss2.models.PartInfo(1, second)])
    assert wrong.value.code == 'InvalidPart'


def test_oss2_resumable_upload_and_download(oss_emulator, tmp_path):
    bucket = oss2_bucket(oss_emulator, 'v1')
    source = tmp_path / 'disk.raw'
    source.write_bytes(os.urandom(1024 * 1024 + 17))
    oss2.resumable_upload(bucket, 'disk.raw', str(source), store=oss2.ResumableStore(root=str(tmp_path)),
                          multipart_threshold=200 * 1024, part_size=200 * 1024, num_threads=2)
    target = tmp_path / 'back.raw'
    oss2.resumable_download(bucket, 'disk.raw', str(target), store=oss2.ResumableDownloadStore(root=str(tmp_path)),
                            multiget_threshold=200 * 1024, part_size=300 * 1024, num_threads=2)
    assert target.read_bytes() == source.read_bytes()
    assert oss_emulator.requests()['by_action']['UploadPart'] == 6


def test_oss2_with_a_wrong_secret_or_a_skewed_clock_is_refused(oss_emulator, monkeypatch):
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        oss2_bucket(oss_emulator, 'v4', secret='wrong').put_object('k', b'data')
    assert refused.value.status == 403 and refused.value.code == 'SignatureDoesNotMatch'
    with pytest.raises(oss2.exceptions.ServerError) as anonymous:
        oss2.Bucket(oss2.AnonymousAuth(), oss_emulator.url, 'images').put_object('k', b'data')
    assert anonymous.value.code == 'AccessDenied'
    with pytest.raises(oss2.exceptions.NoSuchBucket):
        oss2.Bucket(oss2.Auth(ACCESS_KEY, SECRET), oss_emulator.url, 'nowhere').put_object('k', b'data')


def test_v2_sdk_put_get_range_head_list_parts_abort_delete(oss_emulator):
    client = v2_client(oss_emulator)
    data = os.urandom(250 * 1024)
    client.put_object(oss_v2.PutObjectRequest(bucket='images', key='dir/こんにちは.raw', body=data))
    got = client.get_object(oss_v2.GetObjectRequest(bucket='images', key='dir/こんにちは.raw',
                                                    range_header='bytes=100-199'))
    assert got.body.read() == data[100:200]
    head = client.head_object(oss_v2.HeadObjectRequest(bucket='images', key='dir/こんにちは.raw'))
    assert head.content_length == len(data) and head.hash_crc64 is not None
    upload = client.initiate_multipart_upload(oss_v2.InitiateMultipartUploadRequest(bucket='images', key='m'))
    client.upload_part(oss_v2.UploadPartRequest(bucket='images', key='m', upload_id=upload.upload_id, part_number=1,
                                                body=data))
    parts = client.list_parts(oss_v2.ListPartsRequest(bucket='images', key='m', upload_id=upload.upload_id)).parts
    assert [(p.part_number, p.size) for p in parts] == [(1, len(data))]
    client.abort_multipart_upload(oss_v2.AbortMultipartUploadRequest(bucket='images', key='m',
                                                                     upload_id=upload.upload_id))
    client.delete_object(oss_v2.DeleteObjectRequest(bucket='images', key='dir/こんにちは.raw'))
    assert not client.is_object_exist('images', 'dir/こんにちは.raw')
    assert set(r['signature'] for r in oss_emulator.requests()['requests']) == {'oss-v4'}


def test_v2_sdk_uploader_and_downloader(oss_emulator, tmp_path):
    client = v2_client(oss_emulator)
    source = tmp_path / 'disk.qcow2'
    source.write_bytes(os.urandom(2 * 1024 * 1024 + 3))
    client.uploader(part_size=512 * 1024, parallel_num=3).upload_file(
        oss_v2.PutObjectRequest(bucket='images', key='disk.qcow2'), filepath=str(source))
    target = tmp_path / 'back.qcow2'
    client.downloader(part_size=700 * 1024, parallel_num=3).download_file(
        oss_v2.GetObjectRequest(bucket='images', key='disk.qcow2'), filepath=str(target))
    assert target.read_bytes() == source.read_bytes()
    assert oss_emulator.requests()['by_action']['UploadPart'] == 5


def test_fixture_objects_and_finished_exports_are_readable_and_stable_across_resets(emulator_factory):
    emulator = emulator_factory()  # the default buckets: "images" holds golden.qcow2
    bucket = oss2.Bucket(oss2.AuthV4(ACCESS_KEY, SECRET), emulator.url, 'images', region='cn-hangzhou')
    first = bucket.get_object('golden.qcow2').read()
    assert bucket.head_object('golden.qcow2').etag == bucket.head_object('golden.qcow2').etag
    emulator.control('POST', 'reset')
    assert bucket.get_object('golden.qcow2').read() == first and len(first) > 3 * 1024 * 1024
    files = os.listdir(os.path.join(emulator.state.data_dir, 'objects'))
    bucket.get_object('golden.qcow2').read()
    assert os.listdir(os.path.join(emulator.state.data_dir, 'objects')) == files


def test_the_wan_link_rate_is_shared_by_all_connections(oss_emulator):
    assert oss_emulator.control('POST', 'config', {'wan': {'link_mib_per_s': 4}})['wan']['link_mib_per_s'] == 4
    bucket = oss2_bucket(oss_emulator, 'v4')
    data = os.urandom(1 << 20)
    started = time.monotonic()
    threads = [threading.Thread(target=bucket.put_object, args=('link/%d.raw' % number, data)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.monotonic() - started >= 0.45  # 2 MiB through a 4 MiB/s link, however many connections
    assert [bucket.get_object('link/%d.raw' % n).read() == data for n in range(2)] == [True, True]
