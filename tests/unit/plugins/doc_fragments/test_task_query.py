# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The task_query doc fragment describes the filter and wait argument specs exactly."""

from __future__ import absolute_import, division, print_function

import yaml

from ansible_collections.alicloud_ops.ecs.plugins.doc_fragments.task_query import ModuleDocFragment
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import task_query_argument_spec

DOCUMENTED = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']


def test_fragment_and_argument_specs_agree():
    spec = task_query_argument_spec()
    del spec['task_ids']  # the module documents it; the lookup takes ids as terms
    assert sorted(DOCUMENTED) == sorted(spec)
    for name, option in spec.items():
        assert DOCUMENTED[name]['type'] == option['type'], name
        assert DOCUMENTED[name].get('default') == option.get('default'), name
        assert DOCUMENTED[name].get('choices') == option.get('choices'), name
