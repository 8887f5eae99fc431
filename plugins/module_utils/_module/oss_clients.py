# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The OSS client that connection options and those of oss_object describe. Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api import oss
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ClientSettings


def oss_client(options, session=None):
    """The OSS client for resolved connection options and those of oss_object (oss_endpoint, endpoint_type,
    parallel). Raises OptionError for bad or missing options; makes no API call."""
    settings = ClientSettings(options, session)
    endpoint_type = {'vpc': 'internal'}.get(options.get('endpoint_type'), options.get('endpoint_type') or 'public')
    endpoint, path_style = oss.oss_endpoint(settings.region, options.get('oss_endpoint'), endpoint_type)
    client_options = dict(settings.client_options)
    del client_options['signature_version']  # OSS is signed with V4 only
    return oss.OssClient(endpoint, path_style, settings.region, settings.credentials, session=settings.session,
                         pool_size=options.get('parallel') or oss.DEFAULT_PARALLEL, **client_options)
