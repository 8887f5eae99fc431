# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Connection options shared by every module and plugin, and the ECS client built from them.

The module argument spec below and the doc fragment alicloud_ops.ecs.connection describe the same options;
a unit test keeps them in step. Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
from urllib.parse import urlsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api import oss as _oss_client, rpc as _client
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.credentials import CredentialChain
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import DEFAULT_MAX_RETRIES, RetryPolicy

# Environment variables read for an option that is not set, first one set wins.
ENVIRONMENT = {
    'access_key': ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY'],
    'secret_key': ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECRET_KEY'],
    'security_token': ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN'],
    'region': ['ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION'],
    'profile': ['ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE'],
    'ecs_role_name': ['ALIBABA_CLOUD_ECS_METADATA', 'ALICLOUD_ECS_ROLE_NAME'],
    'sts_endpoint': ['ALIBABA_CLOUD_STS_ENDPOINT'],
    'metadata_endpoint': ['ALIBABA_CLOUD_ECS_METADATA_ENDPOINT'],
}

DEFAULT_HTTP_TIMEOUT = 30


def _env(name):
    return (env_fallback, ENVIRONMENT[name])


def connection_argument_spec():
    """Argument spec of the connection options, for AnsibleModule."""
    return dict(
        access_key=dict(type='str', no_log=False, aliases=['alicloud_access_key', 'access_key_id'],
                        fallback=_env('access_key')),
        secret_key=dict(type='str', no_log=True, aliases=['alicloud_secret_key', 'access_key_secret'],
                        fallback=_env('secret_key')),
        security_token=dict(type='str', no_log=True, aliases=['alicloud_security_token'],
                            fallback=_env('security_token')),
        region=dict(type='str', aliases=['alicloud_region', 'region_id'], fallback=_env('region')),
        profile=dict(type='str', fallback=_env('profile')),
        shared_credentials_file=dict(type='path'),
        ecs_role_name=dict(type='str', fallback=_env('ecs_role_name')),
        assume_role=dict(type='dict', options=dict(
            role_arn=dict(type='str', required=True),
            session_name=dict(type='str'),
            duration_seconds=dict(type='int', default=3600),
            external_id=dict(type='str'),
            policy=dict(type='str'),
        )),
        endpoint=dict(type='str'),
        endpoint_type=dict(type='str', default='public', choices=['public', 'vpc']),
        oss_endpoint=dict(type='str'),
        sts_endpoint=dict(type='str', fallback=_env('sts_endpoint')),
        metadata_endpoint=dict(type='str', fallback=_env('metadata_endpoint')),
        signature_version=dict(type='str', default='v1', choices=['v1', 'v3']),
        validate_certs=dict(type='bool', default=True),
        http_timeout=dict(type='float', default=DEFAULT_HTTP_TIMEOUT),
        max_retries=dict(type='int', default=DEFAULT_MAX_RETRIES),
    )


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
        if _client.requests is None:
            raise OptionError('requests', 'the Python library requests is required on the host that runs this task '
                                          '(pip install requests)')
        if options.get('http_timeout') is not None and options['http_timeout'] <= 0:
            raise OptionError('http_timeout', 'expected a positive number of seconds, got %s' % options['http_timeout'])
        if options.get('max_retries') is not None and options['max_retries'] < 0:
            raise OptionError('max_retries', 'expected 0 or more, got %s' % options['max_retries'])
        check_assume_role(options.get('assume_role'))
        self.session = session or _client.requests.Session()
        self.client_options = dict(
            signature_version=options.get('signature_version') or 'v1',
            validate_certs=options.get('validate_certs', True),
            http_timeout=options.get('http_timeout') or DEFAULT_HTTP_TIMEOUT,
            retry_policy=RetryPolicy(DEFAULT_MAX_RETRIES if options.get('max_retries') is None
                                     else options['max_retries']),
        )
        chain = CredentialChain(options, self.session, self.client_options)
        self.credentials = chain.provider()
        self.region = options.get('region') or chain.region
        if not self.region:
            raise OptionError('region', 'a region id such as cn-hangzhou is required (or ALIBABA_CLOUD_REGION_ID, or '
                                        'region_id in the aliyun CLI profile)')


def ecs_client(options, session=None):
    """The ECS client for resolved connection options (module params or lookup options).

    Raises OptionError for bad or missing options; makes no API call.
    """
    settings = ClientSettings(options, session)

    def endpoint_for(region):
        return _client.ecs_endpoint(region, options.get('endpoint'), options.get('endpoint_type') or 'public')
    return _client.RpcClient(endpoint_for(settings.region), _client.ECS_API_VERSION, settings.credentials,
                             session=settings.session, region=settings.region, endpoint_for=endpoint_for,
                             **settings.client_options)


def oss_client(options, session=None):
    """The OSS client for resolved connection options and those of oss_object (oss_endpoint, endpoint_type,
    parallel). Raises OptionError for bad or missing options; makes no API call."""
    settings = ClientSettings(options, session)
    endpoint_type = {'vpc': 'internal'}.get(options.get('endpoint_type'), options.get('endpoint_type') or 'public')
    endpoint, path_style = _oss_client.oss_endpoint(settings.region, options.get('oss_endpoint'), endpoint_type)
    client_options = dict(settings.client_options)
    del client_options['signature_version']  # OSS is signed with V4 only
    return _oss_client.OssClient(endpoint, path_style, settings.region, settings.credentials, session=settings.session,
                                 pool_size=options.get('parallel') or _oss_client.DEFAULT_PARALLEL, **client_options)
