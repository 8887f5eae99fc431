# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The one way the collection sends an HTTP request, whichever API it is for: endpoints checked once, the
connections of one endpoint kept, and network failures mapped to ApiError. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from urllib.parse import urlsplit

try:
    import requests
except ImportError:
    requests = None

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, OptionError

USER_AGENT = 'alicloud_ops.ecs (Ansible collection)'
# Raised by a connection or by reading an answer: no answer at all, the request may not have reached the API.
NETWORK_ERRORS = (OSError,) if requests is None else (requests.exceptions.RequestException, OSError,
                                                      requests.packages.urllib3.exceptions.HTTPError)
_HOST = re.compile(r'^([A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$')


def normalize_endpoint(value, option):
    """An http(s) base URL from a URL or a bare host name (which means https)."""
    url = value if '://' in value else 'https://' + value
    parsed = urlsplit(url)
    try:
        parsed.port  # pylint: disable=pointless-statement  # raises ValueError for a port that is not a number
        valid = (parsed.scheme in ('http', 'https') and bool(_HOST.match(parsed.hostname or ''))
                 and parsed.path in ('', '/') and not (parsed.query or parsed.fragment or parsed.username))
    except ValueError:
        valid = False
    if not valid:
        raise OptionError(option, 'expected an http(s) URL such as https://ecs.cn-hangzhou.aliyuncs.com or a host '
                                  'name, got %r' % value)
    return '%s://%s' % (parsed.scheme, parsed.netloc)


class Endpoint:
    """The connections to one endpoint over a requests session: what requests would read from the environment on
    every request (proxies, CA bundle) is read once, and each request is built by hand and sent through the session's
    adapter (or `adapter`), which keeps the connections; the session's cookie, redirect and per-request environment
    handling have no use here."""

    def __init__(self, url, session, validate_certs=True, http_timeout=30, adapter=None):
        self.url = url
        self.host = urlsplit(url).netloc
        self.http_timeout = http_timeout
        self.adapter = adapter or session.get_adapter(url + '/')
        self.settings = requests.Session().merge_environment_settings(url + '/', {}, None, validate_certs, None)
        del self.settings['stream']  # the answer is read by send()'s `read`

    def send(self, method, url, headers, body, read):
        """(response, read(response)) of one request. A timeout or a network failure, while sending or while
        reading the answer, raises ApiError RequestTimeout or ConnectionError."""
        prepared = requests.PreparedRequest()
        prepared.method = method
        prepared.url = url
        prepared.body = body
        prepared.headers = requests.structures.CaseInsensitiveDict(headers)
        prepared.headers['Content-Length'] = str(len(body or b''))
        try:
            response = self.adapter.send(prepared, timeout=self.http_timeout, stream=True, **self.settings)
            try:
                return response, read(response)
            finally:
                response.close()
        except NETWORK_ERRORS as exc:
            if isinstance(exc, requests.exceptions.Timeout) or 'timed out' in str(exc):
                raise ApiError('RequestTimeout', 'no answer from %s within http_timeout (%s s)'
                               % (self.host, self.http_timeout))
            raise ApiError('ConnectionError', 'could not talk to %s: %s' % (self.host, exc))
