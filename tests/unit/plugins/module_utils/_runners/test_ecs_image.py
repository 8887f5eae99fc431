# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._module.clients import ecs_client
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image import run_image

ACCOUNTS = [str(1000 + n) for n in range(12)]
READS = ('DescribeImages', 'DescribeImageSharePermission')


def image_options(emulator, **overrides):
    options = emulator.options(image_id=None, name='golden', description=None, image_family=None, tags=None,
                               purge_tags=True, launch_permissions=None, deprecated=None, state='present',
                               unshare=False, force=False)
    options.update(overrides)
    return options


@pytest.fixture
def world(emulator_factory):
    return emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'tags': {'old': 'x'}},
                                        {'image_id': 'm-used', 'image_name': 'used'}],
                             'instances': [{'instance_id': 'i-1', 'image_id': 'm-used'}]})


def counts(emulator):
    return emulator.requests()['by_action']


def writes(emulator):
    return dict((action, n) for action, n in counts(emulator).items() if action not in READS)


def shown(emulator, image_id='m-golden'):
    """The image as the emulator holds it; None once DeleteImage took it."""
    found = [i for i in emulator.control('GET', 'images')['images'] if i['ImageId'] == image_id and not i['Deleting']]
    return found[0] if found else None


def test_twelve_accounts_go_in_two_calls_and_back_to_three_in_one(world):
    outcome = run_image(image_options(world, launch_permissions=ACCOUNTS))
    assert not outcome.failed and outcome.result['changed'] is True
    assert writes(world) == {'ModifyImageSharePermission': 2}
    assert shown(world)['SharedWith'] == sorted(ACCOUNTS) == outcome.result['launch_permissions']
    world.control('DELETE', 'requests')
    outcome = run_image(image_options(world, launch_permissions=ACCOUNTS[:3]))
    assert not outcome.failed and writes(world) == {'ModifyImageSharePermission': 1}
    assert shown(world)['SharedWith'] == sorted(ACCOUNTS[:3])


def test_shares_are_read_back_through_every_page(world):
    assert not run_image(image_options(world, launch_permissions=[str(n) for n in range(1000, 1050)])).failed
    world.control('DELETE', 'requests')
    outcome = run_image(image_options(world, launch_permissions=[str(n) for n in range(1000, 1050)]))
    assert not outcome.failed and outcome.result['changed'] is False and writes(world) == {}


def test_every_attribute_changes_once_and_a_rerun_writes_nothing(world):
    options = image_options(world, description='The golden image', image_family='golden-web', tags={'team': 'web'},
                            launch_permissions=['1001'])
    outcome = run_image(options)
    assert not outcome.failed and outcome.result['changed'] is True
    assert writes(world) == {'ModifyImageAttribute': 1, 'UntagResources': 1, 'TagResources': 1,
                             'ModifyImageSharePermission': 1}
    image = shown(world)
    assert (image['Description'], image['ImageFamily']) == ('The golden image', 'golden-web')
    assert image['Tags']['Tag'] == [{'TagKey': 'team', 'TagValue': 'web'}]
    world.control('DELETE', 'requests')
    outcome = run_image(options)
    assert not outcome.failed and outcome.result['changed'] is False and writes(world) == {}


def test_purge_tags_false_keeps_the_other_tags(world):
    assert not run_image(image_options(world, tags={'team': 'web'}, purge_tags=False)).failed
    assert shown(world)['Tags']['Tag'] == [{'TagKey': 'old', 'TagValue': 'x'}, {'TagKey': 'team', 'TagValue': 'web'}]


def test_an_omitted_option_changes_nothing_and_an_empty_list_unshares_all(world):
    assert not run_image(image_options(world, launch_permissions=ACCOUNTS[:2])).failed
    world.control('DELETE', 'requests')
    outcome = run_image(image_options(world, description='Other text'))
    assert not outcome.failed and writes(world) == {'ModifyImageAttribute': 1}
    assert shown(world)['SharedWith'] == sorted(ACCOUNTS[:2]) and outcome.result['launch_permissions'] is None
    assert not run_image(image_options(world, launch_permissions=[])).failed
    assert shown(world)['SharedWith'] == []


