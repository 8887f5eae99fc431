# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The credential chain: options and environment, aliyun CLI profile, ECS RAM role, then STS AssumeRole.

Temporary credentials are fetched lazily and refreshed before they expire. Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import json
import os
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.http import Endpoint, normalize_endpoint
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.rpc import STS_API_VERSION, RpcClient

DEFAULT_PROFILE_FILE = '~/.aliyun/config.json'
DEFAULT_STS_ENDPOINT = 'https://sts.aliyuncs.com'
DEFAULT_METADATA_ENDPOINT = 'http://100.100.100.200'
METADATA_TIMEOUT = 2
METADATA_TOKEN_TTL = 21600
DEFAULT_SESSION_NAME = 'alicloud-ops-ecs'
EXPIRATION_FORMAT = '%Y-%m-%dT%H:%M:%SZ'


class Credentials:
    """An access key, its secret and, for temporary credentials, the token and expiry (epoch seconds)."""

    __slots__ = ('access_key_id', 'access_key_secret', 'security_token', 'expiration')

    def __init__(self, access_key_id, access_key_secret, security_token=None, expiration=None):
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.security_token = security_token
        self.expiration = expiration

    def __repr__(self):
        return 'Credentials(access_key_id=%r, access_key_secret=<hidden>, security_token=%s, expiration=%r)' % (
            self.access_key_id, '<hidden>' if self.security_token else None, self.expiration)


class StaticProvider:
    """Credentials that never change (keys, or an STS token the user refreshes)."""

    refreshable = False

    def __init__(self, credentials, source):
        self._credentials = credentials
        self.source = source

    def get(self):
        return self._credentials

    def invalidate(self):
        pass


class RefreshingProvider:
    """Temporary credentials, fetched on first use and again once most of their life has passed."""

    refreshable = True
    source = ''

    def __init__(self, now=None):
        self._now = now or time.time
        self._credentials = None
        self._refresh_at = None

    def get(self):
        if self._credentials is None or self._now() >= self._refresh_at:
            fetched_at = self._now()
            self._credentials = self.fetch()
            lifetime = max(0, self._credentials.expiration - fetched_at)
            # Refresh with a fifth of the lifetime left (at most 5 minutes early): a 15-minute token is
            # replaced after 12 minutes, well before a request signed with it could be refused.
            self._refresh_at = self._credentials.expiration - min(300, lifetime / 5)
        return self._credentials

    def invalidate(self):
        self._credentials = None

    def fetch(self):
        raise NotImplementedError


def parse_expiration(value, source):
    try:
        return calendar.timegm(time.strptime(value, EXPIRATION_FORMAT))
    except (TypeError, ValueError):
        raise ApiError('InvalidCredentials', '%s returned an expiration that is not %s: %r'
                       % (source, EXPIRATION_FORMAT, value))


class EcsRoleProvider(RefreshingProvider):
    """The RAM role of the ECS instance this runs on, from the instance metadata service.

    Hardened mode first (a session token from PUT /latest/api/token), plain GETs when that fails.
    """

    def __init__(self, role_name, session, metadata_endpoint=DEFAULT_METADATA_ENDPOINT, now=None):
        super(EcsRoleProvider, self).__init__(now)
        self.role_name = role_name
        self.metadata_endpoint = metadata_endpoint
        self._http = Endpoint(metadata_endpoint, session, http_timeout=METADATA_TIMEOUT)
        self.source = 'ECS RAM role %s' % role_name

    def _get(self, method, path, headers):
        return self._http.send(method, self.metadata_endpoint + path, headers, b'', lambda answer: answer.content)

    def _metadata_token(self):
        try:
            response, content = self._get('PUT', '/latest/api/token',
                                          {'X-aliyun-ecs-metadata-token-ttl-seconds': str(METADATA_TOKEN_TTL)})
        except ApiError:
            return None  # no hardened mode here: plain GETs
        return content.decode('utf-8', 'replace') if response.status_code == 200 else None

    def fetch(self):
        token = self._metadata_token()
        headers = {'X-aliyun-ecs-metadata-token': token} if token else {}
        try:
            response, content = self._get('GET', '/latest/meta-data/ram/security-credentials/' + self.role_name,
                                          headers)
        except ApiError as error:
            raise ApiError(error.code, 'could not reach the instance metadata service at %s for ecs_role_name %r '
                           '(is this an ECS instance?): %s' % (self.metadata_endpoint, self.role_name, error.message))
        try:
            document = json.loads(content)
        except ValueError:
            document = None
        if not isinstance(document, dict) or document.get('Code') != 'Success':
            raise ApiError('InvalidCredentials', 'the instance metadata service has no credentials for ecs_role_name '
                           '%r (HTTP %d)' % (self.role_name, response.status_code), http_status=response.status_code)
        return Credentials(document.get('AccessKeyId'), document.get('AccessKeySecret'), document.get('SecurityToken'),
                           parse_expiration(document.get('Expiration'), 'the instance metadata service'))


