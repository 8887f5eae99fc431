# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The direction of imports between the layers of module_utils (CONTRIBUTING.md, "The layers"), and what a module's
AnsiballZ payload carries of them."""

from __future__ import absolute_import, division, print_function

import ast
import os

import pytest

PLUGINS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', 'plugins')
MODULE_UTILS = os.path.join(PLUGINS, 'module_utils')
PREFIX = 'ansible_collections.alicloud_ops.ecs.plugins.module_utils'

# What each layer may import of module_utils, from the bottom up: a layer imports only itself and the layers below.
ALLOWED = {
    '_progress': {'_progress'},
    '_wait': {'_progress'},
    '_fan_out': set(),
    '_api': {'_api'},
    '_ecs': {'_ecs', '_api', '_wait', '_fan_out', '_progress'},
    '_oss': {'_oss', '_api', '_progress'},
    '_disk': {'_disk', '_api'},
    '_module': {'_module', '_api', '_ecs', '_oss', '_wait', '_fan_out', '_progress'},
    '_runners': {'_runners', '_module', '_api', '_ecs', '_oss', '_disk', '_wait', '_fan_out', '_progress'},
}
# The files of OSS: an ECS module ships none of them.
OSS_FILES = ('_api/oss.py', '_oss/', '_module/oss_clients.py', '_runners/oss_object.py')


def layer_of(relative):
    """The layer of a file of module_utils ('_api/rpc.py' is in _api, '_wait.py' in _wait)."""
    return relative.split('/')[0].split('.')[0]


def python_files(root):
    for folder, dummy, names in os.walk(root):
        for name in sorted(names):
            if name.endswith('.py'):
                yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, '/')


def imported_files(root, relative, source=None):
    """The module_utils files a file of root (or `source`, the text of a file elsewhere) imports, absolutely or
    relatively, as paths relative to root."""
    if source is None:
        with open(os.path.join(root, relative)) as handle:
            source = handle.read()
    tree = ast.parse(source, relative)
    package = relative.rsplit('/', 1)[0].split('/') if '/' in relative else []
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
                module = '.'.join(base + ([node.module] if node.module else []))
                names = ['%s.%s' % (PREFIX, module) if module else PREFIX]
            else:
                names = [node.module or '']
            names = names + ['%s.%s' % (names[0], alias.name) for alias in node.names]
        for name in names:
            if name.startswith(PREFIX + '.'):
                path = name[len(PREFIX) + 1:].replace('.', '/')
                for candidate in (path + '.py', path + '/__init__.py'):
                    if os.path.isfile(os.path.join(root, candidate)):
                        found.add(candidate)
    found.discard(relative)
    return found


def import_graph(root):
    return dict((relative, imported_files(root, relative)) for relative in python_files(root))


def violations(root):
    """Every file outside the layers, every import against the direction, and every cycle, as sentences."""
    graph = import_graph(root)
    problems = []
    for relative, imports in sorted(graph.items()):
        layer = layer_of(relative)
        if layer not in ALLOWED:
            problems.append('%s is in no layer (%s)' % (relative, ', '.join(ALLOWED)))
            continue
        for imported in sorted(imports):
            if layer_of(imported) not in ALLOWED[layer]:
                problems.append('%s (%s) imports %s (%s), which it may not' % (
                    relative, layer, imported, layer_of(imported)))
    problems.extend('import cycle: %s' % ' -> '.join(cycle) for cycle in cycles(graph))
    return problems


def cycles(graph):
    """One cycle through each file that is on one, found by depth-first search."""
    found, done = [], set()

    def visit(node, path):
        if node in path:
            cycle = path[path.index(node):] + [node]
            if not any(set(cycle) == set(known) for known in found):
                found.append(cycle)
            return
        if node in done:
            return
        for following in sorted(graph.get(node, ())):
            visit(following, path + [node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    return found


def shipped(root, module_path):
    """The module_utils files AnsiballZ puts in a module's payload: those it imports, recursively, with the
    __init__.py of each package on the way."""
    with open(module_path) as handle:
        pending = list(imported_files(root, os.path.basename(module_path), handle.read()))
    seen = set()
    while pending:
        relative = pending.pop()
        if relative in seen:
            continue
        seen.add(relative)
        pending.extend(imported_files(root, relative))
        parts = relative.split('/')[:-1]
        for depth in range(1, len(parts) + 1):
            pending.append('/'.join(parts[:depth]) + '/__init__.py')
    return sorted(f for f in seen if os.path.isfile(os.path.join(root, f)))


def test_every_import_goes_down_the_layers():
    assert violations(MODULE_UTILS) == []


def plant(root, files):
    for relative, text in files.items():
        path = os.path.join(str(root), relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as handle:
            handle.write(text)
    return str(root)


@pytest.mark.parametrize('files, expected', [
    ({'_api/__init__.py': '', '_api/rpc.py': 'from %s._runners.ecs_image import run\n' % PREFIX,
      '_runners/__init__.py': '', '_runners/ecs_image.py': 'run = 1\n'},
     ['_api/rpc.py (_api) imports _runners/ecs_image.py (_runners), which it may not']),
    ({'_ecs/__init__.py': '', '_ecs/images.py': 'from .._module.outcome import WorkFailed\n',
      '_module/__init__.py': '', '_module/outcome.py': 'WorkFailed = 1\n'},
     ['_ecs/images.py (_ecs) imports _module/outcome.py (_module), which it may not']),
    ({'_ecs/__init__.py': '', '_ecs/a.py': 'from . import b\n', '_ecs/b.py': 'from .a import x\n'},
     ['import cycle: _ecs/a.py -> _ecs/b.py -> _ecs/a.py']),
    ({'_helpers.py': 'x = 1\n'}, ['_helpers.py is in no layer (%s)' % ', '.join(ALLOWED)]),
])
def test_a_planted_upward_import_a_cycle_or_a_file_outside_the_layers_fails(tmp_path, files, expected):
    assert violations(plant(tmp_path, files)) == expected


@pytest.mark.parametrize('module', sorted(name[:-3] for name in os.listdir(os.path.join(PLUGINS, 'modules'))
                                          if name.endswith('.py') and name != 'oss_object.py'))
def test_an_ecs_module_ships_no_oss_code(module):
    files = shipped(MODULE_UTILS, os.path.join(PLUGINS, 'modules', module + '.py'))
    assert [f for f in files if f.startswith(OSS_FILES)] == []


def test_oss_object_ships_the_oss_client():
    files = shipped(MODULE_UTILS, os.path.join(PLUGINS, 'modules', 'oss_object.py'))
    assert '_api/oss.py' in files and '_oss/transfer.py' in files
