# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The clients that connection options describe: what every client is built from (credentials, region, signature,
timeouts, retries), the ECS client, and the warnings of the options. The OSS client is made in
_module/oss_clients.py, so that an ECS module ships no OSS code. Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
from urllib.parse import urlsplit

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api import http, rpc
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.credentials import CredentialChain
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import DEFAULT_MAX_RETRIES, RetryPolicy
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import DEFAULT_HTTP_TIMEOUT, connection_argument_spec


def check_assume_role(value):
    """assume_role as the argument spec describes it (lookups get no argument spec validation)."""
    if value is None:
        return
    keys = connection_argument_spec()['assume_role']['options']
    if not isinstance(value, dict) or set(value) - set(keys):
        raise OptionError('assume_role', 'expected a dictionary with the keys %s, got %r' % (', '.join(keys), value))


def is_loopback(host):
    if host.lower().rstrip('.') == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_http_warnings(options):
    """A warning for each API endpoint of the options that is plain http:// to a host that is not this one."""
    warnings = []
    for option in ('endpoint', 'sts_endpoint', 'oss_endpoint'):
        url = options.get(option) or ''
        parsed = urlsplit(url)
        if parsed.scheme.lower() == 'http' and not is_loopback(parsed.hostname or ''):
            warnings.append('%s is plain http:// (%s): the access key id and any security token travel in clear, '
                            'and answers can be tampered with on the way; use https://' % (option, url))
    return warnings


class ClientSettings:
    """What every client of the collection is built from: credentials, region, signature, timeouts and retries."""

    def __init__(self, options, session=None):
        if http.requests is None:
            raise OptionError('requests', 'the Python library requests is required on the host that runs this task '
                                          '(pip install requests)')
        if options.get('http_timeout') is not None and options['http_timeout'] <= 0:
            raise OptionError('http_timeout', 'expected a positive number of seconds, got %s' % options['http_timeout'])
        if options.get('max_retries') is not None and options['max_retries'] < 0:
            raise OptionError('max_retries', 'expected 0 or more, got %s' % options['max_retries'])
        check_assume_role(options.get('assume_role'))
        self.session = session or http.requests.Session()
        self.client_options = dict(
            signature_version=options.get('signature_version') or 'v1',
            validate_certs=options.get('validate_certs', True),
            http_timeout=options.get('http_timeout') or DEFAULT_HTTP_TIMEOUT,
            retry_policy=RetryPolicy(DEFAULT_MAX_RETRIES if options.get('max_retries') is None
                                     else options['max_retries']),
            ram_policy=options.get('ram_policy'),
        )
        chain = CredentialChain(options, self.session, self.client_options)
        self.credentials = chain.provider()
        self.region = options.get('region') or chain.region
        if not self.region:
            raise OptionError('region', 'a region id such as cn-hangzhou is required (or ALIBABA_CLOUD_REGION_ID, or '
                                        'region_id in the aliyun CLI profile)')


def ecs_endpoint_type(value):
    """The ECS endpoint of an endpoint_type of the group's one vocabulary: OSS's `internal` is ECS's `vpc`; OSS's
    `accelerate` has no ECS endpoint."""
    if value == 'accelerate':
        raise OptionError('endpoint_type', 'expected public, vpc or internal for the ECS API, got accelerate (OSS '
                                           'transfer acceleration, which only oss_object takes): set it on that '
                                           'module, not for the whole group')
    return {'internal': 'vpc'}.get(value, value or 'public')


def ecs_client(options, session=None):
    """The ECS client for resolved connection options (module params or lookup options).

    Raises OptionError for bad or missing options; makes no API call.
    """
    endpoint_type = ecs_endpoint_type(options.get('endpoint_type'))
    settings = ClientSettings(options, session)

    def endpoint_for(region):
        return rpc.ecs_endpoint(region, options.get('endpoint'), endpoint_type)
    return rpc.RpcClient(endpoint_for(settings.region), rpc.ECS_API_VERSION, settings.credentials,
                         session=settings.session, region=settings.region, endpoint_for=endpoint_for,
                         **settings.client_options)
