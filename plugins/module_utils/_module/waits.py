# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The wait and the progress report that module options ask for. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import NoReport, ProgressReport
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._wait import Waiter


def check_wait_options(options):
    for name in ('wait_timeout', 'poll_interval'):
        if options.get(name) is not None and options[name] < 0:
            raise OptionError(name, 'expected 0 or more seconds, got %s' % options[name])
    if options.get('wait') and options.get('page_number'):
        raise OptionError('page_number', 'cannot be used with wait: a wait follows every matching task')


def progress_report(options):
    """The report that module options ask for: a ProgressReport when the action plugin named a progress file."""
    if options.get('_progress_file') and options.get('progress_interval'):
        return ProgressReport(options['_progress_file'], options['progress_interval'])
    return NoReport()


def waiter_for(options, clock):
    """The Waiter of wait_timeout and poll_interval, reporting each poll as the options ask."""
    return Waiter(options['wait_timeout'], options['poll_interval'], clock=clock, report=progress_report(options))
