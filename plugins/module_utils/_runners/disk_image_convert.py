# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of disk_image_convert: a local disk image converted to qcow2 once, or the converted file removed.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.conversion import (
    QEMU_FORMATS, ToolMissing, convert, converted_before, forget, qemu_img, record_path)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.inspection import inspect_disk_image
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import Outcome


def disk_image_convert_argument_spec():
    return dict(
        src=dict(type='path'),
        dest=dict(type='path', required=True),
        format=dict(type='str', default='qcow2', choices=['qcow2']),
        missing_tool=dict(type='str', default='fail', choices=['fail', 'skip']),
        state=dict(type='str', default='present', choices=['present', 'absent']),
    )


def run_disk_image_convert(options, run_command, check_mode=False, clock=time.monotonic):
    """Convert options['src'] into options['dest'] unless its record says it was; with state=absent remove the
    converted file and its record. run_command runs qemu-img (AnsibleModule.run_command). Never raises for
    expected failures."""
    dest = options['dest']
    result = dict(changed=False, dest=dest, record=record_path(dest), converted=False, reused=False, seconds=0.0,
                  size=None, reason=None)
    try:
        if options.get('state', 'present') == 'absent':
            result['changed'] = os.path.exists(dest) or os.path.exists(record_path(dest))
            if not check_mode:
                result['changed'] = forget(dest)
            return Outcome(None, result)
        if not options.get('src'):
            raise OptionError('src', 'expected the path of the disk image to convert, with state=present')
        if os.path.isdir(dest):
            raise OptionError('dest', 'expected the path of the converted file, got the directory %s' % dest)
        disk = inspect_disk_image(options['src'])
        if not disk['importable'] or disk['format'] not in QEMU_FORMATS:
            raise OptionError('src', 'expected a disk image to convert; %s' % ' '.join(
                disk['problems'] or ['%s is %s' % (options['src'], disk['format'])]))
        if check_mode:
            before = converted_before(options['src'], dest, options['format'])
            if before is None:
                qemu_img()  # ToolMissing, as the run would
            result.update(changed=before is None, reused=before is not None, size=(before or {}).get('size'))
            return Outcome(None, result)
        done = convert(options['src'], dest, disk, run_command, options['format'], clock)
    except ToolMissing as exc:
        result['reason'] = str(exc)
        return Outcome(None if options.get('missing_tool') == 'skip' else str(exc), result)
    except OptionError as exc:
        return Outcome(str(exc), result, exc)
    result.update(changed=done['converted'], converted=done['converted'], reused=not done['converted'],
                  seconds=done['seconds'], size=done['size'])
    return Outcome(None, result)
