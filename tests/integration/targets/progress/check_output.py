# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the progress lines in what slow.yml and playbook.yml printed: how many each task showed, before its result,
and what they say. Usage: check_output.py OUTPUT..."""

import re
import sys

LINE = re.compile(r'^\[(?P<host>[^\]]+)\] (?P<module>\w+): (?P<text>.*)$')
TRANSFER = re.compile(r'^(?P<direction>upload|download) oss://\S+: (?P<done>[\d.]+) (?P<unit>B|KiB|MiB) of [\d.]+ MiB '
                      r'\((?P<percent>\d+)%\), [\d.]+ (B|KiB|MiB)/s, (\S+ left|done|time left unknown), '
                      r'parts (?P<parts>\d+)/(?P<total>\d+)$')
WAIT = re.compile(r'^poll \d+, [\d.]+ s: 0/1 finished \| t-\S+ (Waiting|Processing)$')
UNITS = {'B': 1, 'KiB': 1 << 10, 'MiB': 1 << 20}


def sections(text):
    """{task name: (progress lines, the lines that follow them)}, in the order printed."""
    found = {}
    for chunk in re.split(r'^TASK \[', text, flags=re.M)[1:]:
        name = chunk.split(']', 1)[0]
        lines = chunk.splitlines()[1:]
        progress = [LINE.match(line) for line in lines if LINE.match(line)]
        results = [line for line in lines if re.match(r'^(ok|changed|failed|fatal): ', line)]
        last_progress = max([i for i, line in enumerate(lines) if LINE.match(line)] or [-1])
        first_result = min([i for i, line in enumerate(lines) if line in results] or [len(lines)])
        found[name] = (progress, results, last_progress < first_result)
    return found


def main(paths):
    tasks = {}
    for path in paths:
        with open(path) as handle:
            tasks.update(sections(handle.read()))
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    for name, (progress, results, before) in tasks.items():
        expect(before, '%s: a progress line after the result' % name)
    progress = tasks['Upload slowly'][0]
    transfers = [TRANSFER.match(m.group('text')) for m in progress]
    expect(len(progress) >= 5, 'Upload slowly: %d progress lines, expected 5 or more' % len(progress))
    expect(all(transfers), 'Upload slowly: lines not in the transfer form: %s' % [m.group(0) for m in progress])
    if all(transfers):
        done = [float(t.group('done')) * UNITS[t.group('unit')] for t in transfers]
        percents = [int(t.group('percent')) for t in transfers]
        expect(done == sorted(done) and done[-1] > done[0], 'Upload slowly: bytes do not rise: %s' % done)
        expect(percents == sorted(percents) and percents[-1] > percents[0],
               'Upload slowly: percents do not rise: %s' % percents)
        expect(all(t.group('total') == '20' for t in transfers), 'Upload slowly: not parts x/20')
    expect(all(m.group('host') == 'testhost' and m.group('module') == 'oss_object' for m in progress),
           'Upload slowly: lines not labelled [testhost] oss_object')
    expect(not tasks['Upload without progress lines'][0], 'progress_interval=0 printed progress lines')
    expect(tasks['Download'][0] and all(TRANSFER.match(m.group('text')).group('direction') == 'download'
                                        for m in tasks['Download'][0]), 'Download: no download progress line')
    delegated, results, dummy = tasks['Upload from another host, with become']
    expect(delegated and all(m.group('host') == 'testhost -> otherhost' for m in delegated),
           'delegate_to: no line labelled [testhost -> otherhost]: %s' % [m.group(0) for m in delegated])
    expect(results == ['changed: [testhost -> otherhost]'], 'delegate_to: result %s' % results)
    expect(not tasks["Upload under the user's own async"][0], "the user's own async printed progress lines")
    waits = tasks['Import and wait'][0]
    expect(len(waits) >= 2 and all(WAIT.match(m.group('text')) and m.group('module') == 'ecs_image_import'
                                   for m in waits), 'Import and wait: lines %s' % [m.group(0) for m in waits])
    for problem in problems:
        print('FAILED ' + problem)
    print('progress lines: %d upload, %d download, %d delegated, %d wait; %d problems'
          % (len(progress), len(tasks['Download'][0]), len(delegated), len(waits), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
