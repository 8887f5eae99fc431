# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._runners.ecs_image_copy import run_image_copy
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._ecs.images import ImageService

REGIONS = ['cn-shanghai', 'cn-beijing', 'cn-shenzhen']
WRITES = ('CopyImage', 'CancelCopyImage', 'ModifyImageAttribute', 'TagResources', 'UntagResources', 'DeleteImage',
          'ModifyImageSharePermission')


def copy_options(emulator, **overrides):
    options = emulator.options(image_id='m-golden', image_name=None, destination_regions=list(REGIONS), name=None,
                               description=None, encrypted=False, kms_key_id=None, tags={'team': 'web'},
                               image_family='golden-web', state='present', wait=True, wait_timeout=30,
                               poll_interval=0.05)
    options.update(overrides)
    return options


@pytest.fixture
def world(emulator_factory):
    """A 10 GiB source whose copies are Creating in the answers of 2 DescribeImages calls, then Available."""
    return emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'size': 10,
                                         'description': 'Golden image'}],
                             'copy_polls': 2})


def counts(emulator, key='by_action'):
    return emulator.requests()[key]


def writes(emulator):
    return dict((action, n) for action, n in counts(emulator).items() if action in WRITES)


def copies_named(emulator, name='golden'):
    return sorted(i['Region'] for i in emulator.control('GET', 'images')['images']
                  if i['ImageName'] == name and i['IsCopied'])


@pytest.mark.parametrize('copy_conflict, conflicts, polls', [
    ('same_region', 0, 3),  # the vendor's reading: the three copies run side by side, each Creating in 2 answers
    ('any_region', 2, 3 * 3),  # the strict reading: refused at the start, then when the first was done
])
def test_a_copy_to_three_regions_makes_one_copy_each_with_tags_and_family(emulator_factory, copy_conflict, conflicts,
                                                                          polls):
    world = emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'size': 10,
                                          'description': 'Golden image'}],
                              'copy_polls': 2, 'copy_conflict': copy_conflict})
    outcome = run_image_copy(copy_options(world))
    assert not outcome.failed, outcome.message
    copies = outcome.result['copies']
    assert [c['region'] for c in copies] == REGIONS
    assert all(c['status'] == 'Available' and c['copied'] and not c['adopted'] for c in copies)
    released = outcome.result['source']['creation_time']
    tags = {'team': 'web', 'alicloud_ops.ecs:release-time': released}
    assert all(c['image_family'] == 'golden-web' and c['tags'] == tags for c in copies)
    assert copies_named(world) == sorted(REGIONS)
    by_code = counts(world, 'by_code')
    started = [r for r in world.requests()['requests'] if r['action'] == 'CopyImage' and r['code'] == 'OK']
    assert len(started) == 3
    assert by_code.get('OperationDenied.ImageCopyConflict', 0) == conflicts
    assert outcome.result['polls'] == polls
    images = dict((i['ImageId'], i) for i in world.control('GET', 'images')['images'])
    for copy in copies:
        assert images[copy['image_id']]['ImageFamily'] == 'golden-web'
        assert images[copy['image_id']]['Tags']['Tag'] == [{'TagKey': 'alicloud_ops.ecs:release-time',
                                                            'TagValue': released}, {'TagKey': 'team', 'TagValue': 'web'}]
    assert outcome.result['image_ids'] == dict((c['region'], c['image_id']) for c in copies)


@pytest.mark.parametrize('regions', [1, 3])
@pytest.mark.parametrize('copy_conflict', ['same_region', 'any_region'])
def test_each_poll_round_reads_each_region_with_a_copy_being_made_once(emulator_factory, regions, copy_conflict):
    world = emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'size': 10}],
                              'copy_polls': 2, 'copy_conflict': copy_conflict})
    outcome = run_image_copy(copy_options(world, destination_regions=REGIONS[:regions], poll_interval=0.02))
    assert not outcome.failed, outcome.message
    reads = counts(world)['DescribeImages'] - 1 - regions  # the source, then each region's copy looked for by name
    if copy_conflict == 'any_region':
        # one copy is made at a time: a round reads the region of that copy only, three rounds a copy
        assert outcome.result['polls'] == 3 * regions and reads == outcome.result['polls']
    else:
        # side by side: three rounds, each reading every region
        assert outcome.result['polls'] == 3 and reads == 3 * regions


def test_an_unchanged_rerun_makes_no_write_call(world):
    assert not run_image_copy(copy_options(world)).failed
    world.control('DELETE', 'requests')
    outcome = run_image_copy(copy_options(world))
    assert not outcome.failed and outcome.result['changed'] is False
    assert counts(world) == {'DescribeImages': 4}
    assert all(c['adopted'] and not c['copied'] for c in outcome.result['copies'])


