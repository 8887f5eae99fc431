# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import yaml

from ansible_collections.alicloud_ops.ecs.plugins.doc_fragments.connection import ModuleDocFragment as Connection
from ansible_collections.alicloud_ops.ecs.plugins.doc_fragments.task_query import ModuleDocFragment as TaskQuery
from ansible_collections.alicloud_ops.ecs.plugins.lookup import ecs_task


def test_every_option_the_lookup_reads_is_documented():
    documented = set(yaml.safe_load(ecs_task.DOCUMENTATION)['options'])
    documented |= set(yaml.safe_load(TaskQuery.DOCUMENTATION)['options'])
    documented |= set(yaml.safe_load(Connection.PLUGINS)['options'])
    assert set(ecs_task.OPTIONS) - {'task_ids'} <= documented
    assert documented - set(ecs_task.OPTIONS) == {'_terms', 'on_missing'}


def test_terms_may_be_ids_lists_or_comma_separated_strings():
    assert ecs_task.task_ids(['t-1', 't-2, t-3', ['t-4', 't-5']]) == ['t-1', 't-2', 't-3', 't-4', 't-5']
    assert ecs_task.task_ids([]) == []
