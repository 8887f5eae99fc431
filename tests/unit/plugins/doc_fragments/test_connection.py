# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The connection doc fragment and the connection argument spec describe the same options."""

from __future__ import absolute_import, division, print_function

import yaml

from ansible_collections.alicloud_ops.ecs.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import (
    ENVIRONMENT, connection_argument_spec)

MODULE_OPTIONS = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)['options']
PLUGIN_OPTIONS = yaml.safe_load(ModuleDocFragment.PLUGINS)['options']
SPEC = connection_argument_spec()


def test_both_variants_document_exactly_the_argument_spec():
    assert sorted(MODULE_OPTIONS) == sorted(SPEC) == sorted(PLUGIN_OPTIONS)


def test_types_defaults_choices_and_aliases_agree():
    for name, spec in SPEC.items():
        for documented in (MODULE_OPTIONS[name], PLUGIN_OPTIONS[name]):
            assert documented['type'] == spec['type'], name
            assert documented.get('default') == spec.get('default'), name
            assert documented.get('choices') == spec.get('choices'), name
            assert sorted(documented.get('aliases', [])) == sorted(spec.get('aliases', [])), name


def test_module_variant_names_each_fallback_variable_in_precedence_order():
    for name, variables in ENVIRONMENT.items():
        text = ' '.join(MODULE_OPTIONS[name]['description'])
        positions = [text.find('E(%s)' % variable) for variable in variables]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), name


def test_plugin_variant_lists_the_same_variables_lowest_precedence_first():
    # Ansible's configuration takes the last set variable of an env list, so the winner comes last.
    for name, variables in ENVIRONMENT.items():
        assert [e['name'] for e in PLUGIN_OPTIONS[name]['env']] == list(reversed(variables)), name
    undocumented = set(o for o in PLUGIN_OPTIONS if 'env' in PLUGIN_OPTIONS[o]) - set(ENVIRONMENT)
    assert not undocumented


def test_every_plugin_option_can_come_from_a_variable():
    assert all(PLUGIN_OPTIONS[name].get('vars') for name in PLUGIN_OPTIONS)


def test_secrets_are_no_log():
    assert SPEC['secret_key']['no_log'] and SPEC['security_token']['no_log']