def test_a_lost_copy_answer_leaves_exactly_one_copy_in_each_region(world):
    world.fault(kind='drop_answer', action='CopyImage', count=1)
    outcome = run_image_copy(copy_options(world))
    assert not outcome.failed, outcome.message
    assert copies_named(world) == sorted(REGIONS)
    assert counts(world, 'by_code')['AnswerDropped'] == 1


def test_a_failed_copy_fails_at_once_naming_region_and_image(emulator_factory):
    running = emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'size': 10}],
                                'copy_polls': 0, 'failing_copy_regions': ['cn-shanghai']})
    outcome = run_image_copy(copy_options(running, destination_regions=['cn-shanghai'], poll_interval=30))
    failed = outcome.result['copies'][0]
    assert outcome.failed and 'cn-shanghai image %s is CreateFailed' % failed['image_id'] in outcome.message
    assert outcome.result['polls'] == 1  # the first poll saw it; no sleep of poll_interval
    assert failed['status'] == 'CreateFailed'


def test_check_mode_after_a_refusal_queues_only_the_regions_not_dry_run(world):
    world.fault(kind='error', code='OperationDenied.ImageCopyConflict', status=403, action='CopyImage', after=1)
    outcome = run_image_copy(copy_options(world, destination_regions=REGIONS[:2]), check_mode=True)
    first, second = outcome.result['copies']
    assert (first['copied'], first['queued']) == (True, False)
    assert (second['copied'], second['queued']) == (False, True)


def test_check_mode_dry_runs_a_copy_for_each_region_and_copies_nothing(world):
    outcome = run_image_copy(copy_options(world), check_mode=True)
    assert not outcome.failed and outcome.result['changed'] is True
    assert counts(world, 'by_code')['DryRunOperation'] == 3
    assert copies_named(world) == [] and writes(world) == {'CopyImage': 3}
    assert all(c['copied'] and c['image_id'] is None for c in outcome.result['copies'])


def test_an_image_of_that_name_in_any_state_is_adopted(world):
    world.control('POST', 'images', {'images': [{'image_name': 'golden', 'region': 'cn-shanghai', 'status': 'Creating'},
                                                {'image_name': 'golden-2', 'region': 'cn-beijing'}]})
    outcome = run_image_copy(copy_options(world, destination_regions=['cn-shanghai'], wait=False))
    assert not outcome.failed and outcome.result['copies'][0]['adopted'] is True
    assert 'CopyImage' not in counts(world)
    world.control('DELETE', 'requests')
    outcome = run_image_copy(copy_options(world, destination_regions=['cn-beijing'], wait=False))  # golden-2 is not it
    assert not outcome.failed and outcome.result['copies'][0]['copied'] is True


def test_an_adopted_copy_gets_the_tags_and_family_it_lacks(world):
    world.control('POST', 'images', {'images': [{'image_id': 'm-old', 'image_name': 'golden', 'region': 'cn-shanghai',
                                                 'tags': {'team': 'db', 'keep': 'me'}}]})
    outcome = run_image_copy(copy_options(world, destination_regions=['cn-shanghai']))
    assert not outcome.failed and outcome.result['changed'] is True
    assert writes(world) == {'TagResources': 1, 'ModifyImageAttribute': 1}
    image = [i for i in world.control('GET', 'images')['images'] if i['ImageId'] == 'm-old'][0]
    assert image['Tags']['Tag'] == [{'TagKey': 'alicloud_ops.ecs:release-time',
                                     'TagValue': outcome.result['source']['creation_time']},
                                    {'TagKey': 'keep', 'TagValue': 'me'}, {'TagKey': 'team', 'TagValue': 'web'}]


def test_without_wait_one_round_starts_what_the_api_takes_and_the_next_run_the_rest(emulator_factory):
    running = emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'size': 10}],
                                'copy_polls': 1, 'copy_conflict': 'any_region'})
    outcome = run_image_copy(copy_options(running, destination_regions=REGIONS[:2], wait=False))
    assert not outcome.failed and outcome.result['changed'] is True, outcome.message
    first, second = outcome.result['copies']
    assert first['copied'] and first['status'] == 'Waiting' and first['image_family'] is None
    assert second['queued'] and not second['copied'] and second['image_id'] is None
    assert outcome.result['polls'] == 0 and 'ModifyImageAttribute' not in counts(running)
    running.control('DELETE', 'requests')
    # the role's loop: one round a poll until every copy is Available; each round looks for the copies by name, which
    # observes them: the second copy starts once the first is done, and the third round sees both Available
    for rounds in range(1, 10):
        outcome = run_image_copy(copy_options(running, destination_regions=REGIONS[:2], wait=False))
        assert not outcome.failed, outcome.message
        if all(c['status'] == 'Available' for c in outcome.result['copies']):
            break
    assert rounds == 3
    assert copies_named(running) == sorted(REGIONS[:2])
    assert [c['image_family'] for c in outcome.result['copies']] == ['golden-web', 'golden-web']
    assert counts(running)['ModifyImageAttribute'] == 2