def test_check_mode_writes_nothing_and_diff_shows_before_and_after(world):
    outcome = run_image(image_options(world, image_id='m-golden', name='golden-2', image_family='web',
                                      launch_permissions=['1001']), check_mode=True)
    assert not outcome.failed and outcome.result['changed'] is True and writes(world) == {}
    diff = outcome.result['diff']
    assert (diff['before']['image_name'], diff['after']['image_name']) == ('golden', 'golden-2')
    assert (diff['before']['launch_permissions'], diff['after']['launch_permissions']) == ([], ['1001'])
    assert shown(world)['ImageName'] == 'golden' and shown(world)['SharedWith'] == []


def test_deprecation_goes_after_unsharing_and_back(world):
    assert not run_image(image_options(world, launch_permissions=['1001'])).failed
    outcome = run_image(image_options(world, deprecated=True, launch_permissions=[]))
    assert not outcome.failed, outcome.message
    assert shown(world)['Status'] == 'Deprecated'
    outcome = run_image(image_options(world, deprecated=False, launch_permissions=['1001']))
    assert not outcome.failed, outcome.message
    assert shown(world)['Status'] == 'Available' and shown(world)['SharedWith'] == ['1001']


def test_a_creating_image_keeps_its_attributes_with_a_clear_failure(world):
    world.control('POST', 'images', {'images': [{'image_id': 'm-new', 'image_name': 'new', 'status': 'Creating'}]})
    outcome = run_image(image_options(world, name='new', image_family='web'))
    assert outcome.failed and 'image m-new is Creating' in outcome.message and writes(world) == {}


def test_a_lost_share_answer_is_read_back_not_sent_blindly(world):
    world.fault(kind='drop_answer', action='ModifyImageSharePermission', count=1)
    outcome = run_image(image_options(world, launch_permissions=ACCOUNTS[:3]))
    assert not outcome.failed, outcome.message
    assert writes(world) == {'ModifyImageSharePermission': 1}  # it was carried out: nothing left to send
    assert counts(world)['DescribeImageSharePermission'] == 2
    assert shown(world)['SharedWith'] == sorted(ACCOUNTS[:3])


def test_an_unknown_image_fails_naming_the_option(world):
    outcome = run_image(image_options(world, name='gold'))
    assert outcome.failed and outcome.message.startswith("image_name: no custom image named exactly 'gold'")


# --- deletion ----------------------------------------------------------------------------------------

def test_a_shared_image_is_refused_then_deleted_with_unshare(world):
    assert not run_image(image_options(world, launch_permissions=ACCOUNTS[:2])).failed
    world.control('DELETE', 'requests')
    outcome = run_image(image_options(world, state='absent'))
    assert outcome.failed and 'shared with 2 account(s) (1000, 1001)' in outcome.message and writes(world) == {}
    outcome = run_image(image_options(world, state='absent', unshare=True))
    assert not outcome.failed and outcome.result['changed'] is True
    assert writes(world) == {'ModifyImageSharePermission': 1, 'DeleteImage': 1} and shown(world) is None


def test_an_image_in_use_is_refused_unless_forced(world):
    outcome = run_image(image_options(world, name='used', state='absent'))
    assert outcome.failed and 'used by instances: set force: true' in outcome.message and writes(world) == {}
    outcome = run_image(image_options(world, name='used', state='absent', force=True))
    assert not outcome.failed and shown(world, 'm-used') is None


