# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Disk image files of every kind disk_image_info reads, made once a test session (the `disks` fixture of
conftest.py): by hand (tests/disk_files.py), and by qemu-img from them, which `make test` installs (Debian's
qemu-utils)."""

from __future__ import absolute_import, division, print_function

import json
import struct
import subprocess

from ansible_collections.alicloud_ops.ecs.tests import disk_files

GIB = 2 ** 30
# name: (how, the format qemu-img is told to read it as, for the check against `qemu-img info`)
QEMU_MADE = {
    'v2.qcow2': (['convert', '-O', 'qcow2', '-o', 'compat=0.10', '{gpt}', '{out}'], 'qcow2'),
    'v3.qcow2': (['convert', '-O', 'qcow2', '{gpt}', '{out}'], 'qcow2'),
    'compressed.qcow2': (['convert', '-c', '-O', 'qcow2', '{gpt}', '{out}'], 'qcow2'),
    'backed.qcow2': (['create', '-f', 'qcow2', '-b', '{v3}', '-F', 'qcow2', '{out}'], 'qcow2'),
    'encrypted.qcow2': (['create', '-f', 'qcow2', '--object', 'secret,id=s,data=123456', '-o',
                         'encrypt.format=aes,encrypt.key-secret=s', '{out}', '64M'], 'qcow2'),
    'fixed.vhd': (['convert', '-O', 'vpc', '-o', 'subformat=fixed', '{gpt}', '{out}'], 'vpc'),
    'dynamic.vhd': (['convert', '-O', 'vpc', '{gpt}', '{out}'], 'vpc'),
    'sparse.vmdk': (['convert', '-O', 'vmdk', '{gpt}', '{out}'], 'vmdk'),
    'stream.vmdk': (['convert', '-O', 'vmdk', '-o', 'subformat=streamOptimized', '{gpt}', '{out}'], 'vmdk'),
    'flat.vmdk': (['create', '-f', 'vmdk', '-o', 'subformat=monolithicFlat', '{out}', '64M'], 'vmdk'),
    'mbr.qcow2': (['convert', '-O', 'qcow2', '{mbr}', '{out}'], 'qcow2'),
    'disk.vhdx': (['create', '-f', 'vhdx', '{out}', '64M'], 'vhdx'),
    'disk.vdi': (['create', '-f', 'vdi', '{out}', '64M'], 'vdi'),
}


def qemu_img(*args):
    return subprocess.run(('qemu-img',) + args, check=True, stdout=subprocess.PIPE, universal_newlines=True).stdout


def run_command(argv):
    """(rc, stdout, stderr) of a command, as AnsibleModule.run_command gives them."""
    process = subprocess.run(argv, check=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    return process.returncode, process.stdout, process.stderr


def qemu_info(path, image_format):
    return json.loads(qemu_img('info', '--output=json', '-f', image_format, str(path)))


def set_qcow2_incompatible(path, bits):
    """Set bits of a qcow2 v3's incompatible features (0 dirty, 1 corrupt), as qemu does."""
    with open(path, 'r+b') as handle:
        handle.seek(72)
        value = struct.unpack('>Q', handle.read(8))[0] | bits
        handle.seek(72)
        handle.write(struct.pack('>Q', value))


def make_disks(work):
    """{name: path} of the files, made in the directory `work` (a pathlib.Path); gpt: 1 GiB raw, a GPT with an ESP
    and no boot code, 8 MiB of data; mbr: 1 GiB raw, an MBR with boot code."""
    made = dict(gpt=work / 'gpt.raw', mbr=work / 'mbr.raw')
    disk_files.gpt(str(made['gpt']), GIB)
    disk_files.add_data(str(made['gpt']), 8 << 20)
    disk_files.mbr(str(made['mbr']), GIB)
    for name, (how, dummy) in QEMU_MADE.items():
        made[name] = work / name
        qemu_img(*[part.format(gpt=made['gpt'], mbr=made['mbr'], v3=made.get('v3.qcow2'), out=made[name])
                   for part in how])
    made['dirty.qcow2'] = work / 'dirty.qcow2'
    qemu_img('convert', '-O', 'qcow2', str(made['gpt']), str(made['dirty.qcow2']))
    set_qcow2_incompatible(made['dirty.qcow2'], 1)
    made['corrupt.qcow2'] = work / 'corrupt.qcow2'
    qemu_img('convert', '-O', 'qcow2', str(made['gpt']), str(made['corrupt.qcow2']))
    set_qcow2_incompatible(made['corrupt.qcow2'], 2)
    return dict((name, str(path)) for name, path in made.items())
