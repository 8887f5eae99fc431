# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The credential chain, end to end against the emulator's STS and instance metadata endpoints."""

from __future__ import absolute_import, division, print_function

import json

import pytest
import requests

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.credentials import (
    Credentials, RefreshingProvider)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError

ROLE_ARN = 'acs:ram::1234567890123456:role/image-importer'


def options(emulator, **overrides):
    base = dict(region='cn-hangzhou', endpoint=emulator.url, sts_endpoint=emulator.url,
                metadata_endpoint=emulator.url, http_timeout=5, max_retries=0)
    base.update(overrides)
    return base


def describe(client):
    return client.call('DescribeTasks', {'RegionId': client.region, 'TaskAction': 'ImportImage'})


def write_profiles(tmp_path, profiles, current='default'):
    path = tmp_path / 'config.json'
    path.write_text(json.dumps({'current': current, 'profiles': profiles}))
    return str(path)


def test_keys_from_options(emulator):
    client = ecs_client(options(emulator, access_key='emulator-access-key', secret_key='emulator-secret'))
    assert 'RequestId' in describe(client)
    assert emulator.requests()['requests'][-1]['access_key_id'] == 'emulator-access-key'


def test_half_a_key_pair_is_refused_naming_the_missing_option(emulator):
    with pytest.raises(OptionError, match='^secret_key: '):
        ecs_client(options(emulator, access_key='emulator-access-key'))
    assert emulator.requests()['count'] == 0


def test_options_win_over_a_profile(emulator, tmp_path):
    path = write_profiles(tmp_path, [{'name': 'default', 'mode': 'AK', 'access_key_id': 'from-profile',
                                      'access_key_secret': 'x'}])
    client = ecs_client(options(emulator, access_key='emulator-access-key', secret_key='emulator-secret',
                                shared_credentials_file=path))
    assert client.credentials.get().access_key_id == 'emulator-access-key'


def test_profile_ak_mode_and_its_region(emulator, tmp_path):
    path = write_profiles(tmp_path, [{'name': 'default', 'mode': 'AK', 'access_key_id': 'emulator-access-key',
                                      'access_key_secret': 'emulator-secret', 'region_id': 'cn-shanghai'}])
    client = ecs_client(options(emulator, region=None, shared_credentials_file=path))
    assert client.region == 'cn-shanghai'
    assert describe(client)['RegionId'] == 'cn-shanghai'


def test_profile_chosen_by_name_over_current(emulator, tmp_path):
    path = write_profiles(tmp_path, [
        {'name': 'default', 'mode': 'AK', 'access_key_id': 'wrong', 'access_key_secret': 'wrong'},
        {'name': 'builder', 'mode': 'AK', 'access_key_id': 'emulator-access-key', 'access_key_secret': 'emulator-secret'},
    ])
    assert 'RequestId' in describe(ecs_client(options(emulator, profile='builder', shared_credentials_file=path)))


def test_profile_sts_token_mode(emulator, tmp_path):
    emulator.control('POST', 'keys', {'id': 'STS.fixed', 'secret': 'sts-secret', 'token': 'sts-token'})
    path = write_profiles(tmp_path, [{'name': 'default', 'mode': 'StsToken', 'access_key_id': 'STS.fixed',
                                      'access_key_secret': 'sts-secret', 'sts_token': 'sts-token'}])
    assert 'RequestId' in describe(ecs_client(options(emulator, shared_credentials_file=path)))


def test_profile_ram_role_arn_mode_assumes_the_role(emulator, tmp_path):
    path = write_profiles(tmp_path, [{'name': 'default', 'mode': 'RamRoleArn', 'access_key_id': 'emulator-access-key',
                                      'access_key_secret': 'emulator-secret', 'ram_role_arn': ROLE_ARN,
                                      'ram_session_name': 'unit', 'expired_seconds': 900}])
    client = ecs_client(options(emulator, shared_credentials_file=path))
    describe(client)
    log = emulator.requests()['requests']
    assert [e['action'] for e in log] == ['AssumeRole', 'DescribeTasks']
    assert log[0]['access_key_id'] == 'emulator-access-key' and log[1]['access_key_id'].startswith('STS.')