def test_a_copy_being_made_is_cancelled_instead(emulator_factory):
    running = emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden'}],
                                'copy_seconds_per_gib': 1000})
    copied = ecs_client(running.options()).call('CopyImage', {
        'RegionId': 'cn-hangzhou', 'ImageId': 'm-golden', 'DestinationRegionId': 'cn-shanghai',
        'DestinationImageName': 'golden'})
    outcome = run_image(image_options(running, region='cn-shanghai', state='absent'))
    assert not outcome.failed and outcome.result['cancelled'] is True
    assert counts(running)['CancelCopyImage'] == 1 and 'DeleteImage' not in counts(running)
    assert shown(running, copied['ImageId']) is None


def test_an_image_already_gone_is_no_change(world):
    outcome = run_image(image_options(world, image_id='m-gone', name=None, state='absent'))
    assert not outcome.failed and outcome.result['changed'] is False and writes(world) == {}


def test_deletion_in_check_mode_writes_nothing(world):
    outcome = run_image(image_options(world, state='absent'), check_mode=True)
    assert not outcome.failed and outcome.result['changed'] is True and writes(world) == {}
    assert outcome.result['diff']['after'] == {} and outcome.result['diff']['before']['image_id'] == 'm-golden'


def test_delete_snapshots_frees_the_images_own_snapshot_once_it_is_gone_and_keeps_a_shared_one(emulator_factory):
    world = emulator_factory({'delete_polls': 2, 'images': [
        {'image_id': 'm-golden', 'image_name': 'golden', 'snapshot_ids': ['s-own', 's-both']},
        {'image_id': 'm-other', 'image_name': 'other', 'snapshot_ids': ['s-both']}]})
    outcome = run_image(image_options(world, state='absent', delete_snapshots=True, wait_timeout=30, poll_interval=0))
    assert not outcome.failed, outcome.message
    assert outcome.result['snapshots_deleted'] == ['s-own']
    assert outcome.result['snapshots_kept'] == [{'snapshot_id': 's-both', 'reason': 'used by another image'}]
    actions = [r['action'] for r in world.requests()['requests']]
    assert actions.index('TagResources') < actions.index('DeleteImage') < actions.index('DeleteSnapshot')
    # the image is listed twice more while DeleteImage ends: the snapshot is deleted only after that
    gone_checks = [r for r in world.requests()['requests'] if r['action'] == 'DescribeImages'
                   and r['params'].get('ImageId') == 'm-golden']
    assert len(gone_checks) == 3
    assert [s['SnapshotId'] for s in world.control('GET', 'snapshots')['snapshots']] == ['s-both']


def test_without_delete_snapshots_the_snapshot_stays_and_nothing_waits(emulator_factory):
    world = emulator_factory({'delete_polls': 2, 'images': [
        {'image_id': 'm-golden', 'image_name': 'golden', 'snapshot_ids': ['s-own']}]})
    outcome = run_image(image_options(world, state='absent'))
    assert not outcome.failed and 'snapshots_deleted' not in outcome.result
    assert counts(world) == {'DescribeImages': 1, 'DescribeImageSharePermission': 1, 'DeleteImage': 1}
    assert [s['SnapshotId'] for s in world.control('GET', 'snapshots')['snapshots']] == ['s-own']


def test_boot_mode_and_features_are_set_where_they_differ(world):
    outcome = run_image(image_options(world, boot_mode='UEFI', nvme_support='supported', imds_support='v1'))
    assert not outcome.failed and outcome.result['changed'] is True
    assert outcome.result['diff']['after']['nvme_support'] == 'supported'
    image = shown(world)
    assert (image['BootMode'], image['Features']) == ('UEFI', {'NvmeSupport': 'supported', 'ImdsSupport': 'v1'})
    modify = [r['params'] for r in world.requests()['requests'] if r['action'] == 'ModifyImageAttribute']
    assert modify == [{'RegionId': 'cn-hangzhou', 'ImageId': 'm-golden', 'BootMode': 'UEFI',
                       'Features.NvmeSupport': 'supported'}]
    again = run_image(image_options(world, boot_mode='UEFI', nvme_support='supported'))
    assert again.result['changed'] is False
