# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Server-side request authentication of the emulator: signature V1 and V3, timestamps, nonces, keys.

Written from the API documentation independently of the collection's client code, so that each checks
the other; the official SDKs check both.
"""

from __future__ import absolute_import, division, print_function

import base64
import calendar
import hashlib
import hmac
import re
import time
from urllib.parse import quote

MAX_SKEW_SECONDS = 15 * 60
V3_AUTHORIZATION = re.compile(r'^ACS3-HMAC-SHA256\s+Credential=([^,]*),\s*SignedHeaders=([^,]*),\s*Signature=(\S*)$')


class ApiFailure(Exception):
    """An error answer: code, message and HTTP status as the real API sends them."""

    def __init__(self, code, message, status=400):
        super(ApiFailure, self).__init__(message)
        self.code = code
        self.message = message
        self.status = status


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
