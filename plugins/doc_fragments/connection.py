# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    """Connection and credential options: DOCUMENTATION for modules, PLUGINS for lookups.

    Both describe connection_argument_spec() of plugins/module_utils/_module/specs.py; tests/unit/plugins/doc_fragments
    keeps them in step.
    """

    DOCUMENTATION = r'''
options:
  access_key:
    description:
      - Alibaba Cloud access key id.
      - Credentials are taken from the first source that has a key, in this order.
        1. O(access_key) and O(secret_key) (and O(security_token)), or their environment variables
        E(ALIBABA_CLOUD_ACCESS_KEY_ID), E(ALIBABA_CLOUD_ACCESS_KEY_SECRET), E(ALIBABA_CLOUD_SECURITY_TOKEN),
        then E(ALICLOUD_ACCESS_KEY), E(ALICLOUD_SECRET_KEY), E(ALICLOUD_SECURITY_TOKEN).
        2. An aliyun CLI profile (O(profile), or the current profile of O(shared_credentials_file) when that file exists).
        3. The RAM role of the ECS instance running the task (O(ecs_role_name)).
        Then, when O(assume_role) is set, STS AssumeRole with those credentials.
      - If not set, the environment variable E(ALIBABA_CLOUD_ACCESS_KEY_ID), then E(ALICLOUD_ACCESS_KEY), is used.
    type: str
    aliases: [alicloud_access_key, access_key_id]
  secret_key:
    description:
      - Secret of O(access_key). Never logged.
      - If not set, the environment variable E(ALIBABA_CLOUD_ACCESS_KEY_SECRET), then E(ALICLOUD_SECRET_KEY), is used.
    type: str
    aliases: [alicloud_secret_key, access_key_secret]
  security_token:
    description:
      - STS security token, for temporary credentials in O(access_key) and O(secret_key). Never logged.
      - If not set, the environment variable E(ALIBABA_CLOUD_SECURITY_TOKEN), then E(ALICLOUD_SECURITY_TOKEN), is used.
    type: str
    aliases: [alicloud_security_token]
  region:
    description:
      - Region id, for example V(cn-hangzhou).
      - If not set, the environment variable E(ALIBABA_CLOUD_REGION_ID), then E(ALICLOUD_REGION), then the
        C(region_id) of the aliyun CLI profile in use, is used.
    type: str
    aliases: [alicloud_region, region_id]
  profile:
    description:
      - Name of a profile in the aliyun CLI configuration file O(shared_credentials_file).
      - Profile modes C(AK), C(StsToken), C(RamRoleArn), C(EcsRamRole) and C(ChainableRamRoleArn) are supported.
      - If not set, the environment variable E(ALIBABA_CLOUD_PROFILE), then E(ALICLOUD_PROFILE), is used; without
        either, the file's C(current) profile, when the file exists.
    type: str
  shared_credentials_file:
    description:
      - Path of the aliyun CLI configuration file.
      - When not set, C(~/.aliyun/config.json).
    type: path
  ecs_role_name:
    description:
      - Name of the RAM role attached to the ECS instance that runs the task; its temporary credentials come from
        the instance metadata service (hardened mode first) and are refreshed before they expire.
      - If not set, the environment variable E(ALIBABA_CLOUD_ECS_METADATA), then E(ALICLOUD_ECS_ROLE_NAME), is used.
    type: str
  assume_role:
    description:
      - Assume this RAM role with STS AssumeRole, using the credentials found by the chain (STS tokens included).
      - The role's temporary credentials are refreshed before they expire, so long waits outlive them.
    type: dict
    suboptions:
      role_arn:
        description: ARN of the role, for example V(acs:ram::123456789012:role/image-importer).
        type: str
        required: true
      session_name:
        description: Role session name; C(alicloud-ops-ecs) when not set.
        type: str
      duration_seconds:
        description: Lifetime of the temporary credentials, 900 to 43200 seconds.
        type: int
        default: 3600
      external_id:
        description: External id the role's trust policy asks for.
        type: str
      policy:
        description: A policy (JSON text) further limiting the assumed role.
        type: str
  endpoint:
    description:
      - ECS API endpoint, a URL with scheme (V(http://127.0.0.1:8080)) or a host name (which then means https).
      - When not set, the endpoint of O(region) that the official SDKs use (C(ecs.<region>.aliyuncs.com) in most
        regions, C(ecs-vpc.<region>.aliyuncs.com) with O(endpoint_type=vpc)).
    type: str
  endpoint_type:
    description:
      - Which default endpoint to use when O(endpoint) is not set. One vocabulary for every module of the group, so
        that one value can sit in C(module_defaults) for the group.
      - V(public), the endpoint on the internet.
      - V(vpc) and V(internal) both mean the endpoint inside Alibaba Cloud's network (ECS's C(ecs-vpc.<region>),
        OSS's C(oss-<region>-internal)), which a host in ECS reaches without internet traffic.
      - V(accelerate) is OSS transfer acceleration; M(alicloud_ops.ecs.oss_object) takes it, and the ECS modules
        refuse it with an error naming this option.
    type: str
    choices: [public, vpc, internal, accelerate]
    default: public
  oss_endpoint:
    description:
      - OSS endpoint of M(alicloud_ops.ecs.oss_object), a URL or a host name; the ECS modules do not use it, so it can
        sit in C(module_defaults) beside the ECS options.
      - A host that is an IP address or C(localhost) is addressed path-style (C(http://HOST:PORT/BUCKET/KEY)), as the
        official SDKs do (the collection's emulator is reached so); any other host virtual-hosted
        (C(https://BUCKET.HOST/KEY)).
      - When not set, the OSS endpoint of O(region) that O(endpoint_type) names.
    type: str
  sts_endpoint:
    description:
      - STS endpoint for O(assume_role) and C(RamRoleArn) profiles, a URL or a host name.
      - When not set, E(ALIBABA_CLOUD_STS_ENDPOINT), then C(https://sts.aliyuncs.com).
    type: str
  metadata_endpoint:
    description:
      - Instance metadata service for O(ecs_role_name), a URL.
      - When not set, E(ALIBABA_CLOUD_ECS_METADATA_ENDPOINT), then C(http://100.100.100.200).
    type: str
  signature_version:
    description: Request signature, V(v1) (HMAC-SHA1) or V(v3) (ACS3-HMAC-SHA256).
    type: str
    choices: [v1, v3]
    default: v1
  validate_certs:
    description: Whether to verify the endpoint's TLS certificate.
    type: bool
    default: true
  http_timeout:
    description: Seconds to wait for each HTTP answer.
    type: float
    default: 30
  max_retries:
    description:
      - How often a call is retried after throttling (C(Throttling*)), C(ServiceUnavailable), C(InternalError),
        HTTP 500/502/503/504, a network error or a timeout; other errors are never retried.
      - Retries back off exponentially with jitter (0.5 s doubling to at most 20 s) and never run past the wait's
        deadline. So a call is tried at most O(max_retries) + 1 times.
    type: int
    default: 6
  ram_policy:
    description:
      - Where the RAM policy that this access key should hold is written down, such as
        C(docs/permissions/image_distribute.json) of this collection or your own policy's name.
      - When the API refuses a call because the key lacks a permission (C(Forbidden.RAM), OSS C(AccessDenied)), the
        error names the missing action (such as C(ecs:CopyImage)) and this policy. The roles set their own.
    type: str
    version_added: 0.5.0
notes:
  - Requires the Python library C(requests) on the host that runs the task. No Alibaba Cloud SDK is needed.
  - Proxies from the environment (E(HTTPS_PROXY), E(NO_PROXY)) are honoured.
'''

    PLUGINS = r'''
options:
  access_key:
    description:
      - Alibaba Cloud access key id.
      - Credentials are taken from the first source that has a key, in this order.
        1. O(access_key) and O(secret_key) (and O(security_token)), or their variables or environment variables.
        2. An aliyun CLI profile (O(profile), or the current profile of O(shared_credentials_file) when that file exists).
        3. The RAM role of the ECS instance running Ansible (O(ecs_role_name)).
        Then, when O(assume_role) is set, STS AssumeRole with those credentials.
    type: str
    aliases: [alicloud_access_key, access_key_id]
    env:
      - name: ALICLOUD_ACCESS_KEY
      - name: ALIBABA_CLOUD_ACCESS_KEY_ID
    vars:
      - name: alicloud_access_key
  secret_key:
    description: Secret of O(access_key). Never logged.
    type: str
    aliases: [alicloud_secret_key, access_key_secret]
    env:
      - name: ALICLOUD_SECRET_KEY
      - name: ALIBABA_CLOUD_ACCESS_KEY_SECRET
    vars:
      - name: alicloud_secret_key
  security_token:
    description: STS security token, for temporary credentials in O(access_key) and O(secret_key). Never logged.
    type: str
    aliases: [alicloud_security_token]
    env:
      - name: ALICLOUD_SECURITY_TOKEN
      - name: ALIBABA_CLOUD_SECURITY_TOKEN
    vars:
      - name: alicloud_security_token
  region:
    description:
      - Region id, for example V(cn-hangzhou).
      - When not set here, the C(region_id) of the aliyun CLI profile in use.
    type: str
    aliases: [alicloud_region, region_id]
    env:
      - name: ALICLOUD_REGION
      - name: ALIBABA_CLOUD_REGION_ID
    vars:
      - name: alicloud_region
  profile:
    description:
      - Name of a profile in the aliyun CLI configuration file O(shared_credentials_file).
      - Profile modes C(AK), C(StsToken), C(RamRoleArn), C(EcsRamRole) and C(ChainableRamRoleArn) are supported.
      - When not set, the file's C(current) profile, when the file exists.
    type: str
    env:
      - name: ALICLOUD_PROFILE
      - name: ALIBABA_CLOUD_PROFILE
    vars:
      - name: alicloud_profile
  shared_credentials_file:
    description:
      - Path of the aliyun CLI configuration file.
      - When not set, C(~/.aliyun/config.json).
    type: path
    vars:
      - name: alicloud_shared_credentials_file
  ecs_role_name:
    description:
      - Name of the RAM role attached to the ECS instance that runs Ansible; its temporary credentials come from
        the instance metadata service (hardened mode first) and are refreshed before they expire.
    type: str
    env:
      - name: ALICLOUD_ECS_ROLE_NAME
      - name: ALIBABA_CLOUD_ECS_METADATA
    vars:
      - name: alicloud_ecs_role_name
  assume_role:
    description:
      - Assume a RAM role with STS AssumeRole, using the credentials found by the chain (STS tokens included).
      - A dictionary with C(role_arn) (required), C(session_name), C(duration_seconds) (900 to 43200, default 3600),
        C(external_id) and C(policy).
      - The role's temporary credentials are refreshed before they expire, so long waits outlive them.
    type: dict
    vars:
      - name: alicloud_assume_role
  endpoint:
    description:
      - ECS API endpoint, a URL with scheme (V(http://127.0.0.1:8080)) or a host name (which then means https).
      - When not set, the endpoint of O(region) that the official SDKs use.
    type: str
    vars:
      - name: alicloud_endpoint
  endpoint_type:
    description:
      - Which default endpoint to use when O(endpoint) is not set; V(vpc) and V(internal) both mean the endpoint
        inside Alibaba Cloud's network. V(accelerate), OSS transfer acceleration, is refused here.
    type: str
    choices: [public, vpc, internal, accelerate]
    default: public
    vars:
      - name: alicloud_endpoint_type
  oss_endpoint:
    description: OSS endpoint of M(alicloud_ops.ecs.oss_object); not used here, accepted so that the same variables
      serve every plugin and module of the collection.
    type: str
    vars:
      - name: alicloud_oss_endpoint
  sts_endpoint:
    description: STS endpoint for O(assume_role) and C(RamRoleArn) profiles; C(https://sts.aliyuncs.com) when not set.
    type: str
    env:
      - name: ALIBABA_CLOUD_STS_ENDPOINT
    vars:
      - name: alicloud_sts_endpoint
  metadata_endpoint:
    description: Instance metadata service for O(ecs_role_name); C(http://100.100.100.200) when not set.
    type: str
    env:
      - name: ALIBABA_CLOUD_ECS_METADATA_ENDPOINT
    vars:
      - name: alicloud_metadata_endpoint
  signature_version:
    description: Request signature, V(v1) (HMAC-SHA1) or V(v3) (ACS3-HMAC-SHA256).
    type: str
    choices: [v1, v3]
    default: v1
    vars:
      - name: alicloud_signature_version
  validate_certs:
    description: Whether to verify the endpoint's TLS certificate.
    type: bool
    default: true
    vars:
      - name: alicloud_validate_certs
  http_timeout:
    description: Seconds to wait for each HTTP answer.
    type: float
    default: 30
    vars:
      - name: alicloud_http_timeout
  max_retries:
    description:
      - How often a call is retried after throttling, C(ServiceUnavailable), C(InternalError), HTTP 500/502/503/504,
        a network error or a timeout (exponential backoff with jitter, never past the wait's deadline).
    type: int
    default: 6
    vars:
      - name: alicloud_max_retries
  ram_policy:
    description:
      - Where the RAM policy that this access key should hold is written down; an error for a missing permission
        names the action and this policy.
    type: str
    version_added: 0.5.0
    vars:
      - name: alicloud_ram_policy
notes:
  - Environment variables are listed lowest precedence first; the C(ALIBABA_CLOUD_*) names win over the C(ALICLOUD_*) ones.
'''
