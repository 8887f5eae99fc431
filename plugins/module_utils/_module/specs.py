# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The argument specs of the options that several modules share, one function a doc fragment of the same name
(plugins/doc_fragments/); a unit test keeps each pair in step. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import env_fallback

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import DEFAULT_MAX_RETRIES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import TASK_ACTIONS, TASK_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.files import DEFAULT_INTERVAL

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
        endpoint_type=dict(type='str', default='public', choices=['public', 'vpc', 'internal', 'accelerate']),
        oss_endpoint=dict(type='str'),
        sts_endpoint=dict(type='str', fallback=_env('sts_endpoint')),
        metadata_endpoint=dict(type='str', fallback=_env('metadata_endpoint')),
        signature_version=dict(type='str', default='v1', choices=['v1', 'v3']),
        validate_certs=dict(type='bool', default=True),
        http_timeout=dict(type='float', default=DEFAULT_HTTP_TIMEOUT),
        max_retries=dict(type='int', default=DEFAULT_MAX_RETRIES),
        ram_policy=dict(type='str'),
    )


def image_wait_argument_spec():
    """Fragment image_wait: wait, wait_timeout and poll_interval of the image modules."""
    return dict(
        wait=dict(type='bool', default=False),
        wait_timeout=dict(type='float', default=3600),
        poll_interval=dict(type='float', default=10),
    )


def task_query_argument_spec():
    """Fragment task_query: the DescribeTasks filters, and the wait of ecs_task_info and the ecs_task lookup."""
    return dict(
        image_wait_argument_spec(),
        task_action=dict(type='str', choices=list(TASK_ACTIONS)),
        task_ids=dict(type='list', elements='str'),
        resource_ids=dict(type='list', elements='str'),
        task_status=dict(type='str', choices=list(TASK_STATUSES)),
        start_time=dict(type='str'),
        end_time=dict(type='str'),
        progress=dict(type='bool', default=False),
        progress_round=dict(type='int', default=0),
    )


def progress_argument_spec():
    """Fragment progress: the progress lines of long runs."""
    return dict(
        progress_interval=dict(type='int', default=DEFAULT_INTERVAL),
        _progress_file=dict(type='path'),
    )
