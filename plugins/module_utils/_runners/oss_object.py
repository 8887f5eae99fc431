# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The oss_object module's options and run: upload, download or delete one object. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.oss_clients import oss_client
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.waits import progress_report
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._oss import transfer

MAX_PARALLEL = 32
MAX_KEY_BYTES = 1023
MAX_METADATA_BYTES = 8 * 1024
_BUCKET = re.compile(r'^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$')
_METADATA_NAME = re.compile(r'^[A-Za-z0-9_-]+$')
_PRINTABLE = re.compile(r'^[\x20-\x7e]*$')


def oss_object_argument_spec():
    return dict(
        bucket=dict(type='str', required=True),
        object=dict(type='str', required=True),
        src=dict(type='path'),
        dest=dict(type='path'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        overwrite=dict(type='str', default='different', choices=['different', 'always', 'never']),
        part_size=dict(type='bytes'),
        parallel=dict(type='int', default=transfer.DEFAULT_PARALLEL),
        endpoint_type=dict(type='str', default='public', choices=['public', 'internal', 'accelerate', 'vpc']),
        metadata=dict(type='dict'),
    )


def check_options(options):
    """Every check that needs no request; raises OptionError naming the option."""
    if transfer.CRC64 is None:
        raise OptionError('anycrc', 'the Python library anycrc (CRC-64 with a C core) is required on the host that '
                                    'runs this task (pip install anycrc)')
    if not _BUCKET.match(options['bucket'] or ''):
        raise OptionError('bucket', 'expected 3 to 63 lower-case letters, digits and hyphens, starting and ending '
                                    'with a letter or digit, got %r' % options['bucket'])
    key = options['object'] or ''
    if not 1 <= len(key.encode('utf-8')) <= MAX_KEY_BYTES or key[0] in '/\\' or re.search(r'[\x00-\x1f\x7f]', key):
        raise OptionError('object', 'expected a key of 1 to 1023 bytes (UTF-8) that does not start with "/" or "\\" '
                                    'and holds no control character, got %r' % key)
    if not 1 <= options['parallel'] <= MAX_PARALLEL:
        raise OptionError('parallel', 'expected 1 to %d parts in flight, got %s' % (MAX_PARALLEL, options['parallel']))
    check_metadata(options.get('metadata'))
    src, dest = options.get('src'), options.get('dest')
    if options['state'] == 'absent':
        if src or dest:
            raise OptionError('src' if src else 'dest', 'goes with state=present only; state=absent deletes the object')
        return
    if src and dest:
        raise OptionError('src', 'src (upload) and dest (download) exclude each other')
    if not (src or dest):
        raise OptionError('src', 'state=present needs src (a file to upload) or dest (a path to download to)')
    if src:
        check_src(src)
    else:
        check_dest(dest)
    check_part_size(options.get('part_size'), os.path.getsize(src) if src else None)


def check_metadata(metadata):
    if not metadata:
        return
    for name, value in metadata.items():
        if not _METADATA_NAME.match(name) or not isinstance(value, str) or not _PRINTABLE.match(value):
            raise OptionError('metadata', 'expected names of letters, digits, "-" and "_", and values of printable '
                                          'ASCII text, got %r: %r' % (name, value))
    if sum(len(k) + len(v) for k, v in metadata.items()) > MAX_METADATA_BYTES:
        raise OptionError('metadata', 'OSS takes at most 8 KB of user metadata')


def check_src(src):
    if os.path.isdir(src):
        raise OptionError('src', '%s is a directory; name a file' % src)
    if not os.path.isfile(src):
        raise OptionError('src', 'no file %s on the host that runs this task' % src)
    if not os.access(src, os.R_OK):
        raise OptionError('src', '%s is not readable by the user that runs this task' % src)


def check_dest(dest):
    if os.path.isdir(dest):
        raise OptionError('dest', '%s is a directory; name the file to write' % dest)
    directory = os.path.dirname(os.path.abspath(dest))
    if not os.path.isdir(directory):
        raise OptionError('dest', 'the directory %s does not exist on the host that runs this task' % directory)
    if not os.access(directory, os.W_OK):
        raise OptionError('dest', 'the directory %s is not writable by the user that runs this task' % directory)


def check_part_size(part_size, file_size):
    if part_size is None:
        return
    if not transfer.MIN_PART_SIZE <= part_size <= transfer.MAX_PART_SIZE:
        raise OptionError('part_size', 'expected 100KB to 5GB (a size such as 16MB, or bytes), got %s bytes'
                          % part_size)
    if file_size is not None and -(-file_size // part_size) > transfer.MAX_PARTS:
        raise OptionError('part_size', '%s bytes makes %d parts of this %d-byte file and OSS takes at most %d: use at '
                                       'least %d bytes, or leave part_size unset'
                          % (part_size, -(-file_size // part_size), file_size, transfer.MAX_PARTS,
                             -(-file_size // transfer.MAX_PARTS)))


def delete(client, bucket, key, check_mode):
    """state=absent: the object and the unfinished multipart uploads of its key."""
    head = client.head_object(bucket, key)
    uploads = client.list_uploads(bucket, key)
    result = dict(changed=head is not None or bool(uploads), bucket=bucket, object=key, size=None, crc64=None,
                  etag=None, uploads_aborted=len(uploads))
    if head is not None:
        result.update(size=int(head.headers.get('Content-Length', 0)), crc64=head.crc64, etag=head.etag)
    if not check_mode:
        for upload_id, dummy in uploads:
            client.abort_upload(bucket, key, upload_id)
        if head is not None:
            client.delete_object(bucket, key)
    return result


def run_oss_object(options, check_mode=False, clock=None):
    def work(client, result):
        check_options(options)
        bucket, key = options['bucket'], options['object']
        if options['state'] == 'absent':
            result.update(delete(client, bucket, key, check_mode))
        elif options.get('src'):
            result.update(transfer.Uploader(client, bucket, key, options['src'], options.get('part_size'),
                                            options['parallel'], options.get('metadata'), progress_report(options))
                          .run(options['overwrite'], check_mode))
        else:
            result.update(transfer.Downloader(client, bucket, key, options['dest'], options.get('part_size'),
                                              options['parallel'], progress_report(options))
                          .run(options['overwrite'], check_mode))

    outcome = run_work(options, dict(changed=False), work, clock=clock, make_client=oss_client)
    moved = outcome.result.get('bytes_sent') or outcome.result.get('bytes_received') or 0
    elapsed = outcome.result['elapsed']
    outcome.result['throughput_mib_s'] = round(moved / transfer.MIB / elapsed, 2) if moved and elapsed else 0.0
    return outcome
