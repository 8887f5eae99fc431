# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import os
import threading
import time

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.files import lease_path, read_json, write_json
from ansible_collections.alicloud_ops.ecs.plugins.modules import progress_poll


def files(tmp_path):
    job, record = str(tmp_path / 'j1.2'), str(tmp_path / 'p.json')
    write_json(job, {'started': True, 'finished': False, 'ansible_job_id': 'j1.2'})
    write_json(record, {'kind': 'wait', 'polls': 1})
    return job, record


def test_a_running_job_gives_its_record_after_the_wait_and_the_lease_is_renewed(tmp_path):
    job, record = files(tmp_path)
    began = time.monotonic()
    assert progress_poll.poll(job, record, 0.5) == (False, {'kind': 'wait', 'polls': 1})
    assert time.monotonic() - began >= 0.5  # it waited its time for the job
    assert read_json(lease_path(record)) == {'results_file': job}


def test_a_lease_that_cannot_be_written_does_not_fail_the_poll(tmp_path):
    job, record = files(tmp_path)
    missing = str(tmp_path / 'missing' / 'p.json')
    assert progress_poll.poll(job, missing, 0.1) == (False, None)
    write_json(job, {'changed': True})
    assert progress_poll.poll(job, missing, 0.1) == (True, {'changed': True})


def test_a_job_that_ends_during_the_wait_is_returned_at_once(tmp_path):
    job, record = files(tmp_path)
    threading.Timer(0.3, write_json, (job, {'changed': True, 'ansible_job_id': 'j1.2'})).start()
    began = time.monotonic()
    assert progress_poll.poll(job, record, 20) == (True, {'changed': True, 'ansible_job_id': 'j1.2'})
    assert time.monotonic() - began < 20  # the job's end ended the wait, not the 20 s it would have taken


def test_cleanup_of_a_running_job_expires_its_lease_and_of_an_ended_one_removes_its_files(tmp_path):
    job, record = files(tmp_path)
    assert progress_poll.cleanup(job, record) is False
    assert os.stat(lease_path(record)).st_mtime == 0 and os.path.exists(job)
    write_json(job, {'changed': False})
    assert progress_poll.cleanup(job, record) is True
    assert os.listdir(str(tmp_path)) == []
