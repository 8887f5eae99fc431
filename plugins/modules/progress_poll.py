#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: progress_poll
short_description: Follow a long module run of this collection for its action plugin (internal)
version_added: 0.4.0
description:
  - Internal to the collection; playbooks have no use for it. The action plugins of
    M(alicloud_ops.ecs.oss_object), M(alicloud_ops.ecs.ecs_task_info), M(alicloud_ops.ecs.ecs_image_import),
    M(alicloud_ops.ecs.ecs_image_export) and M(alicloud_ops.ecs.ecs_image_copy) run a long transfer or wait in the
    background and call this module, on the host that runs it, to learn its progress and its result.
  - Waits up to O(wait) seconds for the background run to end, renewing the lease that tells the run it is still
    followed, then returns the run's latest progress record or, once it has ended, its result (and removes the
    run's files).
author:
  - alicloud_ops maintainers (@alicloud-ops)
options:
  results_file:
    description: The job file of the background run, as ansible's async wrapper named it.
    type: path
    required: true
  progress_file:
    description: The progress file the action plugin told the run to write.
    type: path
    required: true
  wait:
    description: Seconds to wait for the run to end before returning its progress.
    type: float
    default: 0
  cleanup:
    description:
      - Remove the job, progress and lease files of a run that has ended; a run still going is told through its
        lease to stop, and removes them itself.
    type: bool
    default: false
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: It only reads the files of a background run, and removes them when told.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
'''

EXAMPLES = r'''
- name: Internal; the collection's action plugins call it as follows
  alicloud_ops.ecs.progress_poll:
    results_file: ~/.ansible_async/j123456789.4242
    progress_file: ~/.ansible_async/alicloud_ops.ecs-progress-0a1b.json
    wait: 30
'''

RETURN = r'''
finished:
  description: Whether the background run has ended. When it has, the run's own result is returned alongside.
  returned: always
  type: bool
progress:
  description: The run's latest progress record, when it is still going and has written one.
  returned: when the run has not ended
  type: dict
'''

import json
import os
import time

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.files import lease_path, read_json, remove_files, write_json
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.wrapper import end_wrappers_of

CHECK_GAP = 0.05  # seconds between two looks at the job file (a stat and a small read)
RENEW_GAP = 1.0  # seconds between two renewals of the lease


def poll(results_file, progress_file, wait):
    """(finished, job result or progress record) after up to `wait` seconds."""
    lease = lease_path(progress_file)
    deadline = time.monotonic() + wait
    renewed = None
    while True:
        job = read_json(results_file)
        if isinstance(job, dict) and 'started' not in job:
            return True, job
        now = time.monotonic()
        if renewed is None or now - renewed >= RENEW_GAP:
            try:
                write_json(lease, dict(results_file=results_file))
            except OSError:
                pass  # the run could not write its lease either, and reports nothing: it is followed to its end
            renewed = now
        if now >= deadline:
            return False, read_json(progress_file)
        time.sleep(min(CHECK_GAP, deadline - now))


def cleanup(results_file, progress_file):
    """Remove an ended run's files; a run still going gets an expired lease, on which it stops and cleans up."""
    job = read_json(results_file)
    if isinstance(job, dict) and 'started' in job:
        lease = lease_path(progress_file)
        write_json(lease, dict(results_file=results_file))
        os.utime(lease, (0, 0))
        return False
    end_wrappers_of(results_file)
    remove_files(results_file, progress_file, lease_path(progress_file))
    return True


def main():
    module = AnsibleModule(argument_spec=dict(results_file=dict(type='path', required=True),
                                              progress_file=dict(type='path', required=True),
                                              wait=dict(type='float', default=0),
                                              cleanup=dict(type='bool', default=False)),
                           supports_check_mode=True)
    results_file, progress_file = module.params['results_file'], module.params['progress_file']
    if module.params['cleanup']:
        module.exit_json(changed=False, finished=cleanup(results_file, progress_file))
    if not os.path.exists(results_file):
        module.fail_json(msg='no job file %s: the background run is gone' % results_file, finished=True)
    finished, answer = poll(results_file, progress_file, max(module.params['wait'], 0))
    if not finished:
        module.exit_json(changed=False, finished=False, progress=answer if isinstance(answer, dict) else None)
    end_wrappers_of(results_file)  # its watcher would linger up to 5 s before it cleans up and exits
    remove_files(results_file, progress_file, lease_path(progress_file))
    # The run's result went through its own exit_json already and is passed on as it is, as async_status does:
    # exit_json would process it a second time (its warnings and deprecations above all).
    answer['finished'] = True
    print('\n' + json.dumps(answer))  # pylint: disable=ansible-bad-function  # printed as async_status prints it
    raise SystemExit(0)


if __name__ == '__main__':
    main()
