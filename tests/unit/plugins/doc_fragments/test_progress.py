# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The progress doc fragment describes the progress argument spec of the modules with long runs exactly."""

from __future__ import absolute_import, division, print_function

import yaml

from ansible_collections.alicloud_ops.ecs.plugins.doc_fragments.progress import ModuleDocFragment
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import progress_argument_spec

DOCUMENTED = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']


def test_fragment_and_argument_spec_agree():
    spec = progress_argument_spec()
    assert sorted(DOCUMENTED) == sorted(spec)
    for name, option in spec.items():
        assert DOCUMENTED[name]['type'] == option['type'], name
        assert DOCUMENTED[name].get('default') == option.get('default'), name
