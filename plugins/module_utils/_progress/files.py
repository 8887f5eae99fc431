# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The files of a long-running module's progress, and how they are written and read.

The action plugin starts the module in the background and names a progress file; the module writes its latest
state there (whole, through a rename), and the progress_poll module reads it for the plugin. progress_poll also
keeps a lease file fresh beside it: a module whose lease has gone stale knows that nobody follows it any more (the
controller was killed) and stops (_progress/abandon.py). Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

DEFAULT_INTERVAL = 30  # seconds between two progress lines, unless told


def lease_path(progress_file):
    return progress_file + '.watched'


def lease_seconds(interval):
    """How long the module goes on without a poll before it takes the controller for gone: progress_poll renews the
    lease while it waits, so only the time between two polls counts, which is a module start or two."""
    return 3 * interval + 10


def write_json(path, data):
    """Write data as JSON at path whole: a reader sees the old content or the new, never half of it."""
    temporary = '%s.%d.tmp' % (path, os.getpid())
    with open(temporary, 'w') as handle:
        json.dump(data, handle)
    os.replace(temporary, path)


def read_json(path):
    """The JSON at path, or None when there is none or it cannot be read."""
    try:
        with open(path) as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def remove_files(*paths):
    for path in paths:
        try:
            os.remove(path)
        except OSError:
            pass
