#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: disk_image_info
short_description: Read what a local disk image file is before it is uploaded and imported
version_added: 0.5.0
description:
  - Reads the headers of a disk image file on the host that runs the module, and says what C(ImportImage) would
    make of it. Its format and size, its partition table and boot modes, and every problem that would make the
    import fail or the image not boot.
  - Reads only headers (the first and last kilobytes, the format's cluster tables and the partition table), with
    Python's standard library alone. A 40 GiB file takes milliseconds, and the file is never changed.
  - Knows qcow2 (versions 2 and 3), raw, VHD (fixed, dynamic, differencing) and VMDK (monolithicSparse,
    streamOptimized, and descriptors). It recognises ISO 9660, VHDX, VDI and qcow version 1, which C(ImportImage)
    does not take.
  - Makes no API call, and takes no connection options.
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  path:
    description: The disk image file.
    type: path
    required: true
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: The same run as without check mode; the module reads only.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
seealso:
  - module: alicloud_ops.ecs.disk_image_convert
  - module: alicloud_ops.ecs.ecs_image_import
  - name: The image pipeline guide, "What is checked before the upload"
    description: What each problem means and what to do.
    link: https://github.com/alicloud-ops/alicloud_ops.ecs/blob/main/docs/docsite/rst/image_pipeline.rst
'''

EXAMPLES = r'''
- name: Read the disk image before the upload
  alicloud_ops.ecs.disk_image_info:
    path: build/golden-web.img
  register: disk

- name: Refuse a file that ImportImage cannot take
  ansible.builtin.assert:
    that: disk.importable
    fail_msg: "{{ disk.problems | join(' ') }}"

- name: Import it with the format and disk size it has
  alicloud_ops.ecs.ecs_image_import:
    region: cn-hangzhou
    name: golden-web-2026-12
    disks:
      - oss_bucket: images-cn-hangzhou
        oss_object: builds/golden-web.img
        format: "{{ disk.import_format }}"
        size: "{{ disk.disk_image_size }}"
    boot_mode: "{{ disk.boot_modes | first if disk.boot_modes | length == 1 else omit }}"
'''

RETURN = r'''
path:
  description: The file read.
  returned: success
  type: str
format:
  description:
    - V(qcow2), V(raw), V(vhd), V(vmdk), V(iso), V(vhdx), V(vdi), or V(unknown) (a qcow version 1).
    - A file with no header it knows is V(raw). A fixed VHD is V(vhd), which C(qemu-img info) without C(-f) reads
      as raw.
  returned: success
  type: str
  sample: qcow2
subformat:
  description:
    - For V(vhd), V(fixed), V(dynamic) or V(differencing); for V(vmdk), its C(createType) (V(monolithicSparse),
      V(streamOptimized), V(monolithicFlat) and others). Null for the other formats.
  returned: success
  type: str
import_format:
  description: The C(Format) that C(ImportImage) takes for the file (V(QCOW2), V(RAW), V(VHD), V(VMDK)); null
    when it takes none.
  returned: success
  type: str
  sample: QCOW2
virtual_size:
  description:
    - The size of the disk in bytes; null when the header does not tell it (a VHDX).
    - For a VHD, the larger of the sizes in its footer and in its geometry, as qemu may read either.
  returned: success
  type: int
  sample: 42949672960
file_size:
  description: The size of the file in bytes.
  returned: success
  type: int
allocated_size:
  description: The bytes the file really takes on its file system; less than RV(file_size) for a sparse file.
  returned: success
  type: int
disk_image_size:
  description: The GiB that C(ImportImage)'s C(DiskImageSize) must have at least, the virtual size rounded up.
  returned: success
  type: int
  sample: 40
backing_file:
  description: The backing file of a qcow2 or the parent of a differencing VHD; null when there is none.
  returned: success
  type: str
qcow2:
  description: The qcow2 header's facts; null for the other formats.
  returned: success
  type: dict
  contains:
    qcow2_version:
      description: V(2) (compat 0.10) or V(3) (compat 1.1).
      type: int
    encrypted:
      description: Whether the data is encrypted.
      type: bool
    dirty:
      description: Whether the file was not closed cleanly (its refcounts need a repair).
      type: bool
    corrupt:
      description: Whether qemu marked the file corrupt.
      type: bool
partition_table:
  description: V(gpt), V(mbr) or V(none); null when the disk's first sectors could not be read (an encrypted or
    backed qcow2, a VMDK descriptor, a dynamic VHD's parent).
  returned: success
  type: str
  sample: gpt
efi_system_partition:
  description: Whether there is an EFI system partition (the GPT type C12A7328-F81F-11D2-BA4B-00A0C93EC93B, or
    the MBR type 0xEF); null with RV(partition_table) null.
  returned: success
  type: bool
bios_boot_code:
  description: Whether the first sector holds boot code, which BIOS runs; null with RV(partition_table) null.
  returned: success
  type: bool
boot_modes:
  description:
    - The modes the disk can boot in, V(BIOS) with boot code, V(UEFI) with an EFI system partition. An empty
      list for a disk that boots in neither (a data disk, or a file system without a partition table). Null when
      the partition table could not be read.
  returned: success
  type: list
  elements: str
  sample: [BIOS, UEFI]
importable:
  description: Whether ImportImage can take the file, that is whether RV(problems) is empty.
  returned: success
  type: bool
problems:
  description: Each reason the import would fail or the image would not boot, a sentence that names the file and
    what to do.
  returned: success
  type: list
  elements: str
  sample: ["golden.qcow2 has a backing file (base.qcow2), which is not uploaded with it; flatten it first"]
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import exit_module
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.disk_image_info import (
    disk_image_info_argument_spec, run_disk_image_info)


def main():
    module = AnsibleModule(argument_spec=disk_image_info_argument_spec(), supports_check_mode=True)
    exit_module(module, run_disk_image_info(module.params))


if __name__ == '__main__':
    main()
