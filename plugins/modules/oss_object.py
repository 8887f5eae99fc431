#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: oss_object
short_description: Upload a file to Alibaba Cloud OSS or download one, of any size, resumable and verified
version_added: 0.3.0
description:
  - Moves one file between the host that runs the task and an OSS object, such as a disk image to import with
    M(alicloud_ops.ecs.ecs_image_import) or one that M(alicloud_ops.ecs.ecs_image_export) wrote.
  - B(Upload) (O(src)). A file of one part goes in one C(PutObject), a larger one in a multipart upload with
    O(parallel) parts in flight, so files over 5 GB work. Every body carries C(Content-MD5), which OSS checks;
    the CRC-64 OSS answers for each part, then for the object, is compared with the file's. A part that OSS
    received damaged (C(InvalidDigest)) is sent again; a CRC-64 that differs fails the task, naming the part.
  - B(Resume). A run that was interrupted (killed, network gone, a timeout) leaves its multipart upload in OSS.
    The next run of the same file to the same key continues it and sends only the parts that are missing. OSS is
    the record; each part it holds is checked against the file (size and MD5) before it is kept, and an upload of
    a file that has changed since is never completed into a mixed object. No state file is kept.
  - B(Two jobs at once). An unfinished upload of another file is aborted only once it is a day old; a younger one may
    be another job's, still being sent. Two runs of the same file to the same key share one upload; whichever
    completes it, the other finds the object is this file and succeeds.
  - A run that fails part-way returns the RV(upload_id) it leaves for the next run; unfinished uploads cost
    storage until they are resumed or aborted (O(state=absent) aborts them).
  - B(Download) (O(dest)). Ranged GETs in parallel write a temporary file beside O(dest), which replaces O(dest)
    only once its CRC-64 is the object's. An interrupted or failed download never leaves a partial O(dest) and
    never touches the old one; the next run keeps the ranges of the temporary file that are complete (each checked
    again).
  - B(Delete) (O(state=absent)). Deletes the object and aborts the unfinished multipart uploads of its key.
  - Signed with OSS signature V4 (C(OSS4-HMAC-SHA256)), with the collection's credentials (options, environment,
    aliyun CLI profile, ECS RAM role, assumed role) and its retry policy (throttling, 5xx, resets and timeouts,
    each try signed anew). Memory stays near O(part_size) times (O(parallel) + 1), whatever the size of the file.
  - Needs the Python library C(anycrc) (CRC-64 with a C core) on the host that runs the task.
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  bucket:
    description:
      - Name of the bucket, 3 to 63 lower-case letters, digits and hyphens. It must be in O(region).
    type: str
    required: true
  object:
    description:
      - Key of the object, 1 to 1023 bytes, not starting with C(/) or C(\).
    type: str
    required: true
  src:
    description:
      - A file on the host that runs the task, to upload. Use C(delegate_to) to upload from the host that holds it.
      - Excludes O(dest).
    type: path
  dest:
    description:
      - A path on the host that runs the task to download the object to. Its directory must exist.
      - Excludes O(src).
    type: path
  state:
    description:
      - V(present) uploads O(src) or downloads to O(dest).
      - V(absent) deletes the object and aborts the unfinished multipart uploads of its key.
    type: str
    choices: [present, absent]
    default: present
  overwrite:
    description:
      - V(different) transfers only when the size or the CRC-64 (or, for uploads, the O(metadata)) differ between
        the file and the object; an unchanged re-run sends one C(HeadObject) and no data.
      - V(always) transfers whatever is there.
      - V(never) transfers only when the object (upload) or O(dest) (download) does not exist.
    type: str
    choices: [different, always, never]
    default: different
  part_size:
    description:
      - Size of a part, as bytes or a human-readable size such as V(16MB) (1024-based), from V(100KB) to V(5GB).
      - When not set, at least 8 MiB and large enough for at most 10,000 parts (20 MiB parts for 200 GB).
      - An upload resumes only with the part size it started with.
    type: bytes
  parallel:
    description:
      - Parts in flight at once, 1 to 32 (a file of fewer parts uses fewer).
      - The default, 16, was chosen by a sweep of 1 to 16 with 8 MiB parts, on loopback and on links of 30 ms and
        100 ms round trips with each connection capped, as on the internet (C(docs/benchmarks.md)). On the capped
        links throughput grows with every part in flight (136 MiB/s at 16 against 80 at 8 through the 30 ms link);
        on loopback, where the CPU is the limit, 16 is as fast as 8. On a small machine with a slow link, 4 or 8 save
        memory at little cost.
      - Memory stays near O(part_size) times (O(parallel) + 1), 136 MiB of buffers at the defaults for any file of
        128 MiB or more, whatever its size.
    type: int
    default: 16
  endpoint_type:
    description:
      - Which OSS endpoint to use when O(oss_endpoint) is not set.
      - V(public) is C(oss-<region>.aliyuncs.com), over HTTPS.
      - V(internal) is C(oss-<region>-internal.aliyuncs.com), reachable only from ECS in the region of the bucket,
        where its traffic is free. V(vpc), which the ECS modules take, means the same.
      - V(accelerate) is C(oss-accelerate.aliyuncs.com); transfer acceleration must be on for the bucket.
    type: str
    choices: [public, internal, accelerate, vpc]
    default: public
  metadata:
    description:
      - User metadata of an upload, sent as C(x-oss-meta-<name>) headers. Names of letters, digits, C(-) and C(_)
        (OSS keeps them in lower case); values of printable ASCII; 8 KB at most in all.
    type: dict
