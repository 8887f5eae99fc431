# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The failures of the collection: bad input, a failed API call, and a failure the work found itself. Private to
this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# What a user should do about the errors people meet most; appended to the API's own message.
HINTS = {
    'SignatureDoesNotMatch': 'The signature did not match: check secret_key (the secret of this access key).',
    'IncompleteSignature': 'The signature did not match: check secret_key (the secret of this access key).',
    'InvalidAccessKeySecret': 'The secret is wrong: check secret_key (the secret of this access key).',
    'InvalidTimeStamp.Expired': 'The request time is too far from the server time: check the clock of the machine '
                                'that runs this task (NTP).',
    'InvalidAccessKeyId.NotFound': 'The access key id is unknown: check access_key.',
    'InvalidAccessKeyId.Inactive': 'The access key is disabled: enable it or use another one.',
    'InvalidSecurityToken.Expired': 'The security token has expired: refresh the STS credentials.',
    'InvalidSecurityToken.Malformed': 'The security token is not valid: check security_token.',
    'Forbidden.RAM': 'The RAM user or role lacks the permission for this action (ecs:DescribeTasks and friends).',
    'InvalidRegionId.NotFound': 'The region is unknown: check region.',
    'NoSetRoletoECSServiceAcount': 'ECS may not read or write your OSS bucket: create the RAM role '
                                   'AliyunECSImageImportDefaultRole (imports) or AliyunECSImageExportDefaultRole '
                                   '(exports), trusted by ecs.aliyuncs.com, or name your own role in role_name.',
    'InvalidOSSObject.NotFound': 'Check disks[].oss_bucket and oss_object: the object must exist, in a bucket of the '
                                 'same region as the import, and be readable by the import role.',
    'InvalidOSSBucket.NotFound': 'The bucket does not exist in this region: the bucket must be in the region of the '
                                 'image (region).',
    'IncorrectImageStatus': 'The image is not Available: only Available custom images can be exported; wait for '
                            'the image first.',
    'InvalidImageId.NotFound': 'No such image in this region and account: check image_id and region.',
    'ImageIsExporting': 'The image is being exported already.',
    'IdempotentParameterMismatch': 'A ClientToken was reused with other parameters; run the task again.',
    # OSS
    'NoSuchBucket': 'The bucket does not exist: check bucket, and that region (or oss_endpoint) is the region of the '
                    'bucket.',
    'AccessDenied': 'The RAM user or role may not do this on the bucket: uploads need oss:PutObject, '
                    'oss:ListMultipartUploads, oss:ListParts and oss:AbortMultipartUpload; downloads oss:GetObject; '
                    'state=absent oss:DeleteObject, oss:ListMultipartUploads and oss:AbortMultipartUpload.',
    'InvalidDigest': 'OSS received a body whose MD5 is not the one sent (Content-MD5): the data was damaged on the way; '
                     'the part was sent again as many times as max_retries allows.',
    'RequestTimeTooSkewed': 'The clock of the machine that runs this task is more than 15 minutes off the time of '
                            'OSS: this is a clock problem, not a credential one; set the clock right (NTP).',
    'SecurityTokenExpired': 'The security token has expired: refresh the STS credentials.',
}
# The API's own spelling and the SDK's.
HINTS['NoSetRoletoECSServiceAccount'] = HINTS['NoSetRoletoECSServiceAcount']
NETWORK_ERROR_CODES = ('ConnectionError', 'RequestTimeout')
# The refusals of a call the key's RAM policy does not allow: ECS and STS, then OSS.
PERMISSION_CODES = ('Forbidden.RAM', 'NoPermission', 'AccessDenied')
THROTTLING_HINT = 'The API is throttling requests: raise poll_interval or max_retries, or poll fewer tasks at once.'

# The API appends its own string to sign to SignatureDoesNotMatch messages; with STS credentials that
# string holds the security token, so it never reaches a user.
_STRING_TO_SIGN = re.compile(r'\s*server string to sign is:.*$', re.S)


class OptionError(ValueError):
    """Bad input, found before any API call; names the option and the expected form."""

    def __init__(self, option, message):
        super(OptionError, self).__init__('%s: %s' % (option, message))
        self.option = option


class ApiError(Exception):
    """A failed API call: the API's error, an answer that is not the API's, or a network failure."""

    def __init__(self, code, message, http_status=None, request_id=None, recommend=None, host_id=None,
                 attempts=1, permission=None):
        self.code = code
        self.message = _STRING_TO_SIGN.sub('', message or '')
        self.http_status = http_status
        self.request_id = request_id
        self.recommend = recommend
        self.host_id = host_id
        self.attempts = attempts
        self.permission = permission  # the RAM action (ecs:CopyImage) the key lacks, when the API refused one
        self.policy = None  # where the policy the key should hold is written down (the ram_policy option)
        super(ApiError, self).__init__(code, self.message)

    def __str__(self):
        return self.describe()

    @classmethod
    def from_body(cls, body, http_status):
        detail = body.get('AccessDeniedDetail')
        return cls(body.get('Code') or 'UnknownError', body.get('Message') or '', http_status=http_status,
                   request_id=body.get('RequestId'), recommend=body.get('Recommend'), host_id=body.get('HostId'),
                   permission=detail.get('AuthAction') if isinstance(detail, dict) else None)

    def refused(self, permission, policy):
        """Name the RAM action a refusal was for, where the answer did not (the caller knows what it called), and
        the policy the key should hold."""
        if self.code in PERMISSION_CODES:
            self.permission = self.permission or permission
            self.policy = policy
        return self

    @property
    def is_network_error(self):
        """No answer at all: the request may not have reached the API."""
        return self.code in NETWORK_ERROR_CODES

    @property
    def outcome_unknown(self):
        """No answer, or a server error: a write may or may not have been carried out."""
        return self.is_network_error or (self.http_status or 0) >= 500

    def hint(self):
        if self.code.startswith('Throttling'):
            return THROTTLING_HINT
        if self.permission and self.code in PERMISSION_CODES:
            return 'The access key lacks the RAM permission %s: add it to the policy of its RAM user or role%s.' % (
                self.permission, ' (%s lists every action this needs)' % self.policy if self.policy else '')
        return HINTS.get(self.code, '')

    def describe(self):
        parts = ['%s: %s' % (self.code, self.message.rstrip('.') + '.' if self.message else '')]
        if self.hint():
            parts.append(self.hint())
        details = []
        if self.http_status:
            details.append('HTTP %s' % self.http_status)
        if self.request_id:
            details.append('request id %s' % self.request_id)
        if self.attempts > 1:
            details.append('after %d attempts' % self.attempts)
        if details:
            parts.append('(%s)' % ', '.join(details))
        return ' '.join(parts)

    def to_dict(self):
        """The `error` entry of a module result."""
        return dict(code=self.code, message=self.message, request_id=self.request_id, recommend=self.recommend,
                    http_status=self.http_status, host_id=self.host_id, permission=self.permission)


class WorkFailed(Exception):
    """A failure the work found itself (a failed task, a timeout), with the result keys to report."""

    def __init__(self, message, **result):
        super(WorkFailed, self).__init__(message)
        self.result = result
