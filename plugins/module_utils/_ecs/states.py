# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The words of the ECS API for what this collection follows: task actions, and the states of tasks and images.
Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

TASK_ACTIONS = ('ImportImage', 'ExportImage', 'RedeployInstance', 'ModifyDiskSpec', 'ArchiveSnapshot')
IMAGE_TASK_ACTIONS = ('ImportImage', 'ExportImage')
TASK_STATUSES = ('Finished', 'Processing', 'Failed', 'Waiting', 'Deleted', 'Paused')
# The only TaskStatus values the API filters by; it ignores the others and answers tasks in every state.
API_FILTERED_STATUSES = ('Finished', 'Processing', 'Failed')
FAILED_STATUSES = ('Failed', 'Deleted')
RUNNING_STATUSES = ('Waiting', 'Processing')
# Every image state. DescribeImages answers only Available images unless Status lists the others.
IMAGE_STATUSES = ('Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated')
COPYING_STATUSES = ('Waiting', 'Creating')  # of an image being copied
