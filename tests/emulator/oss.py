# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's OSS: object and multipart calls, path-style or virtual-hosted, as the OSS API reference describes
them, over the buckets that ImportImage reads and ExportImage writes. Objects live on disk in a data directory, not in
memory.

Written from the OSS documentation, apart from the collection's client; its CRC-64 is fastcrc's when installed, else
its own (the collection uses another library), and the official SDKs check both."""

from __future__ import absolute_import, division, print_function

import base64
import hashlib
import os
import shutil
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from email.utils import formatdate
from urllib.parse import parse_qsl, unquote

from . import crc64

from .auth import OssFailure

GIB = 1 << 30
MIN_PART_SIZE = 100 * 1024
MAX_PART_NUMBER = 10000
LIST_LIMIT = 1000
CHUNK = 1 << 20
# What a fixture object without data (or a finished export) holds when it is read: this many bytes, made from its key.
DEFAULT_FIXTURE_BYTES = 3 * (1 << 20) + 4321


def xml_document(root, children):
    element = ET.Element(root)
    for name, value in children:
        if isinstance(value, list):
            child = ET.SubElement(element, name)
            for sub_name, sub_value in value:
                ET.SubElement(child, sub_name).text = str(sub_value)
        else:
            ET.SubElement(element, name).text = '' if value is None else str(value)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(element)


def fixture_bytes(key, size):
    seed = hashlib.sha256(key.encode('utf-8')).digest()
    block = b''.join(hashlib.sha256(seed + bytes([i])).digest() for i in range(256))
    return (block * (size // len(block) + 1))[:size]


class OssCall:
    """One OSS request as read off the wire: path-style /BUCKET/KEY, or virtual-hosted (the bucket named by the Host
    header, `virtual_bucket`) /KEY; sub-resources in the query."""

    def __init__(self, method, url, headers, virtual_bucket=None):
        self.method = method
        self.headers = dict((k.lower(), v) for k, v in headers.items())
        path = unquote(url.path)
        if virtual_bucket:
            self.bucket, self.key = virtual_bucket, path[1:] if path.startswith('/') else path
        else:
            self.bucket, dummy, self.key = path.lstrip('/').partition('/')
        self.query = dict(parse_qsl(url.query, keep_blank_values=True))
        self.request_id = uuid.uuid4().hex.upper()[:24]
        self.action = self.name()

    def name(self):
        q, m = self.query, self.method
        if not self.key:
            return 'ListMultipartUploads' if m == 'GET' and 'uploads' in q else 'Bucket' + m.title()
        if m == 'PUT':
            return 'UploadPart' if 'uploadId' in q else 'PutObject'
        if m == 'POST':
            return 'InitiateMultipartUpload' if 'uploads' in q else 'CompleteMultipartUpload'
        if m == 'DELETE':
            return 'AbortMultipartUpload' if 'uploadId' in q else 'DeleteObject'
        if m == 'GET':
            return 'ListParts' if 'uploadId' in q else 'GetObjectMeta' if 'objectMeta' in q else 'GetObject'
        return 'HeadObject'


class Answer:
    """Status, headers and a body: bytes, or (path, start, length) of a file to stream."""

    def __init__(self, status=200, headers=None, body=b'', file_range=None):
        self.status = status
        self.headers = headers or {}
        self.body = body
        self.file_range = file_range


class Wan:
    """A slow link: a round trip before each answer, a rate for each connection's bodies, and a rate of the whole
    link that all connections share (an uplink of 100 Mbit/s is 11.9 MiB/s, whatever the parts in flight)."""

    def __init__(self, rtt_ms=0.0, mib_per_s=0.0, link_mib_per_s=0.0):
        self.rtt = float(rtt_ms) / 1000.0
        self.rate = float(mib_per_s) * (1 << 20)
        self.link_rate = float(link_mib_per_s) * (1 << 20)
        self.link_free = 0.0  # when the link has sent every byte given to it so far
        self.lock = threading.Lock()

    def pace(self, started, done, chunk):
        if self.rate:
            ahead = done / self.rate - (time.monotonic() - started)
            if ahead > 0:
                time.sleep(ahead)
        if self.link_rate:
            with self.lock:
                self.link_free = max(self.link_free, time.monotonic()) + chunk / self.link_rate
                ahead = self.link_free - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)


class OssStore:
    """Buckets (the World's), their objects' data files, and multipart uploads. Metadata changes happen under the
    emulator's lock; bodies are read and written outside it."""

    def __init__(self, world, data_dir, lock):
        self.world = world
        self.data_dir = data_dir
        self.lock = lock
        self.uploads = {}
        self.wan = Wan()
        os.makedirs(os.path.join(data_dir, 'objects'), exist_ok=True)
        os.makedirs(os.path.join(data_dir, 'uploads'), exist_ok=True)

    # --- records ------------------------------------------------------------------------------------

    def bucket(self, name):
        bucket = self.world.buckets.get(name)
        if bucket is None:
            raise OssFailure('NoSuchBucket', 'The specified bucket does not exist.', 404)
        return bucket

    def stored(self, bucket_name, key):
        """The object's record with its data on disk, or None."""
        bucket = self.bucket(bucket_name)
        spec = self.world.buckets.objects(bucket).get(key)
        if spec is None:
            return None
        if 'path' not in spec:  # a fixture or a finished export: its data is made on first read
            data = fixture_bytes(key, int(spec.get('bytes', DEFAULT_FIXTURE_BYTES)))
            path = self.new_path()
            with open(path, 'wb') as handle:
                handle.write(data)
            spec = dict(spec, **self.record(path, len(data), crc64.xz(data), hashlib.md5(data).hexdigest().upper(), {}))
            bucket['objects'][key] = spec  # a copy: fixture specs are shared with every reset
        return spec

    def new_path(self):
        return os.path.join(self.data_dir, 'objects', uuid.uuid4().hex)

    @staticmethod
    def record(path, size, crc, etag, meta):
        return {'path': path, 'size': size, 'crc64': crc, 'etag': etag, 'meta': meta, 'modified': time.time(),
                'size_gib': max(1, -(-size // GIB))}

    @staticmethod
    def object_headers(spec):
        headers = {'ETag': '"%s"' % spec['etag'], 'x-oss-hash-crc64ecma': str(spec['crc64']),
                   'Last-Modified': formatdate(spec['modified'], usegmt=True), 'Accept-Ranges': 'bytes',
                   'Content-Type': 'application/octet-stream', 'x-oss-object-type':
                   'Multipart' if '-' in spec['etag'] else 'Normal'}
        headers.update(('x-oss-meta-' + name, value) for name, value in spec.get('meta', {}).items())
        return headers

    # --- bodies -------------------------------------------------------------------------------------

    def receive(self, rfile, length, path, corrupt=False):
        """Read a body of `length` bytes to path: (md5 digest, crc64)."""
        md5 = hashlib.md5()
        crc = 0
        done = 0
        started = time.monotonic()
        with open(path, 'wb') as handle:
            while done < length:
                chunk = rfile.read(min(CHUNK, length - done))
                if not chunk:
                    raise OSError('the body ended early')
                if corrupt and done == 0:
                    chunk = bytes([chunk[0] ^ 0xFF]) + chunk[1:]
                md5.update(chunk)
                crc = crc64.xz(chunk, crc)
                handle.write(chunk)
                done += len(chunk)
                self.wan.pace(started, done, len(chunk))
        return md5.digest(), crc

    @staticmethod
    def check_md5(call, digest, path):
        sent = call.headers.get('content-md5')
        if sent is not None and sent != base64.b64encode(digest).decode('ascii'):
            os.remove(path)
            raise OssFailure('InvalidDigest', 'The Content-MD5 you specified did not match what we received.', 400)

    # --- calls --------------------------------------------------------------------------------------

    def handle(self, call, rfile, corrupt=False):
        length = int(call.headers.get('content-length') or 0)
        if call.action == 'PutObject':  # the bodies that may be large are streamed to disk, outside the lock
            return self.put_object(call, rfile, length, corrupt)
        if call.action == 'UploadPart':
            return self.upload_part(call, rfile, length, corrupt)
        body = rfile.read(length) if length else b''
        with self.lock:
            handler = {
                'HeadObject': self.head_object, 'GetObjectMeta': self.head_object, 'GetObject': self.get_object,
                'DeleteObject': self.delete_object, 'InitiateMultipartUpload': self.initiate,
                'CompleteMultipartUpload': self.complete, 'AbortMultipartUpload': self.abort,
                'ListParts': self.list_parts, 'ListMultipartUploads': self.list_uploads,
            }.get(call.action)
            if handler is None:
                raise OssFailure('NotImplemented', 'The emulator does not serve %s.' % call.action, 501)
            return handler(call, body) if call.action == 'CompleteMultipartUpload' else handler(call)

    def put_object(self, call, rfile, length, corrupt):
        with self.lock:
            self.bucket(call.bucket)
        if length > 5 * GIB:
            raise OssFailure('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', 400)
        path = self.new_path()
        digest, crc = self.receive(rfile, length, path, corrupt)
        self.check_md5(call, digest, path)
        meta = dict((k[len('x-oss-meta-'):], v) for k, v in call.headers.items() if k.startswith('x-oss-meta-'))
        spec = self.record(path, length, crc, digest.hex().upper(), meta)
        with self.lock:
            self.replace(call.bucket, call.key, spec)
        return Answer(200, {'ETag': '"%s"' % spec['etag'], 'x-oss-hash-crc64ecma': str(crc)})

    def replace(self, bucket_name, key, spec):
        bucket = self.bucket(bucket_name)
        old = bucket['objects'].get(key)
        bucket['objects'][key] = spec
        self.world.buckets.forget_export(bucket, key)
        if old and old.get('path') and os.path.exists(old['path']):
            os.remove(old['path'])

    def head_object(self, call):
        spec = self.stored(call.bucket, call.key)
        if spec is None:
            raise OssFailure('NoSuchKey', 'The specified key does not exist.', 404)
        headers = self.object_headers(spec)
        headers['Content-Length'] = str(spec['size'])
        return Answer(200, headers)

    def get_object(self, call):
        spec = self.stored(call.bucket, call.key)
        if spec is None:
            raise OssFailure('NoSuchKey', 'The specified key does not exist.', 404)
        if_match = call.headers.get('if-match')
        if if_match is not None and if_match.strip('"') != spec['etag']:
            raise OssFailure('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold.',
                             412)
        headers = self.object_headers(spec)
        size = spec['size']
        start, end, status = 0, size - 1, 200
        requested = call.headers.get('range', '')
        if requested.startswith('bytes=') and '-' in requested and ',' not in requested:
            first, dummy, last = requested[6:].partition('-')
            if first.isdigit() and (last.isdigit() or not last) and int(first) < size:
                start, end, status = int(first), min(int(last) if last else size - 1, size - 1), 206
                headers['Content-Range'] = 'bytes %d-%d/%d' % (start, end, size)
        headers['Content-Length'] = str(end - start + 1)
        return Answer(status, headers, file_range=(spec['path'], start, end - start + 1))

    def delete_object(self, call):
        bucket = self.bucket(call.bucket)
        old = bucket['objects'].pop(call.key, None)
        self.world.buckets.forget_export(bucket, call.key)
        if old and old.get('path') and os.path.exists(old['path']):
            os.remove(old['path'])
        return Answer(204)

    def initiate(self, call):
        self.bucket(call.bucket)
        upload_id = uuid.uuid4().hex.upper()
        os.makedirs(os.path.join(self.data_dir, 'uploads', upload_id))
        meta = dict((k[len('x-oss-meta-'):], v) for k, v in call.headers.items() if k.startswith('x-oss-meta-'))
        self.uploads[upload_id] = {'bucket': call.bucket, 'key': call.key, 'initiated': time.time(), 'parts': {},
                                   'meta': meta}
        return Answer(200, {'Content-Type': 'application/xml'}, xml_document('InitiateMultipartUploadResult', [
            ('Bucket', call.bucket), ('Key', call.key), ('UploadId', upload_id)]))

    def upload(self, call):
        upload = self.uploads.get(call.query.get('uploadId'))
        if upload is None or upload['bucket'] != call.bucket or upload['key'] != call.key:
            raise OssFailure('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or '
                                             'the upload may have been aborted or completed.', 404)
        return upload

    def upload_part(self, call, rfile, length, corrupt):
        number = call.query.get('partNumber', '')
        if not number.isdigit() or not 1 <= int(number) <= MAX_PART_NUMBER:
            raise OssFailure('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive.', 400)
        with self.lock:
            self.upload(call)
        if length > 5 * GIB:
            raise OssFailure('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed part size.', 400)
        path = os.path.join(self.data_dir, 'uploads', call.query['uploadId'], '%s.%s' % (number, uuid.uuid4().hex))
        digest, crc = self.receive(rfile, length, path, corrupt)
        self.check_md5(call, digest, path)
        with self.lock:
            upload = self.upload(call)
            old = upload['parts'].get(int(number))
            upload['parts'][int(number)] = {'path': path, 'size': length, 'etag': digest.hex().upper(), 'crc64': crc,
                                            'modified': time.time()}
        if old and os.path.exists(old['path']):
            os.remove(old['path'])
        return Answer(200, {'ETag': '"%s"' % digest.hex().upper(), 'x-oss-hash-crc64ecma': str(crc)})

    def complete(self, call, body):
        upload = self.upload(call)
        try:
            listed = [(int(p.findtext('PartNumber')), (p.findtext('ETag') or '').strip('"').upper())
                      for p in ET.fromstring(body).findall('Part')]
        except (ET.ParseError, TypeError, ValueError):
            raise OssFailure('MalformedXML', 'The XML you provided was not well-formed.', 400)
        if not listed:
            raise OssFailure('MalformedXML', 'The XML you provided was not well-formed.', 400)
        if [n for n, e in listed] != sorted(set(n for n, e in listed)):
            raise OssFailure('InvalidPartOrder', 'The list of parts was not in ascending order.', 400)
        parts = []
        for number, etag in listed:
            part = upload['parts'].get(number)
            if part is None or part['etag'] != etag:
                raise OssFailure('InvalidPart', 'One or more of the specified parts could not be found or the '
                                                'specified entity tag might not have matched the part\'s entity tag.',
                                 400)
            parts.append(part)
        if any(part['size'] < MIN_PART_SIZE for part in parts[:-1]):
            raise OssFailure('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size.', 400)
        path = self.new_path()
        crc = 0
        with open(path, 'wb') as out:
            for part in parts:
                with open(part['path'], 'rb') as handle:
                    for chunk in iter(lambda: handle.read(CHUNK), b''):
                        crc = crc64.xz(chunk, crc)
                        out.write(chunk)
        etag = '%s-%d' % (hashlib.md5(b''.join(bytes.fromhex(p['etag']) for p in parts)).hexdigest().upper(),
                          len(parts))
        self.replace(call.bucket, call.key, self.record(path, sum(p['size'] for p in parts), crc, etag,
                                                        upload['meta']))
        self.drop_upload(call.query['uploadId'])
        return Answer(200, {'Content-Type': 'application/xml', 'x-oss-hash-crc64ecma': str(crc)},
                      xml_document('CompleteMultipartUploadResult', [
                          ('Location', 'http://%s.oss-emulator/%s' % (call.bucket, call.key)),
                          ('Bucket', call.bucket), ('Key', call.key), ('ETag', '"%s"' % etag)]))

    def drop_upload(self, upload_id):
        self.uploads.pop(upload_id, None)
        shutil.rmtree(os.path.join(self.data_dir, 'uploads', upload_id), ignore_errors=True)

    def abort(self, call):
        self.upload(call)
        self.drop_upload(call.query['uploadId'])
        return Answer(204)

    def list_parts(self, call):
        upload = self.upload(call)
        marker = int(call.query.get('part-number-marker') or 0)
        limit = min(int(call.query.get('max-parts') or LIST_LIMIT), LIST_LIMIT)
        numbers = sorted(n for n in upload['parts'] if n > marker)
        page, truncated = numbers[:limit], len(numbers) > limit
        children = [('Bucket', call.bucket), ('Key', call.key), ('UploadId', call.query['uploadId']),
                    ('PartNumberMarker', marker), ('NextPartNumberMarker', page[-1] if page else marker),
                    ('MaxParts', limit), ('IsTruncated', 'true' if truncated else 'false')]
        for number in page:
            part = upload['parts'][number]
            children.append(('Part', [('PartNumber', number), ('LastModified', time.strftime(
                '%Y-%m-%dT%H:%M:%S.000Z', time.gmtime(part['modified']))), ('ETag', '"%s"' % part['etag']),
                ('HashCrc64ecma', part['crc64']), ('Size', part['size'])]))
        return Answer(200, {'Content-Type': 'application/xml'}, xml_document('ListPartsResult', children))

    def list_uploads(self, call):
        self.bucket(call.bucket)
        prefix = call.query.get('prefix', '')
        key_marker = call.query.get('key-marker', '')
        id_marker = call.query.get('upload-id-marker', '')
        limit = min(int(call.query.get('max-uploads') or LIST_LIMIT), LIST_LIMIT)
        found = sorted((u['key'], u['initiated'], upload_id) for upload_id, u in self.uploads.items()
                       if u['bucket'] == call.bucket and u['key'].startswith(prefix))
        found = [f for f in found if (f[0], f[2]) > (key_marker, id_marker) or not key_marker]
        page, truncated = found[:limit], len(found) > limit
        children = [('Bucket', call.bucket), ('KeyMarker', key_marker), ('UploadIdMarker', id_marker),
                    ('NextKeyMarker', page[-1][0] if page else ''), ('NextUploadIdMarker', page[-1][2] if page else ''),
                    ('MaxUploads', limit), ('IsTruncated', 'true' if truncated else 'false'), ('Prefix', prefix)]
        for key, initiated, upload_id in page:
            children.append(('Upload', [('Key', key), ('UploadId', upload_id), ('Initiated', time.strftime(
                '%Y-%m-%dT%H:%M:%S.000Z', time.gmtime(initiated)))]))
        return Answer(200, {'Content-Type': 'application/xml'}, xml_document('ListMultipartUploadsResult', children))


def error_document(failure, call):
    children = [('Code', failure.code), ('Message', failure.message), ('RequestId', call.request_id),
                ('HostId', '%s.oss-emulator' % call.bucket), ('EC', '0000-00000000'),
                ('RecommendDoc', 'https://api.aliyun.com/troubleshoot?q=%s' % failure.code)]
    if failure.detail:
        children.append(('AccessDeniedDetail', sorted(failure.detail.items())))
    return xml_document('Error', children)


def stream_file(wfile, path, start, length, wan):
    started = time.monotonic()
    done = 0
    with open(path, 'rb') as handle:
        handle.seek(start)
        while done < length:
            chunk = handle.read(min(CHUNK, length - done))
            if not chunk:
                break
            wfile.write(chunk)
            done += len(chunk)
            wan.pace(started, done, len(chunk))
