# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.disk_image_info import run_disk_image_info
from ansible_collections.alicloud_ops.ecs.tests import disk_files


def test_an_image_that_cannot_be_imported_is_a_success_that_says_so(tmp_path):
    path = str(tmp_path / 'installer.iso')
    disk_files.iso(path, 1 << 20)
    outcome = run_disk_image_info(dict(path=path))
    assert not outcome.failed and outcome.result['importable'] is False and outcome.result['changed'] is False


def test_a_directory_is_a_failure_naming_the_option(tmp_path):
    outcome = run_disk_image_info(dict(path=str(tmp_path)))
    assert outcome.failed and outcome.message == 'path: expected a disk image file; %s is not a regular file' % tmp_path
    assert outcome.result == dict(changed=False)
