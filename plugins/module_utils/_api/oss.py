# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The collection's one OSS client: signature V4, the object and multipart calls with their XML, through the shared
retry policy and credential chain. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import hashlib
import ipaddress
import time
import xml.etree.ElementTree as ET
from email.utils import formatdate
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.http import USER_AGENT, Endpoint, normalize_endpoint, requests
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import RetryPolicy
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.signing import UNSIGNED_PAYLOAD, oss_query, sign_oss_v4

OSS_ENDPOINTS = {
    'public': 'https://oss-{region}.aliyuncs.com',
    'internal': 'https://oss-{region}-internal.aliyuncs.com',
    'accelerate': 'https://oss-accelerate.aliyuncs.com',
}
LIST_PAGE_SIZE = 1000
# Parts in flight of a transfer, and so connections the client keeps, unless told: chosen by a sweep on slow links
# (docs/benchmarks.md).
DEFAULT_PARALLEL = 16
# A body sent again after these answers is the same body: a part or an object is overwritten whole.
DAMAGED_BODY_CODES = ('InvalidDigest',)


class SinkFailed(Exception):
    def __init__(self, error):
        super(SinkFailed, self).__init__(str(error))
        self.error = error


def oss_endpoint(region, oss_endpoint_url=None, endpoint_type='public'):
    """(base URL, path_style): a custom endpoint whose host is an IP address or localhost is addressed path-style
    (http://HOST:PORT/BUCKET/KEY), as the official SDKs do; others virtual-hosted (https://BUCKET.HOST/KEY)."""
    if oss_endpoint_url:
        url = normalize_endpoint(oss_endpoint_url, 'oss_endpoint')
        host = urlsplit(url).hostname or ''
        try:
            ipaddress.ip_address(host)
            path_style = True
        except ValueError:
            path_style = host.lower() == 'localhost'
        return url, path_style
    return OSS_ENDPOINTS[endpoint_type].format(region=region), False


def xml_text(element, path, default=None):
    found = element.find(path)
    return found.text if found is not None and found.text is not None else default


def md5_base64(data, digest=None):
    """Content-MD5 of data; `digest` when the caller has hashed it already."""
    return base64.b64encode(digest or hashlib.md5(data).digest()).decode('ascii')


def parse_error(response, content):
    """ApiError of an OSS error answer: the XML body, or for HEAD (no body) the base64 XML of x-oss-err."""
    document = None
    raw = content
    if not raw and response.headers.get('x-oss-err'):
        try:
            raw = base64.b64decode(response.headers['x-oss-err'])
        except (ValueError, TypeError):
            raw = b''
    if raw:
        try:
            document = ET.fromstring(raw)
        except ET.ParseError:
            document = None
    request_id = response.headers.get('x-oss-request-id')
    if document is None or document.tag != 'Error':
        code = {404: 'NoSuchKey', 403: 'AccessDenied'}.get(response.status_code, 'InvalidResponse')
        return ApiError(code, 'HTTP %d from OSS without an error document' % response.status_code,
                        http_status=response.status_code, request_id=request_id)
    return ApiError(xml_text(document, 'Code', 'UnknownError'), xml_text(document, 'Message', ''),
                    http_status=response.status_code, request_id=xml_text(document, 'RequestId', request_id),
                    recommend=xml_text(document, 'RecommendDoc'), host_id=xml_text(document, 'HostId'),
                    permission=xml_text(document, 'AccessDeniedDetail/AuthAction'))


def ram_action(method, params):
    """The RAM action of an OSS call (the multipart upload calls are oss:PutObject)."""
    if method == 'DELETE':
        return 'oss:AbortMultipartUpload' if 'uploadId' in params else 'oss:DeleteObject'
    if method == 'GET' and 'uploads' in params:
        return 'oss:ListMultipartUploads'
    if method == 'GET' and 'uploadId' in params:
        return 'oss:ListParts'
    return 'oss:GetObject' if method in ('GET', 'HEAD') else 'oss:PutObject'


