# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The end of a background run that nobody follows any more."""

from __future__ import absolute_import, division, print_function

import os

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.abandon import abandon_job
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.files import lease_path, write_json


def test_abandon_job_outside_the_async_wrapper_removes_its_files_and_ends(tmp_path, monkeypatch):
    path = str(tmp_path / 'p.json')
    for name in (path, lease_path(path), str(tmp_path / 'j1.2')):
        write_json(name, {})
    ended = []
    monkeypatch.setattr(os, '_exit', ended.append)
    killed = []
    monkeypatch.setattr(os, 'kill', lambda *args: killed.append(args))
    monkeypatch.setenv('ANSIBLE_ASYNC_DIR', str(tmp_path))
    abandon_job(path, {'results_file': str(tmp_path / 'j1.2')})
    assert ended == [1] and killed == []  # pytest is not the async wrapper: its job file is not touched
    assert os.listdir(str(tmp_path)) == ['j1.2']
