# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The playbooks of the docs, as the pages show them, written to files that run against the emulator.

    python3 extract.py COLLECTION_ROOT OUT_DIR EMULATOR_URL READER_VARS

A playbook (a YAML block whose first item has `hosts`) of the README, a role README or a guide is marked with its
file name: `.. playbook: NAME.yml` on the line before its code-block in reStructuredText (a comment, not rendered),
`<!-- playbook: NAME.yml -->` before its fence in Markdown. An unmarked playbook fails this script: every playbook
the docs show runs. Each play gets the emulator's endpoints in its module_defaults for the group, and the variables
READER_VARS (YAML) gives for its file (or for "*", every file) where the page leaves them to the reader; the
credentials come from the environment, as a reader's would.
"""

import glob
import os
import re
import sys

import yaml

GROUP = 'group/alicloud_ops.ecs.alicloud'
RST_MARK = re.compile(r'^\.\. playbook: (\S+)$')
MD_MARK = re.compile(r'^<!-- playbook: (\S+) -->$')


def read(path):
    with open(path) as handle:
        return handle.read()


def rst_blocks(path):
    lines = read(path).split('\n')
    for index, line in enumerate(lines):
        if line.strip() not in ('.. code-block:: yaml', '.. code-block:: yaml+jinja'):
            continue
        body = []
        for following in lines[index + 1:]:
            if following.strip() and not following.startswith('    '):
                break
            body.append(following[4:])
        mark = RST_MARK.match(lines[index - 1].strip()) if index else None
        yield index + 1, mark.group(1) if mark else None, '\n'.join(body)


def md_blocks(path):
    text = read(path)
    for found in re.finditer(r'^(?:(<!-- playbook: \S+ -->)\n)?```ya?ml\n(.*?)^```', text, re.MULTILINE | re.DOTALL):
        mark = MD_MARK.match(found.group(1) or '')
        yield text[:found.start()].count('\n') + 1, mark.group(1) if mark else None, found.group(2)


def playbooks(root):
    """(where, name or None, plays) of every playbook the docs show."""
    pages = [os.path.join(root, 'README.md')] + sorted(glob.glob(os.path.join(root, 'roles', '*', 'README.md')))
    sources = [(path, md_blocks) for path in pages]
    sources += [(path, rst_blocks) for path in sorted(glob.glob(os.path.join(root, 'docs', 'docsite', 'rst', '*.rst')))]
    for path, reader in sources:
        for line, name, text in reader(path):
            plays = yaml.safe_load(text)
            if isinstance(plays, list) and plays and isinstance(plays[0], dict) and 'hosts' in plays[0] \
                    and 'rules' not in plays[0]:  # a rulebook has hosts too
                yield '%s:%d' % (os.path.relpath(path, root), line), name, plays


def main(root, out, url, reader_vars):
    given = yaml.safe_load(read(reader_vars))
    unmarked, written = [], []
    for where, name, plays in playbooks(root):
        if name is None:
            unmarked.append(where)
            continue
        for play in plays:
            defaults = play.setdefault('module_defaults', {}).setdefault(GROUP, {})
            defaults.update(endpoint=url, oss_endpoint=url)
            for name_given in ('*', name):
                for key, value in (given.get(name_given) or {}).items():
                    play.setdefault('vars', {}).setdefault(key, value)
        with open(os.path.join(out, name), 'w') as handle:
            yaml.safe_dump(plays, handle, sort_keys=False)
        written.append('%s (%s)' % (name, where))
    if unmarked:
        sys.exit('playbooks of the docs that no test runs (mark them with "playbook: NAME.yml"): %s'
                 % ', '.join(unmarked))
    print('\n'.join(written))


if __name__ == '__main__':
    main(*sys.argv[1:5])
