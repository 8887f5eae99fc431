#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where make test and the other tools work: the checkout, and what they make in it (.venv/, .build/)."""

import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, '.build')
VENVS = os.path.join(ROOT, '.venv')
REQUIREMENTS = os.path.join(ROOT, 'tests', 'requirements')
COLLECTIONS = os.path.join(BUILD, 'collections')
INSTALLED = os.path.join(COLLECTIONS, 'ansible_collections', 'alicloud_ops', 'ecs')
HOME = os.path.join(BUILD, 'home')
COLLECTION_PATH = os.path.join('ansible_collections', 'alicloud_ops', 'ecs')
