# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The ClientToken of the writes the API recognises when they are sent again (ImportImage, CopyImage). Private to
this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import os

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.signing import canonical_query

_RUN_ID = os.urandom(16).hex()  # one module run


def client_token(params, run_id=None):
    """ClientToken of one ImportImage or CopyImage: a digest of the request and of this run, so the retries of this
    run are recognised as the same call, and a later run (after a failed image was deleted) is a new one."""
    run_id = run_id or _RUN_ID
    return hashlib.sha256((run_id + '&' + canonical_query(params)).encode('utf-8')).hexdigest()[:64]