def test_profile_chainable_ram_role_arn_uses_its_source_profile(emulator, tmp_path):
    path = write_profiles(tmp_path, [
        {'name': 'base', 'mode': 'AK', 'access_key_id': 'emulator-access-key', 'access_key_secret': 'emulator-secret'},
        {'name': 'default', 'mode': 'ChainableRamRoleArn', 'source_profile': 'base', 'ram_role_arn': ROLE_ARN},
    ])
    describe(ecs_client(options(emulator, shared_credentials_file=path)))
    assert [e['action'] for e in emulator.requests()['requests']] == ['AssumeRole', 'DescribeTasks']


def test_profile_ecs_ram_role_mode_uses_instance_metadata(emulator, tmp_path):
    path = write_profiles(tmp_path, [{'name': 'default', 'mode': 'EcsRamRole', 'ram_role_name': 'emulator-ecs-role'}])
    describe(ecs_client(options(emulator, shared_credentials_file=path)))
    assert [e['action'] for e in emulator.requests()['requests']] == ['Metadata', 'Metadata', 'DescribeTasks']


@pytest.mark.parametrize('content, message', [
    ('{not json', 'is not valid'),
    ('{"profiles": [{"mode": "AK"}]}', 'is not valid'),
    ('{"profiles": [{"name": "default", "mode": "OIDC"}]}', "mode 'OIDC'"),
    ('{"profiles": [{"name": "default", "mode": "AK"}]}', 'no access_key_id'),
    ('{"profiles": [{"name": "other", "mode": "AK"}]}', "no profile 'default'"),
    ('{"profiles": [{"name": "default", "mode": "EcsRamRole"}]}', 'no ram_role_name'),
    ('{"profiles": [{"name": "default", "mode": "RamRoleArn", "access_key_id": "a", "access_key_secret": "b", '
     '"ram_role_arn": "acs:ram::1:role/r", "expired_seconds": "soon"}]}', 'expected 900 to 43200 seconds'),
    ('{"profiles": [{"name": "default", "mode": "ChainableRamRoleArn", "source_profile": "default"}]}',
     'source_profile loop'),
])
def test_broken_profile_files_are_refused_before_any_call(emulator, tmp_path, content, message):
    path = tmp_path / 'config.json'
    path.write_text(content)
    with pytest.raises(OptionError, match=message):
        ecs_client(options(emulator, shared_credentials_file=str(path)))
    assert emulator.requests()['count'] == 0


def test_unknown_profile_and_missing_file_name_the_option(emulator, tmp_path):
    with pytest.raises(OptionError, match="^profile: cannot read"):
        ecs_client(options(emulator, profile='prod', shared_credentials_file=str(tmp_path / 'absent.json')))
    path = write_profiles(tmp_path, [{'name': 'default', 'mode': 'AK', 'access_key_id': 'a', 'access_key_secret': 'b'}])
    with pytest.raises(OptionError, match=r"^profile: no profile 'prod' .*profiles there: default"):
        ecs_client(options(emulator, profile='prod', shared_credentials_file=path))


def test_without_any_source_the_error_lists_the_sources(emulator, tmp_path):
    with pytest.raises(OptionError, match='no credentials found'):
        ecs_client(options(emulator, shared_credentials_file=str(tmp_path / 'absent.json')))


@pytest.mark.parametrize('metadata_mode, token_status', [
    ('hardened', 200),  # the hardened-mode token is used
    ('plain', 404),  # without a token service, a plain GET
])
def test_ecs_role_asks_for_a_metadata_token_first(emulator, tmp_path, metadata_mode, token_status):
    emulator.control('POST', 'config', {'metadata_mode': metadata_mode})
    client = ecs_client(options(emulator, ecs_role_name='emulator-ecs-role',
                                shared_credentials_file=str(tmp_path / 'absent.json')))
    describe(client)
    log = emulator.requests()['requests']
    assert [(e['method'], e['status']) for e in log[:2]] == [('PUT', token_status), ('GET', 200)]


