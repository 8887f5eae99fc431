#!/usr/bin/env python3
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""The charts of make bench, drawn with matplotlib (in the bench's own virtualenv, never a runtime need) as PNG files
under docs/benchmarks/. Each states its machine, its date and what was measured."""

import os
import textwrap

import matplotlib

matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402  pylint: disable=wrong-import-position

COLOURS = {'oss_object': '#d62728', 'oss2': '#1f77b4', 'alibabacloud-oss-v2': '#2ca02c'}


def caption(figure, what, machine, date):
    text = '%s Measured by make bench on %s UTC, %s, against the bundled emulator.' % (what, date, machine)
    width = int(figure.get_figwidth() * 17)  # characters of 7 pt that fit the figure's width
    figure.text(0.01, 0.01, textwrap.fill(text, width), fontsize=7, va='bottom', color='#444444')


def throughput(speeds, parallels, size_mib, path, machine, date):
    """MiB/s against parts in flight, a panel for each link and direction, a line for each tool."""
    links = ('loopback', 'WAN 30 ms', 'WAN 100 ms')
    figure, axes = plt.subplots(2, 3, figsize=(13, 7.5), sharex=True)
    for row, direction in enumerate(('upload', 'download')):
        for column, link in enumerate(links):
            ax = axes[row][column]
            for tool, colour in COLOURS.items():
                points = [(p, speeds[(link, direction, tool, p)]) for p in parallels
                          if (link, direction, tool, p) in speeds]
                if points:
                    ax.plot([p for p, v in points], [v for p, v in points], marker='o', color=colour, label=tool)
                default = speeds.get((link, direction, tool, None))
                if default:
                    ax.axhline(default, color=colour, linestyle=':', linewidth=1,
                               label='%s at its defaults' % tool)
            ax.set_xscale('log', base=2)
            ax.set_xticks(list(parallels))
            ax.set_xticklabels([str(p) for p in parallels])
            ax.set_title('%s, %s' % (link, direction), fontsize=10)
            ax.grid(True, alpha=0.3)
            if column == 0:
                ax.set_ylabel('MiB/s')
            if row == 1:
                ax.set_xlabel('parts in flight (parallel)')
            ax.legend(fontsize=7)
    figure.suptitle('OSS transfer throughput against parallelism (oss_object\'s default: 16)')
    caption(figure, 'A %d MiB file, 8 MiB parts, each tool in a process of its own; WAN: the emulator\'s round trip '
                    'a request and 16 MiB/s a connection (100 ms: oss_object alone).' % size_mib, machine, date)
    figure.tight_layout(rect=(0, 0.05, 1, 0.95))
    figure.savefig(path, dpi=90)
    plt.close(figure)


def memory(peaks_mib, path, machine, date):
    """Peak RSS of an upload at the defaults against the file's size."""
    figure, ax = plt.subplots(figsize=(7, 4.5))
    sizes = sorted(peaks_mib)
    ax.plot([s / 2 ** 30 for s in sizes], [peaks_mib[s] for s in sizes], marker='o', color=COLOURS['oss_object'])
    ax.set_xscale('log', base=2)
    ax.set_xlabel('file size (GiB)')
    ax.set_ylabel('peak RSS of the module process (MiB)')
    ax.set_ylim(0, max(peaks_mib.values()) * 1.3)
    ax.grid(True, alpha=0.3)
    ax.set_title('oss_object upload: peak memory against file size (its defaults: parallel 16, 8 MiB parts)',
                 fontsize=10)
    caption(figure, 'VmHWM of the module\'s own process at its exit.', machine, date)
    figure.tight_layout(rect=(0, 0.08, 1, 1))
    figure.savefig(path, dpi=90)
    plt.close(figure)


def polling(points, path, machine, date):
    """DescribeTasks calls a poll round against the number of tasks: our wait against per-task polling."""
    figure, ax = plt.subplots(figsize=(7, 4.5))
    counts = [count for count, ours, theirs in points]
    ax.plot(counts, [ours for count, ours, theirs in points], marker='o', color=COLOURS['oss_object'],
            label='ecs_task_info wait (100 ids a DescribeTasks call)')
    ax.plot(counts, [theirs for count, ours, theirs in points], marker='s', color='#7f7f7f',
            label='per-task polling (a DescribeTaskAttribute call a task)')
    ax.set_xscale('log')
    ax.set_yscale('log')
    ax.set_xlabel('tasks waited for')
    ax.set_ylabel('API calls a poll round')
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title('API calls a poll round against the number of tasks', fontsize=10)
    caption(figure, 'Import tasks kept Processing in the emulator; calls counted from its request log.', machine, date)
    figure.tight_layout(rect=(0, 0.08, 1, 1))
    figure.savefig(path, dpi=90)
    plt.close(figure)


def draw(folder, sweep, parallels, size_mib, peaks, polling_points, machine, date):
    """Every chart into folder; returns their file names."""
    os.makedirs(folder, exist_ok=True)
    names = ['oss-throughput.png', 'oss-memory.png', 'wait-calls.png']
    throughput(sweep, parallels, size_mib, os.path.join(folder, names[0]), machine, date)
    memory(dict((size, peak) for size, peak in peaks.items()), os.path.join(folder, names[1]), machine, date)
    polling(polling_points, os.path.join(folder, names[2]), machine, date)
    return names
