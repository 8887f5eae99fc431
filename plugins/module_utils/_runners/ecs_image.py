# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The runner of ecs_image: the name, description, family, tags, shares and deprecation of an existing custom
image, declared; and its safe deletion.

Private to this collection.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import OptionError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService, find_image
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.inputs import (
    NVME_SUPPORT, check_accounts, check_description, check_image_name, tag_parameters, tag_values)
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.release import FEATURES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.retirement import Retirement
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.states import COPYING_STATUSES
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.outcome import run_work
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.waits import check_wait_options, waiter_for


def image_argument_spec():
    return dict(
        image_id=dict(type='str'),
        name=dict(type='str'),
        description=dict(type='str'),
        image_family=dict(type='str'),
        tags=dict(type='dict'),
        purge_tags=dict(type='bool', default=True),
        launch_permissions=dict(type='list', elements='str'),
        deprecated=dict(type='bool'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        unshare=dict(type='bool', default=False),
        force=dict(type='bool', default=False),
        delete_snapshots=dict(type='bool', default=False),
        boot_mode=dict(type='str', choices=['BIOS', 'UEFI', 'UEFI-Preferred']),
        nvme_support=dict(type='str', choices=list(NVME_SUPPORT)),
        imds_support=dict(type='str', choices=['v1', 'v2']),
        wait_timeout=dict(type='int', default=600),
        poll_interval=dict(type='int', default=5),
    )


def check_image_options(options):
    """The options the argument spec cannot check, before any API call; returns the accounts to share with (a
    sorted list), or None when launch_permissions is not set."""
    if not (options.get('image_id') or '').strip() and not (options.get('name') or '').strip():
        raise OptionError('image_id', 'expected image_id or name (the image, found by id or by exact name)')
    if options.get('name'):
        check_image_name(options['name'])
    check_description(options.get('description'))
    family = options.get('image_family')
    if family is not None:
        if not family:
            raise OptionError('image_family', 'a family cannot be removed once set (the API keeps it); name another '
                                              'family, or leave image_family unset')
        check_image_name(family, 'image_family')
    if options.get('tags') is not None:
        tag_parameters(options['tags'])
    check_wait_options(options)
    accounts = check_accounts(options.get('launch_permissions'))
    if options.get('deprecated') and accounts:
        raise OptionError('deprecated', 'the API deprecates only images that are not shared: set launch_permissions '
                                        'to [] too')
    return accounts


def view(image, shares):
    """What diff mode shows of an image."""
    if image is None:
        return {}
    shown = dict(image_id=image['image_id'], image_name=image['image_name'], description=image['description'],
                 image_family=image['image_family'], tags=dict(image['tags']),
                 deprecated=image['status'] == 'Deprecated')
    shown.update((key, image.get(key)) for key, dummy in FEATURES)
    if shares is not None:
        shown['launch_permissions'] = list(shares)
    return shown


class Plan:
    """The writes that bring an image to what the options declare, in the order the API needs: un-deprecated before
    it is shared, unshared before it is deprecated."""

    def __init__(self, image, shares, options, accounts):
        self.attributes = {}
        for option, name, current in (('description', 'Description', image['description']),
                                      ('image_family', 'ImageFamily', image['image_family'])):
            if options.get(option) is not None and options[option] != current:
                self.attributes[name] = options[option]
        if options.get('image_id') and options.get('name') and options['name'] != image['image_name']:
            self.attributes['ImageName'] = options['name']
        for key, parameter in FEATURES:
            if options.get(key) and options[key] != image.get(key):
                self.attributes[parameter] = options[key]
        tags = options.get('tags')
        wanted = tag_values(tags)
        self.tag = dict((k, v) for k, v in wanted.items() if image['tags'].get(k) != v)
        self.untag = sorted(set(image['tags']) - set(wanted)) if tags is not None and options.get('purge_tags') else []
        self.share = sorted(set(accounts) - set(shares)) if accounts is not None else []
        self.unshare = sorted(set(shares) - set(accounts)) if accounts is not None else []
        deprecated = options.get('deprecated')
        is_deprecated = image['status'] == 'Deprecated'
        self.status = None if deprecated is None or deprecated == is_deprecated else (
            'Deprecated' if deprecated else 'Available')
        if (self.attributes or self.status) and image['status'] not in ('Available', 'Deprecated'):
            raise WorkFailed('image %s is %s: its attributes can change only once it is Available (wait for the import '
                             'or copy first)' % (image['image_id'], image['status']), image=image)

    @property
    def changes(self):
        return bool(self.attributes or self.tag or self.untag or self.share or self.unshare or self.status)

    def apply(self, images, image):
        image_id = image['image_id']
        if self.status == 'Available':
            images.modify_attributes(image_id, {'Status': 'Available'})
        if self.attributes:
            images.modify_attributes(image_id, self.attributes)
        images.untag(image_id, self.untag)
        images.tag(image_id, self.tag)
        images.share(image_id, add=self.share, remove=self.unshare)
        if self.status == 'Deprecated':
            images.modify_attributes(image_id, {'Status': 'Deprecated'})

    def applied_to(self, image, shares):
        """The image and its shares as they are once the plan is applied."""
        after = dict(image, tags=dict((k, v) for k, v in image['tags'].items() if k not in self.untag))
        after['tags'].update(self.tag)
        names = dict({'ImageName': 'image_name', 'Description': 'description', 'ImageFamily': 'image_family'},
                     **dict((parameter, key) for key, parameter in FEATURES))
        after.update((names[name], value) for name, value in self.attributes.items())
        if self.status:
            after['status'] = self.status
        return after, sorted((set(shares) | set(self.share)) - set(self.unshare))


def run_image(options, check_mode=False, clock=None):
    """Bring an image to what module options declare, or delete it; never raises for expected failures."""
    present = options.get('state', 'present') == 'present'

    def work(client, result):
        accounts = check_image_options(options)
        images = ImageService(client)
        image = find_image(images, options.get('image_id'), options.get('name'), missing_ok=not present)
        result.update(image=image, image_id=(image or {}).get('image_id'))
        if present:
            manage(images, image, options, accounts, check_mode, result)
        else:
            if options.get('delete_snapshots'):
                result.update(snapshots_deleted=[], snapshots_kept=[])
            if image is not None:
                delete(images, image, options, check_mode, result, clock)

    result = dict(changed=False, image_id=None, image=None, launch_permissions=None, diff=dict(before={}, after={}))
    return run_work(options, result, work, clock)


def manage(images, image, options, accounts, check_mode, result):
    shares = images.shared_accounts(image['image_id']) if accounts is not None else None
    plan = Plan(image, shares or [], options, accounts)
    after, shares_after = plan.applied_to(image, shares or [])
    result['diff'] = dict(before=view(image, shares), after=view(after, shares_after if accounts is not None else None))
    result['changed'] = plan.changes
    if plan.changes and not check_mode:
        plan.apply(images, image)
    result.update(image=after, launch_permissions=shares_after if accounts is not None else None)


def delete(images, image, options, check_mode, result, clock):
    """Delete the image: a copy still being made is cancelled instead; a shared image only with unshare, an image
    instances use only with force; with delete_snapshots, its snapshots once it is gone."""
    if image['status'] in COPYING_STATUSES and image.get('is_copied'):
        result['diff'] = dict(before=view(image, None), after={})
        if not check_mode:
            images.cancel_copy(image['image_id'])
        result.update(changed=True, cancelled=True)
        return
    shares = images.shared_accounts(image['image_id'])
    result['diff'] = dict(before=view(image, shares), after={})
    if shares and not options.get('unshare'):
        raise WorkFailed('image %s is shared with %d account(s) (%s): the API deletes only images that are not shared; '
                         'set unshare: true to remove the shares and delete it' % (
                             image['image_id'], len(shares), ', '.join(shares)), launch_permissions=shares)
    if image.get('usage') == 'instance' and not options.get('force'):
        raise WorkFailed('image %s is used by instances: set force: true to delete it all the same (those instances '
                         'can then no longer re-initialise their disks from it)' % image['image_id'])
    result.update(changed=True, launch_permissions=[])
    waiter = None
    if options.get('delete_snapshots'):  # only then is there a wait: until the image is gone
        waiter = waiter_for(options, clock)
        images.tasks.deadline = waiter.deadline
    retirement = Retirement(images, unshare=True, force=bool(options.get('force')),
                            delete_snapshots=options.get('delete_snapshots'), check_mode=check_mode)
    retired = retirement.retire([image], waiter, shares_read={image['image_id']: shares}).as_dict()
    if options.get('delete_snapshots'):
        result.update(snapshots_deleted=retired['snapshots_deleted'], snapshots_kept=retired['snapshots_kept'])
