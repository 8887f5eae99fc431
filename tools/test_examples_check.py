# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tests of the examples check: it fails on what a user would copy and see fail."""

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import examples_check  # noqa: E402  pylint: disable=wrong-import-position

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')


@pytest.fixture(scope='module')
def specs():
    return examples_check.load_specs(ROOT)


def checked(tmp_path, specs, example):
    os.makedirs(str(tmp_path / 'roles'))
    (tmp_path / 'README.md').write_text('Text.\n\n```yaml\n%s```\n' % example)
    return examples_check.check(str(tmp_path), specs)


def test_the_collection_s_examples_hold(specs):
    count, problems = examples_check.check(ROOT, specs)
    assert count > 30 and problems == []


@pytest.mark.parametrize('example, problem', [
    ('- alicloud_ops.ecs.oss_object:\n    bucket: b\n    object: o\n    source: f\n',
     'README.md, block 1, alicloud_ops.ecs.oss_object: source is no option'),
    ('- alicloud_ops.ecs.ecs_image_import:\n    name: n\n    disks: [{oss_bucket: b, oss_objekt: o}]\n',
     'disks.oss_objekt is no option'),
    ('- alicloud_ops.ecs.ecs_task_info:\n    wait: sometimes\n', "wait is 'sometimes', expected a bool"),
    ('- alicloud_ops.ecs.ecs_task_info:\n    poll_interval: [1]\n', 'poll_interval is [1], expected a float'),
    ('- alicloud_ops.ecs.oss_object:\n    bucket: b\n    object: o\n    endpoint_type: nearby\n',
     "endpoint_type is 'nearby', expected one of"),
    ('- alicloud_ops.ecs.ecs_images_info:\n    name: n\n', 'alicloud_ops.ecs.ecs_images_info is no module'),
    ('- ansible.builtin.include_role:\n    name: alicloud_ops.ecs.image_import\n  vars:\n    image_import_fiel: x\n',
     'role image_import: image_import_fiel is no option'),
    ('- hosts: h\n  module_defaults:\n    group/alicloud_ops.ecs.alicloud:\n      acces_key: k\n  tasks: []\n',
     'module_defaults: acces_key is no option'),
])
def test_a_wrong_option_is_found(tmp_path, specs, example, problem):
    count, problems = checked(tmp_path, specs, example)
    assert count == 1 and len(problems) == 1 and problem in problems[0], problems


def test_templated_values_are_left_to_the_play(tmp_path, specs):
    count, problems = checked(tmp_path, specs, '- alicloud_ops.ecs.ecs_task_info:\n    wait: "{{ waiting }}"\n')
    assert (count, problems) == (1, [])


def test_a_policy_file_that_the_permissions_page_does_not_show_as_it_is_fails(tmp_path):
    os.makedirs(str(tmp_path / 'docs' / 'permissions'))
    os.makedirs(str(tmp_path / 'docs' / 'docsite' / 'rst'))
    policy = {'Version': '1', 'Statement': [{'Effect': 'Allow', 'Action': ['ecs:DescribeImages'], 'Resource': '*'}]}
    (tmp_path / 'docs' / 'permissions' / 'reader.json').write_text(json.dumps(policy))
    page = tmp_path / 'docs' / 'docsite' / 'rst' / 'permissions.rst'
    shown = '.. code-block:: json\n\n    %s\n' % json.dumps(policy)
    page.write_text(shown)
    assert examples_check.policy_problems(str(tmp_path)) == []
    page.write_text(shown.replace('DescribeImages', 'DescribeImage*'))
    problems = examples_check.policy_problems(str(tmp_path))
    assert len(problems) == 2 and 'docs/permissions/reader.json is not shown as it is' in problems[0]
    assert 'a policy shown is no file of docs/permissions' in problems[1] and 'DescribeImage*' in problems[1]
