# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors

from __future__ import absolute_import, division, print_function

from ansible_collections.alicloud_ops.ecs.plugins.modules import ecs_image_info
from ansible_collections.alicloud_ops.ecs.tests.unit.conftest import run_module

IMAGES = [{'image_id': 'm-web', 'image_name': 'web'}, {'image_id': 'm-web2', 'image_name': 'web-2'},
          {'image_id': 'm-new', 'image_name': 'new', 'status': 'Creating'},
          {'image_id': 'm-bad', 'image_name': 'bad', 'status': 'CreateFailed'},
          {'image_id': 'm-sys', 'image_name': 'web', 'owner_alias': 'system'}]


def run(capsys, args):
    return run_module(ecs_image_info.main, capsys, args)


def test_finds_exactly_the_name_in_any_state_and_only_custom_images(emulator, capsys):
    emulator.control('POST', 'images', {'images': IMAGES})
    code, result, output = run(capsys, emulator.options(name='web'))
    assert code == 0 and not result['changed'] and [i['image_id'] for i in result['images']] == ['m-web']
    for name, status in (('new', 'Creating'), ('bad', 'CreateFailed')):
        code, result, dummy = run(capsys, emulator.options(name=name))
        assert [i['status'] for i in result['images']] == [status]
    code, result, dummy = run(capsys, emulator.options(name='nothing'))
    assert code == 0 and result['images'] == []
    assert 'emulator-secret' not in output


def test_finds_ids_and_everything(emulator, capsys):
    emulator.control('POST', 'images', {'images': IMAGES})
    code, result, dummy = run(capsys, emulator.options(image_ids=['m-web2', 'm-new', 'm-gone']))
    assert sorted(i['image_id'] for i in result['images']) == ['m-new', 'm-web2']
    code, result, dummy = run(capsys, emulator.options())
    assert sorted(i['image_id'] for i in result['images']) == ['m-bad', 'm-new', 'm-web', 'm-web2']


def test_a_bad_name_fails_before_any_call(emulator, capsys):
    code, result, dummy = run(capsys, emulator.options(name='1bad'))
    assert code == 1 and result['msg'].startswith('name: ') and emulator.requests()['count'] == 0


def test_a_family_holds_whatever_the_api_answers_and_images_come_newest_first(emulator, capsys):
    emulator.control('POST', 'images', {'images': [
        {'image_id': 'm-old', 'image_name': 'web-1', 'image_family': 'web', 'age_seconds': 7200},
        {'image_id': 'm-mid', 'image_name': 'web-2', 'image_family': 'web', 'age_seconds': 3600, 'tags': {'a': 'b'}},
        {'image_id': 'm-db', 'image_name': 'db-1', 'image_family': 'db'}]})
    emulator.control('POST', 'instances', {'instances': [{'instance_id': 'i-1', 'image_id': 'm-mid'}]})
    code, result, dummy = run(capsys, emulator.options(image_family='web'))
    assert code == 0 and [i['image_id'] for i in result['images']] == ['m-mid', 'm-old']
    mid = result['images'][0]
    assert (mid['image_family'], mid['tags'], mid['usage'], mid['is_copied']) == ('web', {'a': 'b'}, 'instance', False)
    code, result, dummy = run(capsys, emulator.options())
    assert [i['image_id'] for i in result['images']] == ['m-db', 'm-mid', 'm-old']


def test_a_family_filter_the_api_ignores_is_applied_here(emulator, capsys, monkeypatch):
    emulator.control('POST', 'images', {'images': [{'image_id': 'm-web', 'image_name': 'web', 'image_family': 'web'},
                                                   {'image_id': 'm-db', 'image_name': 'db', 'image_family': 'db'}]})
    real = emulator.state.world.describe_images
    monkeypatch.setattr(emulator.state.world, 'describe_images',
                        lambda params: real(dict((k, v) for k, v in params.items() if k != 'ImageFamily')))
    code, result, dummy = run(capsys, emulator.options(image_family='web'))
    assert [i['image_id'] for i in result['images']] == ['m-web']


SHAREE = '2000000000000002'
SHARED = [{'image_id': 'm-web-v1', 'image_name': 'web-v1', 'image_family': 'web', 'shared_with': [SHAREE],
           'age_seconds': 60},
          {'image_id': 'm-web-v0', 'image_name': 'web-v0', 'image_family': 'web', 'shared_with': [SHAREE],
           'status': 'Deprecated', 'age_seconds': 120},
          {'image_id': 'm-private', 'image_name': 'private', 'image_family': 'web'},
          {'image_id': 'm-own', 'image_name': 'own', 'owner_id': SHAREE}]


def test_owner_others_lists_the_images_shared_with_the_account_with_their_owner(emulator, capsys):
    emulator.control('POST', 'images', {'images': SHARED})
    emulator.control('POST', 'keys', {'id': 'sharee', 'secret': 'sharee-secret', 'account_id': SHAREE})
    sharee = emulator.options(access_key='sharee', secret_key='sharee-secret')
    code, result, dummy = run(capsys, dict(sharee, owner='others', image_family='web'))
    assert code == 0 and [(i['image_id'], i['owner_alias'], i['owner_id']) for i in result['images']] == [
        ('m-web-v1', 'others', '1234567890123456'), ('m-web-v0', 'others', '1234567890123456')]
    assert result['images'][0]['image_family'] == 'acs:1234567890123456:web'
    code, result, dummy = run(capsys, dict(sharee, owner='others', status=['Available']))
    assert [i['image_id'] for i in result['images']] == ['m-web-v1']
    code, result, dummy = run(capsys, dict(sharee, owner='any'))
    assert sorted(i['image_id'] for i in result['images']) == ['m-own', 'm-web-v0', 'm-web-v1']
    code, result, dummy = run(capsys, sharee)
    assert [(i['image_id'], i['owner_id']) for i in result['images']] == [('m-own', SHAREE)]


def test_status_asks_for_those_states_only(emulator, capsys):
    emulator.control('POST', 'images', {'images': IMAGES})
    code, result, dummy = run(capsys, emulator.options(status=['Creating', 'CreateFailed']))
    assert run(capsys, emulator.options(status=['Gone']))[1]['msg'].startswith('value of status must be one or more of')
    assert code == 0 and sorted(i['image_id'] for i in result['images']) == ['m-bad', 'm-new']
    assert emulator.requests()['requests'][-1]['params']['Status'] == 'Creating,CreateFailed'
