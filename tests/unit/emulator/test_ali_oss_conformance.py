# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's OSS driven by ali-oss, the official Node.js SDK, addressing buckets virtual-hosted as against real
OSS. The pinned package (tests/requirements/npm.txt) is in a cache under HOME, where make test installs it (with the
user's npm configuration); else this test installs it. Skipped, with the reason, where node or npm is missing."""

from __future__ import absolute_import, division, print_function

import hashlib
import json
import os
import shutil
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, 'ali_oss_conformance.js')
with open(os.path.join(HERE, '..', '..', 'requirements', 'npm.txt')) as _pins:
    ALI_OSS = [line.strip() for line in _pins if line.startswith('ali-oss@')][0]
ALI_OSS_VERSION = ALI_OSS.split('@')[1]


def ali_oss_folder(home):
    return os.path.join(home, '.cache', 'alicloud_ops.ecs', ALI_OSS.replace('@', '-'))


@pytest.fixture(scope='module')
def ali_oss():
    """The folder whose node_modules holds ali-oss at the pinned version."""
    for tool in ('node', 'npm'):
        if shutil.which(tool) is None:
            pytest.skip('%s is not installed: the ali-oss conformance tests need Node.js and npm' % tool)
    folder = ali_oss_folder(os.path.expanduser('~'))
    package = os.path.join(folder, 'node_modules', 'ali-oss', 'package.json')
    if not os.path.exists(package):  # installed apart, then renamed into place: test workers may race
        private = '%s.%d' % (folder, os.getpid())
        subprocess.run(['npm', 'install', '--no-audit', '--no-fund', '--prefix', private, ALI_OSS],
                       check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
        try:
            os.rename(private, folder)
        except OSError:  # another worker's is there already
            shutil.rmtree(private, ignore_errors=True)
    with open(package) as handle:
        assert json.load(handle)['version'] == ALI_OSS_VERSION
    return folder


@pytest.mark.parametrize('signature', ['v1', 'v4'])
def test_ali_oss_virtual_hosted_put_head_range_multipart_download_delete(emulator, ali_oss, tmp_path, signature):
    data = os.urandom(350 * 1024)  # four parts of 100 KB, three in flight
    source = tmp_path / 'big.bin'
    source.write_bytes(data)
    port = emulator.url.rsplit(':', 1)[1]
    finished = subprocess.run(['node', SCRIPT, port, str(source), signature], stdout=subprocess.PIPE, check=False,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=120,
                              env=dict(os.environ, NODE_PATH=os.path.join(ali_oss, 'node_modules')))
    report = json.loads(finished.stdout or '{}')
    assert finished.returncode == 0, (report, finished.stderr[-2000:])
    assert report['put'] == 200 and report['head']['status'] == 200 and report['head']['length'] == 1024
    assert report['range'] == {'status': 206, 'content': '0123456789abcdef'}
    assert report['multipart'] == {'status': 200, 'name': 'ali/big.bin'}
    assert report['download_sha256'] == report['file_sha256'] == hashlib.sha256(data).hexdigest()
    assert report['deleted'] is True and report['wrong_secret'] == 'SignatureDoesNotMatch'
    calls = emulator.requests()['by_action']
    assert calls['UploadPart'] == 4 and calls['InitiateMultipartUpload'] == 1 and calls['CompleteMultipartUpload'] == 1
    hosts_seen = [r for r in emulator.requests()['requests'] if r['action'] == 'PutObject']
    assert all(r['bucket'] == 'exports' for r in hosts_seen)
