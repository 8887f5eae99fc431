# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Server-side request authentication of the emulator: signature V1 and V3, timestamps, nonces, keys.

Written from the API documentation independently of the collection's client code, so that each checks
the other; the official SDKs check both.
"""

from __future__ import absolute_import, division, print_function

import base64
import calendar
import email.utils
import hashlib
import hmac
import re
import time
from urllib.parse import quote

MAX_SKEW_SECONDS = 15 * 60
V3_AUTHORIZATION = re.compile(r'^ACS3-HMAC-SHA256\s+Credential=([^,]*),\s*SignedHeaders=([^,]*),\s*Signature=(\S*)$')


class ApiFailure(Exception):
    """An error answer: code, message and HTTP status as the real API sends them."""

    def __init__(self, code, message, status=400, detail=None):
        super(ApiFailure, self).__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.detail = detail  # AccessDeniedDetail of a call RAM refused


def missing(name):
    return ApiFailure('MissingParameter', 'The input parameter "%s" that is mandatory for processing this request '
                                          'is not supplied.' % name)


def encode(text):
    return quote(text.encode('utf-8'), safe='-_.~')


def canonical(params):
    return '&'.join('%s=%s' % (encode(k), encode(v)) for k, v in sorted(params.items()))


def parse_timestamp(value):
    for layout in ('%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S.%fZ'):
        try:
            return calendar.timegm(time.strptime(value, layout))
        except ValueError:
            continue
    raise ApiFailure('InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.')


class Authenticator:
    """Checks a request's credentials; the key store maps access key ids to a secret and, for STS keys,
    a token and an expiry (epoch seconds)."""

    def __init__(self, keys, clock=time.time):
        self.keys = keys
        self.clock = clock
        self.nonces = {}

    def _key(self, access_key_id):
        key = self.keys.get(access_key_id)
        if key is None:
            raise ApiFailure('InvalidAccessKeyId.NotFound', 'Specified access key is not found.', 404)
        return key

    def _fresh(self, timestamp, nonce):
        if abs(self.clock() - parse_timestamp(timestamp)) > MAX_SKEW_SECONDS:
            raise ApiFailure('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.')
        now = self.clock()
        if len(self.nonces) > 100000:
            self.nonces = dict((n, t) for n, t in self.nonces.items() if now - t < MAX_SKEW_SECONDS * 2)
        if nonce in self.nonces:
            raise ApiFailure('SignatureNonceUsed', 'Specified signature nonce was used already.')
        self.nonces[nonce] = now

    def _token(self, key, token):
        if key.get('token') is None:
            return
        if not token:
            raise ApiFailure('InvalidSecurityToken.MismatchWithAccessKey',
                             'The security token you provided does not match with the access key.')
        if token != key['token']:
            raise ApiFailure('InvalidSecurityToken.Malformed', 'The security token you provided is malformed.')
        if key.get('expires') is not None and self.clock() >= key['expires']:
            raise ApiFailure('InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.')

    def v1(self, method, params):
        """Authenticate an RPC request signed with V1; params are the query and form parameters together."""
        for name in ('AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureNonce', 'Timestamp'):
            if not params.get(name):
                raise missing(name)
        if params['SignatureMethod'] != 'HMAC-SHA1':
            raise ApiFailure('InvalidParameter', 'The specified parameter "SignatureMethod" is not valid.')
        key = self._key(params['AccessKeyId'])
        signed = dict((k, v) for k, v in params.items() if k != 'Signature')
        string_to_sign = '%s&%s&%s' % (method, encode('/'), encode(canonical(signed)))
        expected = base64.b64encode(hmac.new((key['secret'] + '&').encode('utf-8'), string_to_sign.encode('utf-8'),
                                             hashlib.sha1).digest()).decode('ascii')
        parse_timestamp(params['Timestamp'])
        if not hmac.compare_digest(expected, params['Signature']):
            raise ApiFailure('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation. '
                                                      'server string to sign is:' + string_to_sign)
        self._fresh(params['Timestamp'], params['SignatureNonce'])
        self._token(key, params.get('SecurityToken'))
        return params['AccessKeyId']

    def v3(self, method, path, query, headers, body):
        """Authenticate a request signed with ACS3-HMAC-SHA256; headers are lower-cased."""
        match = V3_AUTHORIZATION.match(headers.get('authorization', '').strip())
        if not match:
            raise ApiFailure('IncompleteSignature', 'The request signature does not conform to Aliyun standards.')
        access_key_id, signed_headers, signature = match.groups()
        for name in ('x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'):
            if not headers.get(name):
                raise missing(name)
        names = signed_headers.split(';')
        if 'host' not in names or any(name not in headers for name in names):
            raise ApiFailure('IncompleteSignature', 'The request signature does not conform to Aliyun standards.')
        key = self._key(access_key_id)
        parse_timestamp(headers['x-acs-date'])
        if hashlib.sha256(body).hexdigest() != headers['x-acs-content-sha256']:
            raise ApiFailure('IncompleteSignature', 'The x-acs-content-sha256 header does not match the body.')
        canonical_headers = ''.join('%s:%s\n' % (name, headers[name].strip()) for name in names)
        request = '\n'.join([method, path or '/', canonical(query), canonical_headers, signed_headers,
                             headers['x-acs-content-sha256']])
        string_to_sign = 'ACS3-HMAC-SHA256\n' + hashlib.sha256(request.encode('utf-8')).hexdigest()
        expected = hmac.new(key['secret'].encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            raise ApiFailure('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation. '
                                                      'server string to sign is:' + string_to_sign)
        self._fresh(headers['x-acs-date'], headers['x-acs-signature-nonce'])
        self._token(key, headers.get('x-acs-security-token'))
        return access_key_id


# --- OSS -----------------------------------------------------------------------------------------------

OSS_V1_SUBRESOURCES = frozenset([
    'acl', 'uploads', 'location', 'cors', 'logging', 'website', 'referer', 'lifecycle', 'delete', 'append', 'tagging',
    'objectMeta', 'uploadId', 'partNumber', 'security-token', 'position', 'img', 'style', 'styleName',
    'replication', 'replicationProgress', 'replicationLocation', 'cname', 'bucketInfo', 'comp', 'qos', 'live',
    'status', 'vod', 'startTime', 'endTime', 'symlink', 'x-oss-process', 'response-content-type',
    'response-content-language', 'response-expires', 'response-cache-control', 'response-content-disposition',
    'response-content-encoding', 'udf', 'udfName', 'udfImage', 'udfId', 'udfImageDesc', 'udfApplication', 'restore',
    'callback', 'callback-var', 'versions', 'versioning', 'versionId', 'sequential', 'continuation-token',
    'regionList', 'cloudboxes', 'worm', 'wormId', 'wormExtend'])
OSS_V4_AUTHORIZATION = re.compile(r'^OSS4-HMAC-SHA256\s+(.*)$')


class OssFailure(ApiFailure):
    """An OSS error answer (XML), with the code, message and HTTP status OSS gives."""


def oss_uri_encode(text, keep_slash):
    return quote(text.encode('utf-8'), safe='/-_.~' if keep_slash else '-_.~')


class OssAuthenticator:
    """Checks OSS requests signed with V4 (OSS4-HMAC-SHA256) or V1 (OSS AK:signature), and their STS tokens."""

    def __init__(self, keys, clock=time.time):
        self.keys = keys
        self.clock = clock

    def _key(self, access_key_id):
        key = self.keys.get(access_key_id)
        if key is None:
            raise OssFailure('InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.',
                             403)
        return key

    def _fresh(self, moment):
        if abs(self.clock() - moment) > MAX_SKEW_SECONDS:
            raise OssFailure('RequestTimeTooSkewed', 'The difference between the request time and the current time '
                                                     'is too large.', 403)

    def _token(self, key, headers, query):
        if key.get('token') is None:
            return
        token = headers.get('x-oss-security-token') or query.get('security-token')
        if token != key['token']:
            raise OssFailure('InvalidSecurityToken', 'The security token you provided is invalid.', 403)
        if key.get('expires') is not None and self.clock() >= key['expires']:
            raise OssFailure('SecurityTokenExpired', 'The security token you provided has expired.', 403)

    def check(self, method, bucket, key, query, headers):
        """The access key id of a signed request; headers are lower-cased, query decoded."""
        authorization = headers.get('authorization', '').strip()
        if authorization.startswith('OSS4-HMAC-SHA256'):
            return self.v4(method, bucket, key, query, headers, authorization), 'oss-v4'
        if authorization.startswith('OSS '):
            return self.v1(method, bucket, key, query, headers, authorization), 'oss-v1'
        raise OssFailure('AccessDenied', 'AccessDenied: anonymous access is forbidden for this operation.', 403)

    def v4(self, method, bucket, key, query, headers, authorization):
        fields = {}
        for item in OSS_V4_AUTHORIZATION.match(authorization).group(1).split(','):
            name, dummy, value = item.strip().partition('=')
            fields[name] = value
        credential = fields.get('Credential', '').split('/')
        if len(credential) != 5 or credential[3] != 'oss' or credential[4] != 'aliyun_v4_request' \
                or not fields.get('Signature'):
            raise OssFailure('InvalidArgument', 'Authorization header is invalid.', 400)
        access_key_id, day, region = credential[:3]
        stamp = headers.get('x-oss-date', '')
        try:
            moment = calendar.timegm(time.strptime(stamp, '%Y%m%dT%H%M%SZ'))
        except ValueError:
            raise OssFailure('InvalidArgument', 'x-oss-date is missing or not YYYYMMDDTHHMMSSZ.', 400)
        if stamp[:8] != day:
            raise OssFailure('InvalidArgument', 'The date of the credential scope is not that of x-oss-date.', 400)
        secret = self._key(access_key_id)
        additional = [h for h in fields.get('AdditionalHeaders', '').split(';') if h]
        signed = sorted((name, value) for name, value in headers.items()
                        if name.startswith('x-oss-') or name in ('content-type', 'content-md5') or name in additional)
        uri = oss_uri_encode('/%s/%s' % (bucket, key) if bucket else '/', True)
        canonical_query = '&'.join(
            oss_uri_encode(name, False) + ('=' + oss_uri_encode(value, False) if value else '')
            for name, value in sorted(query.items(), key=lambda item: oss_uri_encode(item[0], False)))
        canonical_request = '%s\n%s\n%s\n%s\n%s\n%s' % (
            method, uri, canonical_query, ''.join('%s:%s\n' % item for item in signed), ';'.join(sorted(additional)),
            headers.get('x-oss-content-sha256', 'UNSIGNED-PAYLOAD'))
        scope = '%s/%s/oss/aliyun_v4_request' % (day, region)
        digest = hashlib.sha256(canonical_request.encode('utf-8')).hexdigest()
        string_to_sign = 'OSS4-HMAC-SHA256\n%s\n%s\n%s' % (stamp, scope, digest)
        signing_key = ('aliyun_v4' + secret['secret']).encode('utf-8')
        for step in (day, region, 'oss', 'aliyun_v4_request'):
            signing_key = hmac.new(signing_key, step.encode('utf-8'), hashlib.sha256).digest()
        expected = hmac.new(signing_key, string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, fields['Signature']):
            raise OssFailure('SignatureDoesNotMatch', 'The request signature we calculated does not match the '
                                                      'signature you provided. Check your key and signing method.', 403)
        self._fresh(moment)
        self._token(secret, headers, query)
        return access_key_id

    def v1(self, method, bucket, key, query, headers, authorization):
        access_key_id, dummy, signature = authorization[4:].partition(':')
        secret = self._key(access_key_id.strip())
        date = headers.get('x-oss-date') or headers.get('date', '')
        try:
            moment = calendar.timegm(email.utils.parsedate(date))
        except (TypeError, ValueError):
            raise OssFailure('AccessDenied', 'The Date header is missing or not an RFC 1123 date.', 403)
        oss_headers = ''.join('%s:%s\n' % item for item in sorted(
            (k, v) for k, v in headers.items() if k.startswith('x-oss-')))
        resource = '/%s/%s' % (bucket, key) if bucket else '/'
        sub = sorted((k, v) for k, v in query.items() if k in OSS_V1_SUBRESOURCES)
        if sub:
            resource += '?' + '&'.join(k + ('=' + v if v else '') for k, v in sub)
        string_to_sign = '\n'.join([method, headers.get('content-md5', ''), headers.get('content-type', ''), date,
                                    oss_headers + resource])
        expected = base64.b64encode(hmac.new(secret['secret'].encode('utf-8'), string_to_sign.encode('utf-8'),
                                             hashlib.sha1).digest()).decode('ascii')
        if not hmac.compare_digest(expected, signature.strip()):
            raise OssFailure('SignatureDoesNotMatch', 'The request signature we calculated does not match the '
                                                      'signature you provided. Check your key and signing method.', 403)
        self._fresh(moment)
        self._token(secret, headers, query)
        return access_key_id.strip()
