#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every YAML example of the docs against the argument specs: the README, the guides, the role READMEs and the
modules' EXAMPLES. A task that calls one of the collection's modules may name only options its argument spec has,
with values of the right type (a literal value; a Jinja expression is the play's to check); an include of one of its
roles, only variables its argument_specs.yml has; and module_defaults for the group, only connection options. And the
RAM policies the permissions page shows, against the files of docs/permissions.

    python tools/examples_check.py [COLLECTION_ROOT]   (run from the collection's virtualenv)
"""

import glob
import importlib
import json
import os
import re
import sys

import yaml

from ansible_collections.alicloud_ops.ecs.tests import doc_blocks  # pylint: disable=import-error

PREFIX = 'alicloud_ops.ecs.'
GROUP = 'group/alicloud_ops.ecs.alicloud'
TYPES = {'str': (str,), 'path': (str,), 'raw': (object,), 'int': (int,), 'float': (int, float), 'bool': (bool,),
         'list': (list,), 'dict': (dict,), 'bytes': (str, int), 'jsonarg': (str, dict, list)}


class Captured(Exception):
    """Raised by the stand-in AnsibleModule with the argument spec a module's main() gave it."""

    def __init__(self, spec):
        super(Captured, self).__init__('captured')
        self.spec = spec


def argument_spec(module_name):
    """The argument spec that plugins/modules/<module_name>.py passes to AnsibleModule."""
    module = importlib.import_module('ansible_collections.alicloud_ops.ecs.plugins.modules.' + module_name)

    def stand_in(argument_spec=None, **kwargs):
        raise Captured(argument_spec)
    real = module.AnsibleModule
    module.AnsibleModule = stand_in
    try:
        module.main()
    except Captured as captured:
        return captured.spec
    finally:
        module.AnsibleModule = real
    raise RuntimeError('%s built no AnsibleModule' % module_name)


def role_options(root, role):
    with open(os.path.join(root, 'roles', role, 'meta', 'argument_specs.yml')) as handle:
        return yaml.safe_load(handle)['argument_specs']['main']['options']


def blocks(root, language='yaml'):
    """(where, text) of every example in that language (yaml takes yaml+jinja, and yml in Markdown, too)."""
    languages = (language, language + '+jinja') + (('yml',) if language == 'yaml' else ())
    numbers = {}
    for path, dummy, found, dummy, text in doc_blocks.blocks(root):
        if found in languages:
            numbers[path] = numbers.get(path, 0) + 1
            yield '%s, block %d' % (path, numbers[path]), text
    for path in sorted(glob.glob(os.path.join(root, 'plugins', 'modules', '*.py'))) if language == 'yaml' else ():
        with open(path) as handle:
            found = re.search(r"^EXAMPLES = r'''\n(.*?)^'''", handle.read(), re.MULTILINE | re.DOTALL)
        if found:
            yield '%s, EXAMPLES' % os.path.relpath(path, root), found.group(1)


def templated(value):
    return isinstance(value, str) and ('{{' in value or '{%' in value)


def check_value(where, name, value, spec, problems):
    """The problems of one option's value against its spec entry (literal values only)."""
    if templated(value) or value is None:
        return
    kind = spec.get('type', 'str')
    if kind in TYPES and not isinstance(value, TYPES[kind]) or (kind in ('int', 'float') and isinstance(value, bool)):
        problems.append('%s: %s is %r, expected a %s' % (where, name, value, kind))
        return
    if spec.get('choices') and kind != 'list' and value not in spec['choices']:
        problems.append('%s: %s is %r, expected one of %s' % (where, name, value, ', '.join(map(str, spec['choices']))))
    if spec.get('options') and isinstance(value, (list, dict)):
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                check_options(where, name + '.', item, spec['options'], problems)


def check_options(where, prefix, given, specs, problems):
    names = dict((alias, name) for name, spec in specs.items() for alias in [name] + list(spec.get('aliases') or []))
    for key, value in given.items():
        if key not in names:
            problems.append('%s: %s%s is no option (it takes %s)' % (where, prefix, key, ', '.join(sorted(specs))))
        else:
            check_value(where, prefix + key, value, specs[names[key]], problems)


def walk(where, node, specs, problems):
    """Check every task, include and module_defaults found anywhere in a parsed example."""
    if isinstance(node, list):
        for item in node:
            walk(where, item, specs, problems)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if isinstance(key, str) and key.startswith(PREFIX) and isinstance(value, dict):
            name = key[len(PREFIX):]
            if name in specs['modules']:
                check_options('%s, %s' % (where, key), '', value, specs['modules'][name], problems)
            elif name not in specs['roles'] and name not in specs['other']:
                problems.append('%s: %s is no module of the collection' % (where, key))
        if key == 'module_defaults' and isinstance(value, dict) and isinstance(value.get(GROUP), dict):
            check_options('%s, module_defaults' % where, '', value[GROUP], specs['connection'], problems)
    include = next((node[key] for key in ('ansible.builtin.include_role', 'ansible.builtin.import_role',
                                          'include_role', 'import_role') if key in node), None)
    if isinstance(include, dict) and str(include.get('name', '')).startswith(PREFIX):
        role = include['name'][len(PREFIX):]
        if role not in specs['roles']:
            problems.append('%s: %s is no role of the collection' % (where, include['name']))
        elif isinstance(node.get('vars'), dict):
            given = dict((k, v) for k, v in node['vars'].items() if k.startswith(role + '_'))
            check_options('%s, role %s' % (where, role), '', given, specs['roles'][role], problems)
    for value in node.values():
        walk(where, value, specs, problems)


def load_specs(root):
    names = [os.path.splitext(os.path.basename(path))[0]
             for path in glob.glob(os.path.join(root, 'plugins', 'modules', '*.py'))]
    modules = dict((name, argument_spec(name)) for name in names)
    specs = importlib.import_module('ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs')
    return dict(modules=modules, connection=specs.connection_argument_spec(),
                roles=dict((role, role_options(root, role)) for role in os.listdir(os.path.join(root, 'roles'))),
                other=('ecs_task', 'ecs_image_family'))  # the lookups, called in expressions


def policy_problems(root):
    """The policy files of docs/permissions against the JSON blocks of the permissions page: each file is shown there,
    and each policy shown there is a file (a trust policy, with its Principal, excepted)."""
    page = os.path.join(root, 'docs', 'docsite', 'rst', 'permissions.rst')
    files = dict((os.path.relpath(path, root), json.load(open(path)))
                 for path in sorted(glob.glob(os.path.join(root, 'docs', 'permissions', '*.json'))))
    if not files:
        return []
    shown = [json.loads(text) for where, text in blocks(root, 'json')
             if where.startswith(os.path.join('docs', 'docsite', 'rst', 'permissions.rst'))]
    shown = [block for block in shown if not any('Principal' in statement for statement in block.get('Statement', []))]
    problems = ['%s: %s is not shown as it is' % (os.path.relpath(page, root), name)
                for name, policy in files.items() if policy not in shown]
    problems.extend('%s: a policy shown is no file of docs/permissions: %s' % (os.path.relpath(page, root),
                                                                               json.dumps(policy))
                    for policy in shown if policy not in files.values())
    return problems


def check(root, specs=None):
    """(examples read, problems) of the collection at root."""
    specs = specs or load_specs(root)
    problems, count = policy_problems(root), 0
    for where, text in blocks(root):
        try:
            parsed = yaml.safe_load(text)
        except yaml.YAMLError as error:
            problems.append('%s: not YAML (%s)' % (where, str(error).splitlines()[0]))
            continue
        count += 1
        walk(where, parsed, specs, problems)
    return count, problems


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    root = os.path.abspath(argv[0] if argv else os.path.join(os.path.dirname(__file__), '..'))
    count, problems = check(root)
    for problem in problems:
        print(problem)
    print('examples check: %d examples, %d problems' % (count, len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
