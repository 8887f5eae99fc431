# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The playbooks of the docs, as the pages show them, written to files that run against the emulator.

    PYTHONPATH=COLLECTIONS python3 extract.py COLLECTION_ROOT OUT_DIR EMULATOR_URL READER_VARS

A playbook (a YAML block whose first item has `hosts`) of the README, a role README or a guide is marked with its
file name: `.. playbook: NAME.yml` on the line before its code-block in reStructuredText (a comment, not rendered),
`<!-- playbook: NAME.yml -->` before its fence in Markdown. An unmarked playbook fails this script: every playbook
the docs show runs. Each play gets the emulator's endpoints in its module_defaults for the group, and the variables
READER_VARS (YAML) gives for its file (or for "*", every file) where the page leaves them to the reader; the
credentials come from the environment, as a reader's would.
"""

import os
import sys

import yaml

from ansible_collections.alicloud_ops.ecs.tests import doc_blocks  # pylint: disable=import-error

GROUP = 'group/alicloud_ops.ecs.alicloud'


def playbooks(root):
    """(where, name or None, plays) of every playbook the docs show."""
    for path, line, language, mark, text in doc_blocks.blocks(root):
        if language not in ('yaml', 'yaml+jinja', 'yml'):
            continue
        plays = yaml.safe_load(text)
        if isinstance(plays, list) and plays and isinstance(plays[0], dict) and 'hosts' in plays[0] \
                and 'rules' not in plays[0]:  # a rulebook has hosts too
            yield '%s:%d' % (path, line), mark, plays


def main(root, out, url, reader_vars):
    with open(reader_vars) as handle:
        given = yaml.safe_load(handle)
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
