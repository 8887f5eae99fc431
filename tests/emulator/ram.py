# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""RAM policies of the emulator's access keys: which actions a call needs, and whether a key's policy allows them.

Written from RAM's documentation apart from the collection's client, which names the missing action from the
answer: an explicit Deny wins over any Allow, and an action no statement allows is denied. Actions match
case-insensitively, with `*` and `?` wildcards. Only `Resource: "*"` is emulated; a policy with other resources,
`NotAction` or a `Condition` is refused when it is loaded, so that a test never believes a narrower policy was checked.
"""

from __future__ import absolute_import, division, print_function

import fnmatch

# The RAM action of each OSS operation (RAM's documentation for OSS: the multipart calls need oss:PutObject).
OSS_ACTIONS = {
    'PutObject': 'oss:PutObject',
    'InitiateMultipartUpload': 'oss:PutObject',
    'UploadPart': 'oss:PutObject',
    'CompleteMultipartUpload': 'oss:PutObject',
    'GetObject': 'oss:GetObject',
    'HeadObject': 'oss:GetObject',
    'GetObjectMeta': 'oss:GetObject',
    'DeleteObject': 'oss:DeleteObject',
    'AbortMultipartUpload': 'oss:AbortMultipartUpload',
    'ListParts': 'oss:ListParts',
    'ListMultipartUploads': 'oss:ListMultipartUploads',
}
RPC_PRODUCTS = {'2014-05-26': 'ecs', '2015-04-01': 'sts'}
# The calls that hand a RAM role to the service: its caller needs ram:PassRole as well.
PASSES_ROLE = ('ImportImage', 'ExportImage')


def listed(value):
    return [value] if isinstance(value, str) else list(value or [])


def check_policy(document):
    """The policy document, checked; raises ValueError for a form the emulator does not decide."""
    if not isinstance(document, dict) or not isinstance(document.get('Statement'), list):
        raise ValueError('a policy is a JSON object with a Statement list')
    for statement in document['Statement']:
        if statement.get('Effect') not in ('Allow', 'Deny'):
            raise ValueError('a statement Effect is Allow or Deny, got %r' % statement.get('Effect'))
        if not listed(statement.get('Action')):
            raise ValueError('a statement needs Action (NotAction is not emulated)')
        if listed(statement.get('Resource')) != ['*']:
            raise ValueError('only "Resource": "*" is emulated, got %r' % statement.get('Resource'))
        extra = set(statement) - set(['Effect', 'Action', 'Resource'])
        if extra:
            raise ValueError('not emulated in a statement: %s' % ', '.join(sorted(extra)))
    return document


def decide(document, action):
    """'Allow', 'ExplicitDeny' or 'ImplicitDeny' for one action under a policy (None: the key may do anything)."""
    if document is None:
        return 'Allow'
    effects = set(statement['Effect'] for statement in document['Statement']
                  if any(fnmatch.fnmatchcase(action.lower(), pattern.lower())
                         for pattern in listed(statement['Action'])))
    if 'Deny' in effects:
        return 'ExplicitDeny'
    return 'Allow' if 'Allow' in effects else 'ImplicitDeny'


def rpc_actions(action, version, params):
    """The RAM actions an RPC call needs."""
    needed = ['%s:%s' % (RPC_PRODUCTS.get(version, 'ecs'), action)]
    if action in PASSES_ROLE and params.get('RoleName'):
        needed.append('ram:PassRole')
    return needed


def oss_actions(operation):
    return [OSS_ACTIONS.get(operation, 'oss:' + operation)]
