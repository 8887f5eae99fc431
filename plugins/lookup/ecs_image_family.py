# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: ecs_image_family
short_description: The id of the latest Available image of an Alibaba Cloud ECS image family
version_added: 0.5.0
author:
  - alicloud_ops maintainers (@alicloud-ops)
description:
  - Returns one image id per term (image family), in the order of the terms, from the ECS API action
    C(DescribeImageFromFamily) in the region, as ECS launches an instance from a family.
  - Works the same in the account that owns the family and in an account the images are shared with (which sees
    the family as C(acs:<owner id>:<family>); either spelling is taken).
  - An answer that is not an C(Available) image of the family is not taken.
  - Only the current release counts, never an image being copied, failed or C(Deprecated), unlike C(images[0]) of
    M(alicloud_ops.ecs.ecs_image_info).
options:
  _terms:
    description:
      - Image family names.
    type: list
    elements: str
    required: true
  on_missing:
    description:
      - What to do with a family that has no C(Available) image in the region.
      - V(error) raises an error naming it; V(warn) warns and leaves it out; V(skip) leaves it out silently.
    type: str
    choices: [error, warn, skip]
    default: error
  details:
    description:
      - Return the whole image (the keys of the C(images) of M(alicloud_ops.ecs.ecs_image_info)) instead of its id.
    type: bool
    default: false
extends_documentation_fragment:
  - alicloud_ops.ecs.connection.plugins
notes:
  - Module defaults (C(module_defaults)) do not apply to lookups; give connection options as lookup options,
    inventory variables (C(alicloud_region), C(alicloud_access_key) and so on) or environment variables.
  - Needs the RAM permission C(ecs:DescribeImageFromFamily) (C(docs/permissions/reader.json)).
seealso:
  - module: alicloud_ops.ecs.ecs_image_info
'''

EXAMPLES = r'''
- name: Launch from the current release of golden-web, in the owning account or one it is shared with
  ansible.builtin.debug:
    msg: "{{ lookup('alicloud_ops.ecs.ecs_image_family', 'golden-web', region='cn-shanghai') }}"

- name: The current image of two families, in the order given
  ansible.builtin.set_fact:
    images: "{{ query('alicloud_ops.ecs.ecs_image_family', 'golden-web', 'golden-db', region='cn-shanghai') }}"

- name: When it was created, and its tags
  ansible.builtin.debug:
    msg: "{{ lookup('alicloud_ops.ecs.ecs_image_family', 'golden-web', region='cn-shanghai', details=true) }}"
'''

RETURN = r'''
_raw:
  description:
    - One image id per term, in the order of the terms (terms left out by O(on_missing) excepted); with
      O(details=true), the whole image instead.
  type: list
'''

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.specs import connection_argument_spec
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_family import run_image_family

OPTIONS = list(connection_argument_spec())

display = Display()


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        # options read from variables come untemplated
        options = dict((name, self._templar.template(self.get_option(name))) for name in OPTIONS)
        families = [str(term) for term in terms]
        outcome = run_image_family(options, families)
        for warning in outcome.warnings:
            display.warning('alicloud_ops.ecs.ecs_image_family: ' + warning)
        if outcome.failed:
            raise AnsibleLookupError(outcome.message, orig_exc=outcome.exception)
        found = []
        for family, image in zip(families, outcome.result['images']):
            if image is None:
                message = 'no Available image of the family %s in %s' % (family, outcome.result['region'])
                if self.get_option('on_missing') == 'error':
                    raise AnsibleLookupError(message)
                if self.get_option('on_missing') == 'warn':
                    display.warning('alicloud_ops.ecs.ecs_image_family: %s; left out' % message)
                continue
            found.append(image if self.get_option('details') else image['image_id'])
        return found
