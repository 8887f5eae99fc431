# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""A call to the emulator's control API (/_emulator/...) from the targets' playbooks, made on the controller.

The arguments and the result are those of ansible.builtin.uri that the targets use: url, method (GET), body and
body_format (json or raw); status and json. ansible.builtin.uri runs a module for each call, about half a second of
CPU; the targets make about a hundred of them to seed the emulator and read its request log. emulator.sh puts this
folder on ANSIBLE_ACTION_PLUGINS.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from ansible.plugins.action import ActionBase

TIMEOUT = 60


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(('url', 'method', 'body', 'body_format'))

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        args = self._task.args
        body_format = args.get('body_format', 'raw')
        if 'url' not in args or body_format not in ('json', 'raw'):
            return dict(result, failed=True, msg='emulator_control: url is required; body_format is json or raw')
        body, headers = args.get('body'), {}
        if body is not None and body_format == 'json':
            body, headers = json.dumps(body), {'Content-Type': 'application/json'}
        request = Request(args['url'], data=None if body is None else str(body).encode('utf-8'), headers=headers,
                          method=str(args.get('method', 'GET')).upper())
        try:
            with urlopen(request, timeout=TIMEOUT) as response:
                status, content = response.status, response.read()
        except HTTPError as error:
            status, content = error.code, error.read()
        except URLError as error:
            return dict(result, failed=True, msg='emulator_control: %s: %s' % (args['url'], error.reason))
        result['status'] = status
        try:
            result['json'] = json.loads(content.decode('utf-8'))
        except ValueError:
            result['content'] = content.decode('utf-8', 'replace')
        if status != 200:
            result.update(failed=True, msg='Status code was %d and not [200]' % status)
        return result