def test_unknown_ecs_role_is_a_clear_error(emulator, tmp_path):
    client = ecs_client(options(emulator, ecs_role_name='no-such-role',
                                shared_credentials_file=str(tmp_path / 'absent.json')))
    with pytest.raises(ApiError, match="no credentials for ecs_role_name 'no-such-role'"):
        describe(client)


def test_assume_role_with_an_sts_token_as_source_keeps_the_token(emulator):
    emulator.control('POST', 'keys', {'id': 'STS.source', 'secret': 'source-secret', 'token': 'source-token'})
    client = ecs_client(options(emulator, access_key='STS.source', secret_key='source-secret',
                                security_token='source-token', assume_role=dict(role_arn=ROLE_ARN)))
    describe(client)
    log = emulator.requests()['requests']
    assert [(e['action'], e['code']) for e in log] == [('AssumeRole', 'OK'), ('DescribeTasks', 'OK')]


@pytest.mark.parametrize('assume_role, option', [
    (dict(role_arn=ROLE_ARN, duration_seconds=60), 'assume_role.duration_seconds'),
    (dict(role_arn=''), 'assume_role.role_arn'),
    (dict(role_arn=ROLE_ARN, duration_seconds='an hour'), 'assume_role.duration_seconds'),
])
def test_bad_assume_role_is_refused(emulator, assume_role, option):
    with pytest.raises(OptionError, match='^' + option.replace('.', r'\.')):
        ecs_client(options(emulator, access_key='a', secret_key='b', assume_role=assume_role))


def test_temporary_credentials_are_refreshed_before_they_expire():
    class Counting(RefreshingProvider):
        fetched = 0

        def fetch(self):
            Counting.fetched += 1
            return Credentials('STS.%d' % self.fetched, 's', 't', expiration=clock[0] + 900)

    clock = [1000.0]
    provider = Counting(now=lambda: clock[0])
    assert provider.get().access_key_id == 'STS.1'
    clock[0] += 700  # 200 s left of 900: still more than a fifth
    assert provider.get().access_key_id == 'STS.1'
    clock[0] += 30  # 170 s left: less than a fifth (180 s), refresh
    assert provider.get().access_key_id == 'STS.2'


def test_assumed_role_credentials_are_refreshed_end_to_end(emulator_factory, monkeypatch):
    emulator = emulator_factory({'sts_token_seconds': 900})
    clock = [0.0]
    monkeypatch.setattr('time.time', lambda real=__import__('time').time: real() + clock[0])
    client = ecs_client(options(emulator, access_key='emulator-access-key', secret_key='emulator-secret',
                                assume_role=dict(role_arn=ROLE_ARN, duration_seconds=900)))
    describe(client)
    first_key = client.credentials.get().access_key_id
    clock[0] = 800.0  # on our side most of the 15 minutes have passed
    describe(client)
    assert client.credentials.get().access_key_id != first_key
    assert [e['action'] for e in emulator.requests()['requests']] == [
        'AssumeRole', 'DescribeTasks', 'AssumeRole', 'DescribeTasks']


def test_credentials_repr_hides_secrets():
    text = repr(Credentials('AKID', 'top-secret', 'the-token', 1.0))
    assert 'AKID' in text and 'top-secret' not in text and 'the-token' not in text


def test_metadata_service_unreachable_is_a_network_error(tmp_path):
    client = ecs_client(dict(region='cn-hangzhou', ecs_role_name='r', metadata_endpoint='http://127.0.0.1:9',
                             shared_credentials_file=str(tmp_path / 'absent.json'), max_retries=0),
                        session=requests.Session())
    with pytest.raises(ApiError, match='could not reach the instance metadata service'):
        describe(client)
