# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The action plugin of every module with long work: it prints the work's progress while the module runs.

A long run (a transfer, a wait) is started in the background through ansible's async wrapper, on the host that
runs the task, with a progress file to write; the progress_poll module, run on that host every progress_interval
seconds through the task's own connection, returns the latest record (or, once the run ends, its result), and the
plugin prints a line. Everything else (short runs, check mode, the user's own async, progress_interval=0) runs as
the plain module would. Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import time
import uuid

from ansible.errors import AnsibleConnectionFailure, AnsibleError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.files import DEFAULT_INTERVAL
from ansible_collections.alicloud_ops.ecs.plugins.plugin_utils._progress_lines import progress_line

display = Display()

POLL_MODULE = 'alicloud_ops.ecs.progress_poll'
TIME_LIMIT = 30 * 24 * 3600  # the async wrapper needs a limit (0 is not "none"); the module's own timeouts come first
JOB_KEYS = ('ansible_job_id', 'finished', 'results_file', 'started', 'stderr')
POLL_ATTEMPTS = 3  # a poll whose connection failed is tried again this often before the task fails


def progress_interval(args):
    """progress_interval of the task as a whole number of seconds, or raise ValueError with the message to show."""
    value = args.get('progress_interval', DEFAULT_INTERVAL)
    try:
        seconds = int(value)
        if seconds < 0 or isinstance(value, bool) or float(value) != seconds:
            raise ValueError()
    except (TypeError, ValueError):
        raise ValueError('progress_interval: expected a whole number of seconds, 0 or more (0 turns the progress '
                         'lines off), got %r' % (value,))
    return seconds


def job_result(answer):
    """The module's result as a foreground run returns it: without the async wrapper's keys or the progress file."""
    result = dict((key, value) for key, value in answer.items() if key not in JOB_KEYS)
    module_args = (result.get('invocation') or {}).get('module_args')
    if isinstance(module_args, dict):
        module_args.pop('_progress_file', None)
    return result


class ProgressAction(ActionBase):
    """Subclasses say which runs are long (long_running) and what their lines name (subject)."""

    _supports_check_mode = True
    _supports_async = True

    def long_running(self, args):
        raise NotImplementedError()

    def subject(self, args):
        return ''

    def run(self, tmp=None, task_vars=None):
        result = super(ProgressAction, self).run(tmp, task_vars)
        del tmp  # has no effect
        try:
            interval = progress_interval(self._task.args)
        except ValueError as error:
            return merge_hash(result, dict(failed=True, msg=str(error)))
        if self._task.async_val or not interval or not self.long_running(self._task.args):
            return merge_hash(result, self.run_plain(task_vars))
        return merge_hash(result, self.run_followed(task_vars, interval))

    def run_plain(self, task_vars):
        """As ansible's normal action runs a module (the user's own async included)."""
        result = self._execute_module(task_vars=task_vars, wrap_async=self._task.async_val)
        if not self._task.async_val:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def run_followed(self, task_vars, interval):
        # Not expanded here: where the module runs, as the async wrapper expands the same folder there (the
        # controller's expansion of ~ follows the user's passwd entry, the module's follows HOME).
        async_dir = self.get_shell_option('async_dir', default='~/.ansible_async')
        progress_file = self._connection._shell.join_path(async_dir, 'alicloud_ops.ecs-progress-%s.json'
                                                          % uuid.uuid4().hex)
        saved_async_val = self._task.async_val
        self._task.async_val = TIME_LIMIT
        try:
            started = self._execute_module(module_args=dict(self._task.args, _progress_file=progress_file),
                                           task_vars=task_vars, wrap_async=True)
        finally:
            self._task.async_val = saved_async_val
        if started.get('failed') or not started.get('results_file'):
            return started
        poll_args = dict(results_file=started['results_file'], progress_file=progress_file)
        try:
            return self.follow(poll_args, interval, task_vars)
        except BaseException:  # a timeout of the task, an interrupt, a connection lost: the run must not go on
            self.clean_up(poll_args, task_vars)
            raise

    def follow(self, poll_args, interval, task_vars):
        """Poll until the run ends, a line after each poll that brought a record; returns the run's result. The poll
        that sees the run's end removes its files."""
        label = self.host_label(task_vars)
        name = self._task.action.split('.')[-1]
        subject = self.subject(self._task.args)
        previous = None
        attempts = 0
        controller = os.getppid()
        while True:
            if os.getppid() != controller:  # ansible-playbook was killed and left this worker behind
                raise AnsibleError('the controller is gone: the background run is told to stop')
            try:
                answer = self._execute_module(module_name=POLL_MODULE, module_args=dict(poll_args, wait=interval),
                                              task_vars=task_vars)
            except AnsibleConnectionFailure:
                attempts += 1
                if attempts >= POLL_ATTEMPTS:
                    raise
                time.sleep(1)
                continue
            finally:
                self._remove_tmp_path(self._connection._shell.tmpdir)
            attempts = 0
            if answer.get('finished'):
                return job_result(answer)
            if answer.get('failed'):  # the poll itself failed: the run must not go on unfollowed
                self.clean_up(poll_args, task_vars)
                return answer
            record = answer.get('progress')
            if not isinstance(record, dict):
                continue
            record['seen'] = time.time()
            line = progress_line(record, previous, subject, self._play_context.no_log)
            if line:
                display.display('%s %s: %s' % (label, name, line))
                previous = record

    def clean_up(self, poll_args, task_vars):
        """Tell a run still going to stop (it removes its files) or remove an ended run's files; a failure here
        never hides the task's own."""
        try:
            self._execute_module(module_name=POLL_MODULE, module_args=dict(poll_args, cleanup=True),
                                 task_vars=task_vars)
        except Exception as error:  # pylint: disable=broad-except  # the task has its result already
            display.vvv('%s: could not remove the progress files: %s' % (self.host_label(task_vars), error))
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)

    def host_label(self, task_vars):
        host = (task_vars or {}).get('inventory_hostname', '')
        delegate = self._task.delegate_to
        return '[%s -> %s]' % (host, delegate) if delegate and delegate != host else '[%s]' % host


def wants_wait(args, check_mode):
    """Whether an image module's run waits: wait=true with state=present, outside check mode (which does not wait)."""
    return (boolean(args.get('wait', False), strict=False) and args.get('state', 'present') == 'present'
            and not check_mode)
