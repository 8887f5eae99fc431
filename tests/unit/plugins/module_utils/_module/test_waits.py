# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The wait and the report that module options ask for."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.waits import check_wait_options, progress_report, waiter_for
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import NoReport, ProgressReport


def test_no_progress_file_means_no_report():
    assert isinstance(progress_report({'progress_interval': 30}), NoReport)
    assert isinstance(progress_report({'progress_interval': 0, '_progress_file': '/x'}), NoReport)


def test_a_progress_file_and_an_interval_mean_a_report(tmp_path):
    report = progress_report({'progress_interval': 5, '_progress_file': str(tmp_path / 'p.json')})
    assert isinstance(report, ProgressReport) and report.path == str(tmp_path / 'p.json')


def test_the_waiter_has_the_options_deadline_interval_and_report(tmp_path):
    options = {'wait_timeout': 30, 'poll_interval': 2, 'progress_interval': 5, '_progress_file': str(tmp_path / 'p')}
    waiter = waiter_for(options, clock=lambda: 100.0)
    assert (waiter.deadline, waiter.interval, type(waiter.report)) == (130.0, 2, ProgressReport)


@pytest.mark.parametrize('options, option', [
    ({'wait_timeout': -1}, 'wait_timeout'), ({'poll_interval': -0.5}, 'poll_interval'),
    ({'wait': True, 'page_number': 2}, 'page_number'),
])
def test_bad_wait_options_name_the_option(options, option):
    with pytest.raises(OptionError) as raised:
        check_wait_options(options)
    assert raised.value.option == option