class OssResponse:
    """An answer: status, headers, and the body (read whole unless the request streamed it to a sink)."""

    def __init__(self, status, headers, content=b''):
        self.status = status
        self.headers = headers
        self.content = content

    @property
    def crc64(self):
        value = self.headers.get('x-oss-hash-crc64ecma')
        return int(value) if value and value.isdigit() else None

    @property
    def etag(self):
        return (self.headers.get('ETag') or '').strip('"') or None

    def xml(self):
        try:
            return ET.fromstring(self.content)
        except ET.ParseError:
            raise ApiError('InvalidResponse', 'OSS answered with XML that does not parse: %r' % self.content[:200],
                           http_status=self.status)


class OssClient:
    """Signed OSS calls to one endpoint for one region, over one HTTP session with `pool_size` connections."""

    def __init__(self, endpoint, path_style, region, credentials, validate_certs=True, http_timeout=30,
                 retry_policy=None, session=None, pool_size=10, sleep=None, clock=None, now=None, ram_policy=None):
        self.endpoint = endpoint
        self.ram_policy = ram_policy
        self.path_style = path_style
        self.region = region
        self.credentials = credentials
        self.http_timeout = http_timeout
        self.retry_policy = retry_policy or RetryPolicy()
        self.session = session or requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=1, pool_maxsize=max(pool_size, 1))
        self.session.mount(endpoint.split('://')[0] + '://', adapter)
        self._http = Endpoint(endpoint, self.session, validate_certs, http_timeout, adapter)
        self._sleep = sleep or time.sleep
        self._clock = clock or time.monotonic
        self._now = now or time.time
        self.request_ids = []

    def url(self, bucket, key, params):
        scheme, host = self.endpoint.split('://', 1)
        path = '/' + quote(key, safe='/-_.~')
        if self.path_style:
            base = '%s://%s/%s' % (scheme, host, bucket)
        else:
            base = '%s://%s.%s' % (scheme, bucket, host)
        query = oss_query(params)
        return base + path + ('?' + query if query else '')

    def call(self, method, bucket, key='', params=None, headers=None, body=b'', sink=None, deadline=None,
             resend_safe=True, retry_codes=()):
        """The OssResponse of a call, retried by the collection's policy. With `sink`, the body of a 2xx answer is
        streamed to sink.write(chunk) instead of being kept; each try calls sink.begin() first."""
        return self.retry_policy.call(
            lambda: self._attempt(method, bucket, key, params or {}, headers or {}, body, sink),
            self.credentials, deadline, resend_safe, retry_codes, sleep=self._sleep, clock=self._clock)

    def _attempt(self, method, bucket, key, params, headers, body, sink):
        credentials = self.credentials.get()
        now = self._now()
        signed = {'x-oss-date': time.strftime('%Y%m%dT%H%M%SZ', time.gmtime(now)),
                  'x-oss-content-sha256': UNSIGNED_PAYLOAD}
        signed.update((k.lower(), v) for k, v in headers.items())
        if credentials.security_token:
            signed['x-oss-security-token'] = credentials.security_token
        signed['authorization'] = sign_oss_v4(method, bucket, key, params, signed, credentials.access_key_id,
                                              credentials.access_key_secret, self.region)
        signed.update({'User-Agent': USER_AGENT, 'Date': formatdate(now, usegmt=True)})
        try:
            response, content = self._http.send(method, self.url(bucket, key, params), signed, body or None,
                                                lambda answer: self._read(answer, method, sink))
        except SinkFailed as failure:
            raise failure.error
        if response.headers.get('x-oss-request-id'):
            self.request_ids.append(response.headers['x-oss-request-id'])
        if response.status_code >= 300:
            raise parse_error(response, content).refused(ram_action(method, params), self.ram_policy)
        return OssResponse(response.status_code, response.headers, content)

    @staticmethod
    def _read(response, method, sink):
        if sink is None or not 200 <= response.status_code < 300:
            return response.raw.read(decode_content=False) if method != 'HEAD' else b''
        sink.begin()
        for chunk in response.raw.stream(1 << 20, decode_content=False):
            try:
                sink.write(chunk)
            except OSError as error:  # the sink's own failure, such as a full disk: not the network's
                raise SinkFailed(error)
        return b''

    # --- the calls ---------------------------------------------------------------------------------

    def head_object(self, bucket, key):
        """The object's OssResponse (size, ETag, CRC-64, metadata in its headers), or None when there is none."""
        try:
            return self.call('HEAD', bucket, key)
        except ApiError as error:
            if error.code == 'NoSuchKey':
                return None
            raise

    def put_object(self, bucket, key, data, headers):
        return self.call('PUT', bucket, key, headers=dict(headers, **{'Content-MD5': md5_base64(data)}),
                         body=data, retry_codes=DAMAGED_BODY_CODES)

    def get_range(self, bucket, key, start, end, etag, sink):
        """Bytes start..end (inclusive) of the object, to sink; If-Match makes a changed object an error."""
        headers = {'Range': 'bytes=%d-%d' % (start, end), 'If-Match': '"%s"' % etag}
        return self.call('GET', bucket, key, headers=headers, sink=sink)

    def delete_object(self, bucket, key):
        return self.call('DELETE', bucket, key)

    def initiate_upload(self, bucket, key, headers):
        """Upload id of a new multipart upload. Not sent twice: a lost answer raises (see Uploader)."""
        answer = self.call('POST', bucket, key, params={'uploads': ''}, headers=headers,
                           resend_safe=False)
        return xml_text(answer.xml(), 'UploadId')

    def upload_part(self, bucket, key, upload_id, number, data, digest=None):
        """`digest`: the part's MD5 when the caller has it (a part is hashed once)."""
        return self.call('PUT', bucket, key, params={'partNumber': str(number), 'uploadId': upload_id},
                         headers={'Content-MD5': md5_base64(data, digest)}, body=data, retry_codes=DAMAGED_BODY_CODES)

    def complete_upload(self, bucket, key, upload_id, parts):
        """parts: (number, etag) in ascending order."""
        body = ('<CompleteMultipartUpload>%s</CompleteMultipartUpload>' % ''.join(
            '<Part><PartNumber>%d</PartNumber><ETag>"%s"</ETag></Part>' % (number, escape(etag))
            for number, etag in parts)).encode('utf-8')
        return self.call('POST', bucket, key, params={'uploadId': upload_id},
                         headers={'Content-MD5': md5_base64(body), 'Content-Type': 'application/xml'}, body=body)

    def abort_upload(self, bucket, key, upload_id):
        try:
            self.call('DELETE', bucket, key, params={'uploadId': upload_id})
        except ApiError as error:
            if error.code != 'NoSuchUpload':  # gone already: aborted or completed
                raise

    def list_uploads(self, bucket, key):
        """Unfinished multipart uploads of exactly this key: [(upload_id, initiated)], oldest first."""
        uploads, markers = [], {}
        while True:
            params = dict({'uploads': '', 'prefix': key, 'max-uploads': str(LIST_PAGE_SIZE)}, **markers)
            document = self.call('GET', bucket, params=params).xml()
            for upload in document.findall('Upload'):
                if xml_text(upload, 'Key') == key:
                    uploads.append((xml_text(upload, 'UploadId'), xml_text(upload, 'Initiated', '')))
            if xml_text(document, 'IsTruncated') != 'true':
                return uploads
            markers = {'key-marker': xml_text(document, 'NextKeyMarker', ''),
                       'upload-id-marker': xml_text(document, 'NextUploadIdMarker', '')}

    def list_parts(self, bucket, key, upload_id):
        """Parts of an upload: {number: {'etag', 'size', 'crc64'}}."""
        parts, marker = {}, None
        while True:
            params = {'uploadId': upload_id, 'max-parts': str(LIST_PAGE_SIZE)}
            if marker:
                params['part-number-marker'] = marker
            document = self.call('GET', bucket, key, params=params).xml()
            for part in document.findall('Part'):
                crc = xml_text(part, 'HashCrc64ecma')
                parts[int(xml_text(part, 'PartNumber'))] = {
                    'etag': (xml_text(part, 'ETag') or '').strip('"'), 'size': int(xml_text(part, 'Size', '-1')),
                    'crc64': int(crc) if crc and crc.isdigit() else None}
            if xml_text(document, 'IsTruncated') != 'true':
                return parts
            marker = xml_text(document, 'NextPartNumberMarker')
