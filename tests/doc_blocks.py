# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The code blocks of the collection's pages, the README, the role READMEs and the guides, for the checks that the
docs hold: tools/examples_check.py (options and policies) and the docs_playbooks target (the playbooks run).

A block may be marked on the line before it, `.. playbook: NAME` in reStructuredText (a comment, not rendered) and
`<!-- playbook: NAME -->` in Markdown.
"""

from __future__ import absolute_import, division, print_function

import glob
import os
import re

RST_BLOCK = re.compile(r'^\.\. code-block:: (\S+)$')
RST_MARK = re.compile(r'^\.\. playbook: (\S+)$')
MD_BLOCK = re.compile(r'^(?:<!-- playbook: (\S+) -->\n)?```(\w[\w+-]*)\n(.*?)^```', re.MULTILINE | re.DOTALL)


def pages(root):
    """The README, the role READMEs and the guides of the collection at root, those that exist."""
    readmes = [os.path.join(root, 'README.md')] + sorted(glob.glob(os.path.join(root, 'roles', '*', 'README.md')))
    return [path for path in readmes if os.path.exists(path)] + sorted(
        glob.glob(os.path.join(root, 'docs', 'docsite', 'rst', '*.rst')))


def read(path):
    with open(path) as handle:
        return handle.read()


def rst_blocks(text):
    lines = text.split('\n')
    for index, line in enumerate(lines):
        found = RST_BLOCK.match(line.strip())
        if not found:
            continue
        body = []
        for following in lines[index + 1:]:
            if following.strip() and not following.startswith('    '):
                break
            body.append(following[4:])
        mark = RST_MARK.match(lines[index - 1].strip()) if index else None
        yield index + 1, found.group(1), mark.group(1) if mark else None, '\n'.join(body)


def md_blocks(text):
    for found in MD_BLOCK.finditer(text):
        yield text[:found.start()].count('\n') + 1, found.group(2), found.group(1), found.group(3)


def blocks(root):
    """(path relative to root, line, language, mark or None, text) of every code block of the pages, in order."""
    for path in pages(root):
        reader = rst_blocks if path.endswith('.rst') else md_blocks
        for line, language, mark, text in reader(read(path)):
            yield os.path.relpath(path, root), line, language, mark, text