class AssumeRoleProvider(RefreshingProvider):
    """STS AssumeRole signed with whatever the source provider holds (STS tokens included)."""

    def __init__(self, source, role_arn, sts_client_factory, session_name=None, duration_seconds=3600,
                 external_id=None, policy=None, now=None):
        super(AssumeRoleProvider, self).__init__(now)
        self.source_provider = source
        self.role_arn = role_arn
        self.session_name = session_name or DEFAULT_SESSION_NAME
        self.duration_seconds = duration_seconds
        self.external_id = external_id
        self.policy = policy
        self.sts = sts_client_factory(source)
        self.source = 'role %s assumed with %s' % (role_arn, source.source)

    def fetch(self):
        params = dict(RoleArn=self.role_arn, RoleSessionName=self.session_name,
                      DurationSeconds=str(self.duration_seconds))
        if self.external_id:
            params['ExternalId'] = self.external_id
        if self.policy:
            params['Policy'] = self.policy
        answer = self.sts.call('AssumeRole', params).get('Credentials') or {}
        return Credentials(answer.get('AccessKeyId'), answer.get('AccessKeySecret'), answer.get('SecurityToken'),
                           parse_expiration(answer.get('Expiration'), 'STS AssumeRole'))


class CredentialChain:
    """Builds the provider for a set of connection options; `region` is the region the profile names, if any."""

    def __init__(self, options, session, client_options):
        self.options = options
        self.session = session
        self.client_options = client_options  # signature, timeouts and retries for the STS client
        self.region = None

    def provider(self):
        source = self._source()
        assume_role = self.options.get('assume_role')
        if assume_role:
            source = self._assume_role(source, assume_role['role_arn'], assume_role.get('session_name'),
                                       assume_role.get('duration_seconds') or 3600, assume_role.get('external_id'),
                                       assume_role.get('policy'))
        return source

    def _source(self):
        options = self.options
        if options.get('access_key') or options.get('secret_key'):
            if not (options.get('access_key') and options.get('secret_key')):
                missing = 'secret_key' if options.get('access_key') else 'access_key'
                raise OptionError(missing, 'access_key and secret_key go together; %s is missing (also read from '
                                           'the ALIBABA_CLOUD_* and ALICLOUD_* environment variables)' % missing)
            return StaticProvider(Credentials(options['access_key'], options['secret_key'],
                                              options.get('security_token')), 'access_key option or environment')
        profile = self._profile_provider()
        if profile:
            return profile
        if options.get('ecs_role_name'):
            return self._ecs_role(options['ecs_role_name'])
        raise OptionError('access_key', 'no credentials found: set access_key and secret_key (or the '
                                        'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET environment '
                                        'variables), an aliyun CLI profile, or ecs_role_name')

    def _ecs_role(self, role_name):
        endpoint = normalize_endpoint(self.options.get('metadata_endpoint') or DEFAULT_METADATA_ENDPOINT,
                                      'metadata_endpoint')
        return EcsRoleProvider(role_name, self.session, endpoint)

    def _assume_role(self, source, role_arn, session_name, duration_seconds, external_id, policy):
        if not role_arn:
            raise OptionError('assume_role.role_arn', 'the ARN of the role to assume is required, such as '
                                                      'acs:ram::123456789012:role/image-importer')
        try:
            seconds = int(duration_seconds)
        except (TypeError, ValueError):
            seconds = None
        if seconds is None or not 900 <= seconds <= 43200:
            raise OptionError('assume_role.duration_seconds', 'expected 900 to 43200 seconds, got %r'
                              % (duration_seconds,))
        endpoint = normalize_endpoint(self.options.get('sts_endpoint') or DEFAULT_STS_ENDPOINT, 'sts_endpoint')

        def sts_client(provider):
            return RpcClient(endpoint, STS_API_VERSION, provider, session=self.session, **self.client_options)
        return AssumeRoleProvider(source, role_arn, sts_client, session_name, seconds, external_id, policy)

    def _profile_provider(self):
        name = self.options.get('profile')
        path = os.path.expanduser(self.options.get('shared_credentials_file') or DEFAULT_PROFILE_FILE)
        if not name and not os.path.exists(path):
            return None
        option = 'profile' if name else 'shared_credentials_file'
        try:
            with open(path) as handle:
                config = json.load(handle)
            profiles = dict((p['name'], p) for p in config.get('profiles') or [])
        except (IOError, OSError) as exc:
            raise OptionError(option, 'cannot read the aliyun CLI config file %s: %s' % (path, exc.strerror))
        except (ValueError, TypeError, KeyError, AttributeError):
            raise OptionError(option, 'the aliyun CLI config file %s is not valid: expected JSON like '
                                      '{"current": "default", "profiles": [{"name": "default", "mode": "AK", ...}]}'
                              % path)
        name = name or config.get('current') or 'default'
        return self._from_profile(profiles, name, path, seen=())

    def _from_profile(self, profiles, name, path, seen):
        if name not in profiles:
            raise OptionError('profile', 'no profile %r in %s (profiles there: %s)'
                              % (name, path, ', '.join(sorted(profiles)) or 'none'))
        if name in seen:
            raise OptionError('profile', 'profile %r in %s takes its credentials from itself (source_profile loop)'
                              % (name, path))
        profile = profiles[name]
        if self.region is None and profile.get('region_id'):
            self.region = profile['region_id']
        mode = profile.get('mode') or 'AK'
        source = 'aliyun CLI profile %s' % name
        if mode in ('AK', 'StsToken', 'RamRoleArn'):
            if not (profile.get('access_key_id') and profile.get('access_key_secret')):
                raise OptionError('profile', 'profile %r in %s has no access_key_id/access_key_secret' % (name, path))
            static = StaticProvider(Credentials(profile['access_key_id'], profile['access_key_secret'],
                                                profile.get('sts_token') if mode == 'StsToken' else None), source)
            if mode != 'RamRoleArn':
                return static
            return self._profile_role(static, profile)
        if mode == 'EcsRamRole':
            if not profile.get('ram_role_name'):
                raise OptionError('profile', 'profile %r in %s has mode EcsRamRole but no ram_role_name' % (name, path))
            return self._ecs_role(profile['ram_role_name'])
        if mode == 'ChainableRamRoleArn':
            parent = self._from_profile(profiles, profile.get('source_profile'), path, seen + (name,))
            return self._profile_role(parent, profile)
        raise OptionError('profile', 'profile %r in %s has mode %r; supported modes: AK, StsToken, RamRoleArn, '
                                     'EcsRamRole, ChainableRamRoleArn' % (name, path, mode))

    def _profile_role(self, source, profile):
        return self._assume_role(source, profile.get('ram_role_arn'), profile.get('ram_session_name'),
                                 profile.get('expired_seconds') or 3600, profile.get('external_id'),
                                 profile.get('policy'))
