#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Image distribution rows of make bench: the DescribeImages calls a poll round of one wait on copies being made in
1, 3 and 10 regions, and the calls of an unchanged re-run of a copy and of ecs_image, against the emulator (its own
process)."""

import importlib

from bench_support import options

COPY_WRITES = ('CopyImage', 'CancelCopyImage', 'ModifyImageAttribute', 'TagResources', 'UntagResources')
IMAGE_WRITES = COPY_WRITES + ('ModifyImageSharePermission', 'DeleteImage')
REGIONS = ('cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-qingdao', 'cn-zhangjiakou', 'cn-huhehaote',
           'cn-chengdu', 'cn-guangzhou', 'cn-hongkong', 'ap-southeast-1')


def module_utils(name):
    return importlib.import_module('ansible_collections.alicloud_ops.ecs.plugins.module_utils.' + name)


def copy_options(emulator, regions, **extra):
    return options(emulator, image_id='m-bench-source', destination_regions=list(regions), name='bench-copy',
                   tags={'team': 'bench'}, image_family='bench', state='present', wait=True, wait_timeout=1.2,
                   poll_interval=0.2, **extra)


def seed(emulator, regions, status):
    images = [{'image_id': 'm-bench-source', 'image_name': 'bench-source', 'size': 40}]
    images += [{'image_name': 'bench-copy', 'region': region, 'status': status, 'image_family': 'bench',
                'tags': {'team': 'bench'}} for region in regions]
    emulator.control('POST', 'images', {'images': images})


def wait_rows(emulator):
    """A wait on copies still being made (adopted by name, never finishing within the wait's 1.2 s): the calls of
    each round, apart from the source and the look-up by name in each region."""
    copy = module_utils('_runners.ecs_image_copy')
    rows = []
    for count in (1, 3, 10):
        emulator.reset()
        seed(emulator, REGIONS[:count], 'Creating')
        emulator.clear_log()
        outcome = copy.run_image_copy(copy_options(emulator, REGIONS[:count]))
        assert outcome.failed and 'timed out' in outcome.message, outcome.message
        polls = outcome.result['polls']
        per_round = (emulator.calls('DescribeImages') - 1 - count) / float(polls)
        rows.append(('ecs_image_copy wait on copies in %d region(s): DescribeImages calls a poll round' % count,
                     per_round, 'at most %d (one a region)' % count, per_round <= count))
    return rows


def rerun_rows(emulator):
    copy = module_utils('_runners.ecs_image_copy')
    manage = module_utils('_runners.ecs_image')
    emulator.reset()
    seed(emulator, REGIONS[:3], 'Available')
    first = copy.run_image_copy(copy_options(emulator, REGIONS[:3]))  # the copies get the source's release time
    assert not first.failed, first.message
    emulator.clear_log()
    outcome = copy.run_image_copy(copy_options(emulator, REGIONS[:3]))
    assert not outcome.failed and not outcome.result['changed'], outcome.message
    calls = emulator.control('GET', 'requests')['by_action']
    writes = sum(calls.get(action, 0) for action in COPY_WRITES)
    rows = [('ecs_image_copy unchanged re-run to 3 regions: API calls (all DescribeImages)', sum(calls.values()),
             '4 reads (source + one a region), 0 writes', writes == 0 and calls == {'DescribeImages': 4})]
    image_options = options(emulator, name='bench-source', image_family='bench', tags={'team': 'bench'},
                            purge_tags=True, launch_permissions=[str(1000 + n) for n in range(12)], state='present')
    assert not manage.run_image(image_options).failed
    emulator.clear_log()
    outcome = manage.run_image(image_options)
    assert not outcome.failed and not outcome.result['changed'], outcome.message
    calls = emulator.control('GET', 'requests')['by_action']
    writes = sum(calls.get(action, 0) for action in IMAGE_WRITES)
    rows.append(('ecs_image unchanged re-run (family, tags, 12 shares): API calls', sum(calls.values()),
                 '2 reads (DescribeImages + DescribeImageSharePermission), 0 writes',
                 writes == 0 and calls == {'DescribeImages': 1, 'DescribeImageSharePermission': 1}))
    return rows


def rows(emulator):
    return wait_rows(emulator) + rerun_rows(emulator)