def test_a_timeout_reports_the_time_and_each_regions_last_state(emulator_factory):
    running = emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'size': 10}],
                                'copy_seconds_per_gib': 1000, 'copy_conflict': 'any_region'})
    outcome = run_image_copy(copy_options(running, destination_regions=REGIONS[:2], wait_timeout=0.3))
    assert outcome.failed and outcome.message.startswith('timed out after 0 s waiting for the copies: ')
    assert 'cn-shanghai m-' in outcome.message and 'cn-beijing queued' in outcome.message


def test_absent_cancels_the_copies_still_being_made_and_leaves_finished_ones(emulator_factory):
    running = emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'size': 10},
                                           {'image_id': 'm-done', 'image_name': 'golden', 'region': 'cn-beijing'}],
                                'copy_seconds_per_gib': 1000})
    assert not run_image_copy(copy_options(running, destination_regions=['cn-shanghai'], wait=False)).failed
    outcome = run_image_copy(copy_options(running, destination_regions=['cn-shanghai', 'cn-beijing'], state='absent'))
    assert not outcome.failed and outcome.result['changed'] is True
    assert [c['cancelled'] for c in outcome.result['copies']] == [True, False]
    assert counts(running)['CancelCopyImage'] == 1
    assert [i['Region'] for i in running.control('GET', 'images')['images'] if i['ImageName'] == 'golden'] \
        == ['cn-hangzhou', 'cn-beijing']


def test_a_source_that_is_not_available_is_refused_before_any_copy(world):
    world.control('POST', 'images', {'images': [{'image_id': 'm-new', 'image_name': 'new', 'status': 'Creating'}]})
    outcome = run_image_copy(copy_options(world, image_id='m-new'))
    assert outcome.failed and 'image m-new in cn-hangzhou is Creating' in outcome.message
    assert 'CopyImage' not in counts(world)


def test_an_unknown_source_name_fails_naming_the_option(world):
    outcome = run_image_copy(copy_options(world, image_id=None, image_name='gold'))
    assert outcome.failed and outcome.message.startswith("image_name: no custom image named exactly 'gold'")


def test_a_copy_made_meanwhile_under_that_name_is_adopted(world, monkeypatch):
    world.control('POST', 'images', {'images': [{'image_id': 'm-theirs', 'image_name': 'golden',
                                                 'region': 'cn-shanghai'}]})
    looked = []
    real = ImageService.find_by_name

    def late(service, name):  # the first look, before another run made its copy
        looked.append(name)
        return None if len(looked) == 1 else real(service, name)
    monkeypatch.setattr(ImageService, 'find_by_name', late)
    outcome = run_image_copy(copy_options(world, destination_regions=['cn-shanghai']))
    assert not outcome.failed, outcome.message
    assert outcome.result['copies'][0]['image_id'] == 'm-theirs' and outcome.result['copies'][0]['adopted']
    assert counts(world, 'by_code')['InvalidImageName.Duplicated'] == 1


def test_per_region_names_and_keys_reach_the_api(emulator_factory):
    running = emulator_factory({'images': [{'image_id': 'm-golden', 'image_name': 'golden', 'size': 1}],
                                'copy_seconds_per_gib': 0, 'kms_keys': [{'key_id': 'key-sh', 'region': 'cn-shanghai'}]})
    outcome = run_image_copy(copy_options(running, encrypted=True, destination_regions=[
        {'region': 'cn-shanghai', 'name': 'golden-sh', 'kms_key_id': 'key-sh'}]))
    assert not outcome.failed, outcome.message
    assert outcome.result['copies'][0]['image_name'] == 'golden-sh'
    outcome = run_image_copy(copy_options(running, encrypted=True, destination_regions=[
        {'region': 'cn-beijing', 'kms_key_id': 'key-sh'}]))
    assert outcome.failed and outcome.result['error']['code'] == 'InvalidParameter.KMSKeyId.NotFound'
