#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: disk_image_convert
short_description: Convert a local disk image to qcow2 once, so that only its data is uploaded
version_added: 0.5.0
description:
  - Converts a raw, VHD, VMDK or qcow2 disk image file into a qcow2 file with C(qemu-img convert), on the host that
    runs the module. A raw image that is mostly zeros becomes a qcow2 about the size of its data. OSS has no sparse
    upload, so the upload of the qcow2 moves only the data.
  - Writes a record beside the converted file (O(dest) with C(.source.json) added) of the file it came from (its
    path, size, change time and inode). A run whose record matches O(src) as it is takes the converted file
    again, unchanged, instead of converting again. An interrupted upload of that file can then resume.
  - The converted file is written under a temporary name and renamed once complete, so a run killed halfway
    leaves no file that a record vouches for. A file at O(dest) without a record is never overwritten; the module
    fails, naming it.
  - O(state=absent) removes the converted file, its record and any part a killed run left.
  - Needs C(qemu-img), from the Debian and Ubuntu package C(qemu-utils) (C(qemu-img) on Fedora and RHEL).
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  src:
    description:
      - The disk image to convert. Its format is read from its header (M(alicloud_ops.ecs.disk_image_info)) and
        given to C(qemu-img), which would otherwise read a fixed VHD as raw.
      - Required with O(state=present).
    type: path
  dest:
    description: The converted file. Its directory needs free space about the size of the data of O(src).
    type: path
    required: true
  format:
    description: Format of the converted file.
    type: str
    choices: [qcow2]
    default: qcow2
  missing_tool:
    description:
      - What to do when C(qemu-img) is not installed. V(fail) fails the task; V(skip) converts nothing and says why
        in RV(reason).
    type: str
    choices: [fail, skip]
    default: fail
  state:
    description: V(present) converts unless the record says it was; V(absent) removes the converted file.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Reports whether it would convert (or remove), and does not.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
seealso:
  - module: alicloud_ops.ecs.disk_image_info
  - module: alicloud_ops.ecs.oss_object
'''

EXAMPLES = r'''
- name: Convert a sparse raw image to qcow2 before the upload
  alicloud_ops.ecs.disk_image_convert:
    src: build/golden-web.raw
    dest: /var/tmp/golden-web.qcow2
  register: converted

- name: Upload the converted file
  alicloud_ops.ecs.oss_object:
    region: cn-hangzhou
    bucket: images-cn-hangzhou
    object: builds/golden-web.qcow2
    src: /var/tmp/golden-web.qcow2

- name: Remove the converted file once the image is imported
  alicloud_ops.ecs.disk_image_convert:
    dest: /var/tmp/golden-web.qcow2
    state: absent
'''

RETURN = r'''
dest:
  description: The converted file.
  returned: always
  type: str
record:
  description: The record of what the converted file came from.
  returned: always
  type: str
converted:
  description: Whether this run converted the file.
  returned: always
  type: bool
reused:
  description: Whether a conversion made before, of the same file, was taken instead.
  returned: always
  type: bool
seconds:
  description: How long the conversion took; 0 when none was made.
  returned: always
  type: float
  sample: 8.4
size:
  description: Size of the converted file in bytes; null when there is none (check mode, O(state=absent)).
  returned: always
  type: int
reason:
  description: Why nothing was converted, with O(missing_tool=skip); null otherwise.
  returned: always
  type: str
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.disk_image_convert import (
    disk_image_convert_argument_spec, run_disk_image_convert)


def main():
    module = AnsibleModule(argument_spec=disk_image_convert_argument_spec(),
                           required_if=[('state', 'present', ['src'])], supports_check_mode=True)
    exit_module(module, run_disk_image_convert(module.params, module.run_command, check_mode=module.check_mode))


if __name__ == '__main__':
    main()
