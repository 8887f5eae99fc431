# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of disk_image_info: what a local disk image file is, from its headers. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._disk.inspection import inspect_disk_image
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import Outcome


def disk_image_info_argument_spec():
    return dict(path=dict(type='path', required=True))


def run_disk_image_info(options):
    """The facts of the file at options['path']; a failed Outcome, never a traceback, for a path that is no image."""
    result = dict(changed=False)
    try:
        result.update(inspect_disk_image(options['path']))
    except OptionError as exc:
        return Outcome(str(exc), result, exc)
    return Outcome(None, result)