extends_documentation_fragment:
  - alicloud_ops.ecs.progress
  - alicloud_ops.ecs.connection
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details:
      - Reads the object (C(HeadObject)) and the file, and reports whether a transfer or a deletion would happen;
        moves and deletes nothing.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
notes:
  - The RAM permissions an upload needs are C(oss:PutObject), C(oss:ListMultipartUploads), C(oss:ListParts) and
    C(oss:AbortMultipartUpload); a download C(oss:GetObject); a deletion C(oss:DeleteObject),
    C(oss:ListMultipartUploads) and C(oss:AbortMultipartUpload).
  - The O(endpoint) option is the ECS endpoint and is not used here; O(oss_endpoint) is.
seealso:
  - module: alicloud_ops.ecs.ecs_image_import
  - module: alicloud_ops.ecs.ecs_image_export
  - name: Multipart upload in OSS
    description: How OSS takes large objects in parts.
    link: https://www.alibabacloud.com/help/en/oss/user-guide/multipart-upload
'''

EXAMPLES = r'''
- name: Upload a disk image from the build host (resumes an interrupted upload of the same file)
  alicloud_ops.ecs.oss_object:
    region: cn-hangzhou
    bucket: image-builds-cn-hangzhou
    object: images/golden-2026-12.qcow2
    src: /var/lib/builds/golden.qcow2
  delegate_to: build-host

- name: A long upload without holding the play's connection, from ECS over the free internal endpoint
  alicloud_ops.ecs.oss_object:
    region: cn-hangzhou
    bucket: image-builds-cn-hangzhou
    object: images/data-100g.raw
    src: /data/data-100g.raw
    endpoint_type: internal
    part_size: 64MB
    parallel: 8
  async: 14400
  poll: 30

- name: Download the file an export wrote
  alicloud_ops.ecs.oss_object:
    region: cn-hangzhou
    bucket: image-exports-cn-hangzhou
    object: golden_m-bp1g7004ksh0oeuc_t-bp1hvgwromzv32iq.qcow2
    dest: /srv/images/golden.qcow2

- name: Delete the uploaded file and any unfinished upload of its key
  alicloud_ops.ecs.oss_object:
    region: cn-hangzhou
    bucket: image-builds-cn-hangzhou
    object: images/golden-2026-12.qcow2
    state: absent
'''

RETURN = r'''
bucket:
  description: The bucket.
  returned: always
  type: str
object:
  description: The key of the object.
  returned: always
  type: str
size:
  description: Size of the file and the object, in bytes.
  returned: when a file or an object was found
  type: int
  sample: 21474836480
crc64:
  description:
    - CRC-64 (ECMA-182) of the object as OSS writes it (C(x-oss-hash-crc64ecma)), an unsigned integer.
    - In check mode, of an upload that would change the object, the file's, so that a play can compare it.
  returned: when a file or an object was found
  type: int
  sample: 11050802221185882618
etag:
  description: ETag of the object, without quotes. For a multipart object it is not the MD5 of the object.
  returned: when a file or an object was found
  type: str
parts:
  description: Number of parts of the transfer (1 for a single PutObject).
  returned: on uploads and downloads
  type: int
parts_sent:
  description: Parts this run uploaded.
  returned: on uploads
  type: int
parts_received:
  description: Ranges this run downloaded.
  returned: on downloads
  type: int
parts_reused:
  description: Parts kept from an interrupted run, after they were checked against the file.
  returned: on uploads and downloads
  type: int
bytes_sent:
  description: Bytes this run uploaded.
  returned: on uploads
  type: int
bytes_received:
  description: Bytes this run downloaded.
  returned: on downloads
  type: int
upload_id:
  description:
    - The multipart upload left in OSS for a later run to resume, when the run failed part-way; null otherwise.
      Its parts cost storage until it is resumed or aborted.
  returned: on uploads
  type: str
uploads_left:
  description:
    - Unfinished multipart uploads of the key, of another file and less than a day old, that this run left alone
      (another job may be sending them; O(state=absent) aborts them).
  returned: when there were some
  type: int
  version_added: 0.5.0
uploads_aborted:
  description: Unfinished multipart uploads of the key this run aborted (of another file and a day old or more, or by O(state=absent)).
  returned: when any was found
  type: int
elapsed:
  description: Seconds the module spent, on success and on failure.
  returned: always
  type: float
throughput_mib_s:
  description: MiB moved a second over the run (0 when nothing moved).
  returned: always
  type: float
request_ids:
  description: Request ids (C(x-oss-request-id)) of the calls made, for Alibaba Cloud support.
  returned: always
  type: list
  elements: str
error:
  description: The error OSS answered, when a call failed.
  returned: when OSS refused a call
  type: dict
  contains:
    code:
      description: Error code.
      type: str
      sample: NoSuchBucket
    message:
      description: Error message.
      type: str
    request_id:
      description: Request id of the failed call.
      type: str
    recommend:
      description: Diagnosis link OSS returned (C(RecommendDoc)).
      type: str
    http_status:
      description: HTTP status of the answer; null for network errors.
      type: int
    host_id:
      description: OSS host that answered.
      type: str
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import connection_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.oss_object import oss_object_argument_spec, run_oss_object
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import progress_argument_spec


def main():
    module = AnsibleModule(argument_spec=dict(connection_argument_spec(), **oss_object_argument_spec(), **progress_argument_spec()),
                           supports_check_mode=True)
    exit_module(module, run_oss_object(module.params, check_mode=module.check_mode))


if __name__ == '__main__':
    main()
