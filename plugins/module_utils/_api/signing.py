# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Request signing for Alibaba Cloud: RPC APIs with signature V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256), OSS with
signature V4 (OSS4-HMAC-SHA256).

Private to this collection: the API may change without notice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import functools
import hashlib
import hmac

from urllib.parse import quote

V3_ALGORITHM = 'ACS3-HMAC-SHA256'
OSS_V4_ALGORITHM = 'OSS4-HMAC-SHA256'
UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'
EMPTY_SHA256 = hashlib.sha256(b'').hexdigest()


@functools.lru_cache(maxsize=512)  # parameter names and most values repeat on every request
def percent_encode(value):
    """RFC 3986 encoding of UTF-8 text: only A-Z a-z 0-9 - _ . ~ stay as they are."""
    return quote(value, safe='-_.~', encoding='utf-8')


def canonical_query(params):
    """Parameters sorted by key and joined as enc(key)=enc(value) with '&'."""
    return '&'.join('%s=%s' % (percent_encode(k), percent_encode(v)) for k, v in sorted(params.items()))


def v1_string_to_sign(method, params, query=None):
    """`query` is canonical_query(params) when the caller has it already."""
    query = canonical_query(params) if query is None else query
    # A canonical query holds only unreserved characters, '%', '=' and '&': encoding it again is these three.
    return '%s&%%2F&%s' % (method.upper(), query.replace('%', '%25').replace('=', '%3D').replace('&', '%26'))


def sign_v1(method, params, secret, query=None):
    """Signature V1 of the parameters (every one but Signature) of an RPC request."""
    digest = hmac.new((secret + '&').encode('utf-8'), v1_string_to_sign(method, params, query).encode('utf-8'),
                      hashlib.sha1).digest()
    return base64.b64encode(digest).decode('ascii')


def v3_canonical_request(method, query, headers, body_sha256):
    """Canonical request and the signed header names of a V3 request (path is always / for RPC)."""
    lowered = dict((k.lower().strip(), str(v).strip()) for k, v in headers.items())
    names = sorted(lowered)
    canonical_headers = ''.join('%s:%s\n' % (name, lowered[name]) for name in names)
    signed_headers = ';'.join(names)
    request = '\n'.join([method.upper(), '/', canonical_query(query), canonical_headers, signed_headers, body_sha256])
    return request, signed_headers


def sign_v3(method, query, headers, access_key_id, secret, body=b''):
    """Authorization header value of a V3 request; headers are the x-acs-*, host and content-type to sign."""
    body_sha256 = hashlib.sha256(body).hexdigest()
    request, signed_headers = v3_canonical_request(method, query, headers, body_sha256)
    string_to_sign = '%s\n%s' % (V3_ALGORITHM, hashlib.sha256(request.encode('utf-8')).hexdigest())
    signature = hmac.new(secret.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
    return '%s Credential=%s,SignedHeaders=%s,Signature=%s' % (V3_ALGORITHM, access_key_id, signed_headers, signature)


def oss_query(params):
    """Query string of an OSS request, which is also its V4 canonical query: names and values encoded, sorted, and a
    parameter without a value (such as `uploads`) written alone."""
    return '&'.join(percent_encode(k) + ('=' + percent_encode(v) if v else '') for k, v in sorted(params.items()))


def oss_v4_signed_headers(headers):
    """The headers OSS V4 signs by default: x-oss-*, content-type and content-md5, lower-cased and sorted."""
    lowered = ((k.lower(), v) for k, v in headers.items())
    return sorted((k, v) for k, v in lowered if k.startswith('x-oss-') or k in ('content-type', 'content-md5'))


def sign_oss_v4(method, bucket, key, params, headers, access_key_id, secret, region):
    """Authorization header value of an OSS request. `headers` must hold x-oss-date (YYYYMMDDTHHMMSSZ) and
    x-oss-content-sha256, and x-oss-security-token with temporary credentials."""
    timestamp = headers['x-oss-date']
    scope = '%s/%s/oss/aliyun_v4_request' % (timestamp[:8], region)
    uri = quote('/%s/%s' % (bucket, key) if bucket else '/', safe='/-_.~', encoding='utf-8')
    canonical_headers = ''.join('%s:%s\n' % (k, str(v).strip()) for k, v in oss_v4_signed_headers(headers))
    request = '\n'.join([method.upper(), uri, oss_query(params), canonical_headers, '', headers['x-oss-content-sha256']])
    string_to_sign = '\n'.join([OSS_V4_ALGORITHM, timestamp, scope, hashlib.sha256(request.encode('utf-8')).hexdigest()])
    signing_key = ('aliyun_v4' + secret).encode('utf-8')
    for part in (timestamp[:8], region, 'oss', 'aliyun_v4_request'):
        signing_key = hmac.new(signing_key, part.encode('utf-8'), hashlib.sha256).digest()
    signature = hmac.new(signing_key, string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
    return '%s Credential=%s/%s,Signature=%s' % (OSS_V4_ALGORITHM, access_key_id, scope, signature)
