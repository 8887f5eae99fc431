# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The end of a background module run that nobody follows any more (its controller was killed): what it and its
background job wrote is removed, leaving only the transfer's own resumable state. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.files import lease_path, remove_files
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.wrapper import end_wrapper, wrapper_arguments


def abandon_job(progress_file, lease):
    """Nobody polls any more: remove the progress and lease files and, under the async wrapper whose job file the
    lease names, end the wrapper's process that waits for this one first, so that it writes no job file, then remove
    the job file; end. The work's own resumable state (uploaded parts, the download record) stays."""
    remove_files(progress_file, lease_path(progress_file))
    results_file = lease.get('results_file') or ''
    async_dir = os.path.realpath(os.path.expanduser(os.environ.get('ANSIBLE_ASYNC_DIR', '~/.ansible_async')))
    wrapper = wrapper_arguments(os.getppid())
    if os.path.dirname(os.path.realpath(results_file)) == async_dir and wrapper is not None:
        end_wrapper(os.getppid(), wrapper)
        remove_files(results_file)
    os._exit(1)
