# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Command line of the ECS API emulator."""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import signal
import sys
import threading

from .server import Emulator, make_server

DESCRIPTION = '''\
A local Alibaba Cloud ECS API endpoint for tests, demos and offline playbook runs.

Serves the ECS RPC API (DescribeTasks, DescribeTaskAttribute, CancelTask, ImportImage, ExportImage,
DescribeImages) and STS AssumeRole on /, signed with signature V1 or V3; OSS path-style on /BUCKET/KEY (objects
and multipart uploads, signature V4 or V1, data kept in a temporary directory); the ECS instance metadata credentials
on /latest/; and a control API on /_emulator/ (seed tasks, images and OSS objects, inject faults, read the request
log, reset).

Default credentials: access key "emulator-access-key", secret "emulator-secret". More keys, STS keys with
tokens, regions, ECS role names, task durations, images, OSS buckets and API quirks come from --fixtures (JSON).
'''


def parse_listen(value):
    host, dummy, port = value.rpartition(':')
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError('expected HOST:PORT, such as 127.0.0.1:8080 (port 0 picks a free one)')
    return host.strip('[]'), int(port)


def parser():
    result = argparse.ArgumentParser(prog='python3 tests/emulator', description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    result.add_argument('--listen', type=parse_listen, default=('127.0.0.1', 0), metavar='HOST:PORT',
                        help='address to listen on (default 127.0.0.1:0, a free port)')
    result.add_argument('--port-file', metavar='FILE', help='write the port here once listening')
    result.add_argument('--fixtures', metavar='FILE', help='JSON file of keys, regions, roles, durations and tasks')
    result.add_argument('--time-scale', type=float, default=1.0, metavar='X',
                        help='task clock speed: 60 runs an hour-long import in a minute (default 1)')
    return result


def main(argv=None):
    args = parser().parse_args(argv)
    if args.time_scale <= 0:
        parser().error('--time-scale must be positive')
    fixtures = {}
    if args.fixtures:
        with open(args.fixtures) as handle:
            fixtures = json.load(handle)
    emulator = Emulator(fixtures, args.time_scale)
    server = make_server(args.listen[0], args.listen[1], emulator)
    port = server.server_address[1]

    def stop(signum, frame):  # pylint: disable=unused-argument
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.port_file:
        temporary = args.port_file + '.tmp'
        with open(temporary, 'w') as handle:
            handle.write(str(port))
        os.rename(temporary, args.port_file)
    sys.stderr.write('ECS API emulator listening on http://%s:%d (time scale %g)\n'
                     % (args.listen[0], port, args.time_scale))
    sys.stderr.flush()
    try:
        server.serve_forever()
    finally:
        server.server_close()
        emulator.close()
    return 0
