# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's control API on /_emulator/ (tests/emulator/README.md): a route table of short handlers, each
called under the server's lock with the emulator, the JSON body and the path's last part where the route has one.
A new control call is a handler here and a line in ROUTES."""

from __future__ import absolute_import, division, print_function

import time

from .clock import Polls
from .distribution import check_copy_conflict
from .model import check_quirks, check_task_polls
from .oss import Wan


def health(emulator, request):
    return 200, {'status': 'ok', 'time_scale': emulator.time_scale, 'now': emulator.world.clock.now()}


def show_clock(emulator, request):
    return 200, emulator.world.clock.describe()


def set_clock(emulator, request):
    """{"freeze": true} stops emulated time, {"freeze": false} lets it run on, {"advance": N} moves it N seconds on;
    together, in that order."""
    clock = emulator.world.clock
    if request.get('freeze') is True:
        clock.freeze()
    elif request.get('freeze') is False:
        clock.thaw()
    clock.advance(float(request.get('advance') or 0))
    return 200, clock.describe()


def set_copy_polls(emulator, value):
    Polls.from_spec(value)
    emulator.world.copy_polls = value


def set_delete_polls(emulator, value):
    Polls.from_spec(value)
    emulator.world.delete_polls = value


def reset(emulator, request):
    emulator.reset()
    return 200, {'status': 'reset'}


def list_tasks(emulator, request):
    now = emulator.world.clock.now()
    return 200, {'tasks': [dict(t.describe(now), Region=t.region, Progress=t.progress(now))
                           for t in emulator.world.tasks.values()]}


def seed_tasks(emulator, request):
    world = emulator.world
    specs = list(request.get('tasks') or [])
    specs.extend(dict(request.get('template') or {}) for dummy in range(int(request.get('count') or 0)))
    tasks = [world.seed(spec) for spec in specs]
    return 200, {'tasks': [dict(t.describe(world.clock.now()), Region=t.region) for t in tasks]}


def update_task(emulator, request, task_id):
    world = emulator.world
    if task_id not in world.tasks:
        return 404, {'error': 'no task %s' % task_id}
    task = world.update_task(task_id, request)
    return 200, dict(task.describe(world.clock.now()), Region=task.region)


def list_images(emulator, request):
    world = emulator.world
    now = world.clock.now()
    return 200, {'images': [dict(i.describe(now, world.api_time, world.percent, world.image_in_use(i)),
                                 Region=i.region, SharedWith=sorted(i.shares), Deleting=i.deletion is not None)
                            for i in world.listed_images(now)]}


def seed_images(emulator, request):
    world = emulator.world
    images = [world.seed_image(spec) for spec in request.get('images') or []]
    now = world.clock.now()
    return 200, {'images': [dict(i.describe(now, world.api_time, world.percent), Region=i.region) for i in images]}


def list_snapshots(emulator, request):
    world = emulator.world
    now = world.clock.now()
    return 200, {'snapshots': [{'SnapshotId': s.snapshot_id, 'Region': s.region, 'Usage': world.snapshot_usage(s, now),
                                'Tags': dict(s.tags)} for s in sorted(world.snapshots.values(),
                                                                      key=lambda s: (s.created, s.snapshot_id))]}


def add_disks(emulator, request):
    emulator.world.disks.extend(dict(disk) for disk in request.get('disks') or [])
    return 200, {'disks': emulator.world.disks}


def add_instances(emulator, request):
    emulator.world.instances.extend(dict(instance) for instance in request.get('instances') or [])
    return 200, {'instances': emulator.world.instances}


def show_bucket(emulator, request, name):
    buckets = emulator.world.buckets
    bucket = buckets.get(name)
    if bucket is None:
        return 404, {'error': 'no bucket %s' % name}
    return 200, {'name': name, 'region': bucket.get('region', 'cn-hangzhou'),
                 'role_granted': bucket.get('role_granted', True), 'objects': buckets.objects(bucket),
                 'uploads': sorted(u['key'] for u in emulator.oss.uploads.values() if u['bucket'] == name)}


def set_bucket(emulator, request, name):
    buckets = emulator.world.buckets
    bucket = buckets.ensure(name, request.get('region', 'cn-hangzhou'))
    if 'role_granted' in request:
        bucket['role_granted'] = bool(request['role_granted'])
    if 'export_outcome' in request:
        bucket['export_outcome'] = request['export_outcome']
    bucket['objects'].update(request.get('objects') or {})
    for upload in emulator.oss.uploads.values():
        if upload['bucket'] == name:
            upload['initiated'] -= float(request.get('age_uploads_seconds') or 0)
    return 200, {'name': name, 'objects': buckets.objects(bucket)}


def add_fault(emulator, request):
    emulator.faults.add(request)
    return 200, {'faults': emulator.faults.injected}


def clear_faults(emulator, request):
    emulator.faults.clear()
    return 200, {'faults': []}


def request_log(emulator, request):
    return 200, dict(emulator.counters(), requests=emulator.log)


def clear_request_log(emulator, request):
    del emulator.log[:]
    return 200, emulator.counters()


def set_metadata_mode(emulator, mode):
    if mode not in ('both', 'hardened', 'plain'):
        raise ValueError('metadata_mode must be both, hardened or plain')
    emulator.world.metadata_mode = mode


# The settings of POST config, applied in this order.
SETTINGS = (
    ('wan', lambda emulator, value: setattr(emulator.oss, 'wan', Wan(**(value or {})))),
    ('metadata_mode', set_metadata_mode),
    ('sts_token_seconds', lambda emulator, value: setattr(emulator.world, 'sts_seconds', value)),
    ('quirks', lambda emulator, value: setattr(emulator.world, 'quirks', check_quirks(value or {}))),
    ('failing_copy_regions', lambda emulator, value: setattr(emulator.world, 'failing_copy_regions', set(value or ()))),
    ('copy_concurrency', lambda emulator, value: setattr(emulator.world, 'copy_concurrency', int(value))),
    ('chaos', lambda emulator, value: emulator.faults.set_chaos(value)),
    ('task_polls', lambda emulator, value: setattr(emulator.world, 'task_polls', check_task_polls(value or {}))),
    ('copy_polls', set_copy_polls),
    ('copy_conflict', lambda emulator, value: setattr(emulator.world, 'copy_conflict', check_copy_conflict(value))),
    ('delete_polls', set_delete_polls),
)


def configure(emulator, request):
    for name, apply in SETTINGS:
        if name in request:
            apply(emulator, request[name])
    world = emulator.world
    return 200, {'metadata_mode': world.metadata_mode, 'sts_token_seconds': world.sts_seconds,
                 'quirks': world.quirks, 'failing_copy_regions': sorted(world.failing_copy_regions),
                 'copy_concurrency': world.copy_concurrency, 'chaos': emulator.faults.chaos_random is not None,
                 'task_polls': world.task_polls, 'copy_polls': world.copy_polls,
                 'copy_conflict': world.copy_conflict, 'delete_polls': world.delete_polls,
                 'wan': {'rtt_ms': emulator.oss.wan.rtt * 1000, 'mib_per_s': emulator.oss.wan.rate / (1 << 20),
                         'link_mib_per_s': emulator.oss.wan.link_rate / (1 << 20)}}


def add_key(emulator, request):
    spec = dict(request)
    if request.get('expires_in') is not None:
        spec['expires'] = time.time() + float(request['expires_in'])
    return 200, {'id': emulator.world.add_key(spec)}


def used_actions(emulator, request):
    """The RAM actions each access key was allowed, and its account; DELETE requests leaves them."""
    world = emulator.world
    return 200, {'keys': dict((key_id, {'account_id': world.keys[key_id]['account_id'], 'actions': sorted(actions)})
                              for key_id, actions in world.used_actions.items() if key_id in world.keys)}


# (method, path): handler; "*" stands for any method, or for the path's last part (passed to the handler).
ROUTES = {
    ('*', 'health'): health,
    ('GET', 'clock'): show_clock,
    ('POST', 'clock'): set_clock,
    ('POST', 'reset'): reset,
    ('GET', 'tasks'): list_tasks,
    ('POST', 'tasks'): seed_tasks,
    ('POST', 'tasks/*'): update_task,
    ('GET', 'images'): list_images,
    ('POST', 'images'): seed_images,
    ('POST', 'instances'): add_instances,
    ('GET', 'snapshots'): list_snapshots,
    ('POST', 'disks'): add_disks,
    ('GET', 'oss/*'): show_bucket,
    ('POST', 'oss/*'): set_bucket,
    ('POST', 'faults'): add_fault,
    ('DELETE', 'faults'): clear_faults,
    ('GET', 'requests'): request_log,
    ('DELETE', 'requests'): clear_request_log,
    ('POST', 'config'): configure,
    ('POST', 'keys'): add_key,
    ('GET', 'access'): used_actions,
}


def handle(emulator, method, parts, request):
    """(status, document) of a control call; ValueError, TypeError or KeyError for a bad request."""
    route = parts[0] if len(parts) == 1 else parts[0] + '/*' if len(parts) == 2 else None
    handler = ROUTES.get((method, route)) or ROUTES.get(('*', route))
    if handler is None:
        return 404, {'error': 'no control endpoint %s %s' % (method, '/'.join(parts))}
    return handler(emulator, request, *parts[1:])
