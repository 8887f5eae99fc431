# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""HTTP front of the emulator: the ECS and STS RPC APIs on /, the ECS instance metadata service on /latest/, the
control API on /_emulator/, and OSS path-style on /BUCKET/KEY or virtual-hosted (see tests/emulator/README.md)."""

from __future__ import absolute_import, division, print_function

import base64
import json
import os
import re
import shutil
import socket
import struct
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

from . import control
from .auth import ApiFailure, Authenticator, OssAuthenticator, OssFailure, missing
from .faults import Faults, error_of
from .clock import Clock
from .model import World
from .ram import oss_actions, rpc_actions

# What the request log leaves out of a call's parameters: how it was signed.
SIGNING_PARAMETERS = frozenset(['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce',
                                'SecurityToken', 'Timestamp', 'Version', 'Format', 'Action'])
from .oss import Answer, OssCall, OssStore, error_document, stream_file

ECS_VERSION = '2014-05-26'
STS_VERSION = '2015-04-01'
CONTROL_PREFIX = '/_emulator/'
METADATA_PREFIX = '/latest/'
CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/'


def to_xml(name, value):
    if isinstance(value, dict):
        return '<%s>%s</%s>' % (name, ''.join(to_xml(k, v) for k, v in value.items()), name)
    if isinstance(value, list):
        return ''.join(to_xml(name, item) for item in value)
    if isinstance(value, bool):
        value = 'true' if value else 'false'
    return '<%s>%s</%s>' % (name, escape(str(value)), name)


class RpcCall:
    """One RPC request as read off the wire: V1 (parameters in the query and the form) or V3 (action in headers)."""

    def __init__(self, url, body, headers):
        self.url = url
        self.body = body
        self.request_id = str(uuid.uuid4()).upper()
        self.headers = dict((k.lower(), v) for k, v in headers.items())
        self.query = dict(parse_qsl(url.query, keep_blank_values=True))
        self.params = dict(self.query)
        if 'application/x-www-form-urlencoded' in self.headers.get('content-type', ''):
            self.params.update(parse_qsl(body.decode('utf-8'), keep_blank_values=True))
        self.v3 = self.headers.get('authorization', '').startswith('ACS3-')
        self.action = self.headers.get('x-acs-action') if self.v3 else self.params.get('Action')
        self.version = self.headers.get('x-acs-version') if self.v3 else self.params.get('Version')
        self.response_format = 'JSON' if self.v3 else (self.params.get('Format') or 'XML').upper()
        if self.v3:
            self.params['Action'] = self.action


class Emulator:
    """State shared by the request handlers, behind one lock."""

    def __init__(self, fixtures=None, time_scale=1.0, data_dir=None):
        self.lock = threading.Lock()
        self.fixtures = fixtures or {}
        self.time_scale = time_scale
        self.data_dir = tempfile.mkdtemp(prefix='ecs-emulator-oss-', dir=data_dir)
        self.reset()

    def reset(self):
        self.world = World(Clock(self.time_scale), self.fixtures)
        self.auth = Authenticator(self.world.keys)
        self.oss_auth = OssAuthenticator(self.world.keys)
        for entry in os.listdir(self.data_dir):
            shutil.rmtree(os.path.join(self.data_dir, entry), ignore_errors=True)
        self.oss = OssStore(self.world, self.data_dir, self.lock)
        self.faults = Faults()
        self.log = []

    def close(self):
        """Remove the objects' data directory."""
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def record(self, entry):
        self.log.append(entry)

    def counters(self):
        by_action, by_code = {}, {}
        for entry in self.log:
            by_action[entry['action']] = by_action.get(entry['action'], 0) + 1
            by_code[entry['code']] = by_code.get(entry['code'], 0) + 1
        return {'count': len(self.log), 'by_action': by_action, 'by_code': by_code}

    # --- RPC -------------------------------------------------------------------------------------

    def rpc(self, action, version, params):
        world = self.world
        handlers = {
            (ECS_VERSION, 'DescribeTasks'): world.describe_tasks,
            (ECS_VERSION, 'DescribeTaskAttribute'): world.describe_task_attribute,
            (ECS_VERSION, 'CancelTask'): world.cancel_task,
            (ECS_VERSION, 'ImportImage'): world.import_image,
            (ECS_VERSION, 'ExportImage'): world.export_image,
            (ECS_VERSION, 'DescribeImages'): world.describe_images,
            (ECS_VERSION, 'CopyImage'): world.copy_image,
            (ECS_VERSION, 'CancelCopyImage'): world.cancel_copy_image,
            (ECS_VERSION, 'ModifyImageAttribute'): world.modify_image_attribute,
            (ECS_VERSION, 'ModifyImageSharePermission'): world.modify_image_share_permission,
            (ECS_VERSION, 'DescribeImageSharePermission'): world.describe_image_share_permission,
            (ECS_VERSION, 'DeleteImage'): world.delete_image,
            (ECS_VERSION, 'TagResources'): world.tag_resources,
            (ECS_VERSION, 'UntagResources'): world.untag_resources,
            (ECS_VERSION, 'ListTagResources'): world.list_tag_resources,
            (ECS_VERSION, 'DescribeImageFromFamily'): world.describe_image_from_family,
            (ECS_VERSION, 'DescribeSnapshots'): world.describe_snapshots,
            (ECS_VERSION, 'DeleteSnapshot'): world.delete_snapshot,
            (STS_VERSION, 'AssumeRole'): world.assume_role,
        }
        handler = handlers.get((version, action))
        if handler is None:
            raise ApiFailure('InvalidAction.NotFound', 'Specified api is not found, please check your url and method.',
                             404)
        return handler(params)


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'ecs-emulator'
    emulator = None  # set on the subclass made by make_server

    def setup(self):
        super(Handler, self).setup()
        # Headers and body go out in two writes; without this, Nagle's algorithm meeting delayed ACKs
        # stalls every keep-alive response about 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    # --- plumbing --------------------------------------------------------------------------------

    def read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def send(self, status, payload, content_type='application/json;charset=utf-8', location=None):
        data = payload if isinstance(payload, bytes) else payload.encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        if location:
            self.send_header('Location', location)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_json(self, status, document):
        self.send(status, json.dumps(document))

    def reset_connection(self):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        self.close_connection = True
        self.connection.close()

    def virtual_bucket(self):
        """The bucket of a virtual-hosted OSS request (bucket.oss-cn-hangzhou.aliyuncs.com, as OSS and its SDKs address
        buckets): the first label of a Host that is not this server's own address and names a known bucket."""
        host = (self.headers.get('Host') or '').strip().lower()
        host = host.rsplit(':', 1)[0] if host.count(':') == 1 else host
        if '.' not in host or host == 'localhost' or re.match(r'^[\d.]+$|^\[', host):
            return None
        label = host.split('.', 1)[0]
        with self.emulator.lock:
            return label if label in self.emulator.world.buckets else None

    def dispatch(self):
        url = urlsplit(self.path)
        bucket = self.virtual_bucket()
        if bucket or (url.path != '/' and not url.path.startswith((CONTROL_PREFIX, METADATA_PREFIX))):
            return self.oss(url, bucket)
        body = self.read_body()
        if url.path.startswith(CONTROL_PREFIX):
            return self.control(url, body)
        if url.path.startswith(METADATA_PREFIX):
            return self.respond(*self.metadata_response(url.path))
        return self.respond(*self.api_response(url, body))

    # --- the RPC API -----------------------------------------------------------------------------

    def respond(self, entry, response):
        """Log the request, then answer it (None: reset the connection), so the log is complete as soon as a
        client has its answer."""
        with self.emulator.lock:
            self.emulator.record(entry)
        if response is None:
            self.reset_connection()
        else:
            self.send(*response)

    def api_response(self, url, body):
        emulator = self.emulator
        call = RpcCall(url, body, self.headers)
        entry = {'time': time.time(), 'method': self.command, 'action': call.action or '',
                 'signature': 'v3' if call.v3 else 'v1', 'access_key_id': None, 'status': 200, 'code': 'OK',
                 'request_id': call.request_id,
                 'params': dict((k, v) for k, v in call.params.items() if k not in SIGNING_PARAMETERS)}
        with emulator.lock:
            fault = emulator.faults.take(call.action, call.params)
        if fault and fault['kind'] == 'latency':
            time.sleep(fault['seconds'])
            fault = None
        if fault and fault['kind'] == 'reset':
            entry.update(status=0, code='ConnectionReset')
            return entry, None
        if fault and fault['kind'] == 'non_json':
            entry.update(status=fault['status'] or 502, code='NonJson')
            return entry, (entry['status'], '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html')
        if fault and fault['kind'] == 'redirect':
            # as a gateway that sends http to https would, here to a JSON document that is not an API answer
            entry.update(status=fault['status'] or 301, code='Redirect')
            return entry, (entry['status'], '', 'text/html', CONTROL_PREFIX + 'health')
        if fault and fault['kind'] == 'drop_answer':
            # the call is carried out, then the connection is reset before the answer: a lost answer
            entry, dummy = self.api_answer(call, entry, None)
            entry.update(status=0, code='AnswerDropped')
            return entry, None
        return self.api_answer(call, entry, fault)

    def api_answer(self, call, entry, fault):
        emulator = self.emulator
        try:
            if fault:
                raise ApiFailure(fault['code'], *error_of(fault))
            if not call.action:
                raise missing('Action')
            if not call.version:
                raise missing('Version')
            with emulator.lock:
                if call.v3:
                    entry['access_key_id'] = emulator.auth.v3(self.command, call.url.path, call.query, call.headers,
                                                              call.body)
                else:
                    entry['access_key_id'] = emulator.auth.v1(self.command, call.params)
                world = emulator.world
                world.caller = world.authorize(entry['access_key_id'],
                                               rpc_actions(call.action, call.version, call.params))
                try:
                    answer = emulator.rpc(call.action, call.version, call.params)
                finally:
                    world.caller = world.account_id
            answer['RequestId'] = call.request_id
            return entry, self.render(200, call.action + 'Response', answer, call.response_format)
        except ApiFailure as failure:
            entry.update(status=failure.status, code=failure.code)
            error = {'RequestId': call.request_id, 'HostId': call.headers.get('host', 'ecs.aliyuncs.com'),
                     'Code': failure.code, 'Message': failure.message,
                     'Recommend': 'https://api.aliyun.com/troubleshoot?q=%s&product=Ecs&requestId=%s'
                                  % (failure.code, call.request_id)}
            if failure.detail:
                error['AccessDeniedDetail'] = failure.detail
            return entry, self.render(failure.status, 'Error', error, call.response_format)

    @staticmethod
    def render(status, root, document, response_format):
        if response_format == 'XML':
            return status, '<?xml version="1.0" encoding="UTF-8"?>' + to_xml(root, document), 'text/xml;charset=utf-8'
        return status, json.dumps(document), 'application/json;charset=utf-8'

    # --- OSS ------------------------------------------------------------------------------------------

    def oss(self, url, virtual_bucket=None):
        emulator = self.emulator
        call = OssCall(self.command, url, self.headers, virtual_bucket)
        length = int(call.headers.get('content-length') or 0)
        body = CountingReader(self.rfile, length)
        entry = {'time': time.time(), 'method': self.command, 'action': call.action, 'signature': None,
                 'access_key_id': None, 'status': 200, 'code': 'OK', 'request_id': call.request_id,
                 'bucket': call.bucket, 'key': call.key, 'part_number': call.query.get('partNumber'), 'bytes': length}
        with emulator.lock:
            fault = emulator.faults.take(call.action)
            wan = emulator.oss.wan
        if wan.rtt:
            time.sleep(wan.rtt)
        if fault and fault['kind'] == 'latency':
            time.sleep(fault['seconds'])
        try:
            if fault and fault['kind'] == 'error':
                raise OssFailure(fault['code'], *error_of(fault))
            if fault and fault['kind'] == 'reset':
                body.drain()
                entry.update(status=0, code='ConnectionReset')
                return self.respond(entry, None)
            with emulator.lock:
                entry['access_key_id'], entry['signature'] = emulator.oss_auth.check(
                    self.command, call.bucket, call.key, call.query, call.headers)
                try:
                    emulator.world.authorize(entry['access_key_id'], oss_actions(call.action))
                except ApiFailure as refused:
                    raise OssFailure('AccessDenied', 'You have no right to access this object because of bucket acl.',
                                     403, detail=refused.detail)
            answer = emulator.oss.handle(call, body, corrupt=bool(fault and fault['kind'] == 'corrupt_body'))
        except OssFailure as failure:
            entry.update(status=failure.status, code=failure.code)
            document = error_document(failure, call)
            answer = Answer(failure.status, {'Content-Type': 'application/xml'}, document)
            if self.command == 'HEAD':
                answer = Answer(failure.status, {'x-oss-err': base64.b64encode(document).decode('ascii')})
        except (OSError, ValueError) as exc:
            entry.update(status=0, code='BrokenRequest: %s' % exc)
            return self.respond(entry, None)
        body.drain()
        if fault and fault['kind'] == 'drop_answer':
            entry.update(status=0, code='AnswerDropped')
            return self.respond(entry, None)
        with emulator.lock:
            emulator.record(entry)
        self.send_oss(call, answer, wan)

    def send_oss(self, call, answer, wan):
        self.send_response(answer.status)
        headers = dict(answer.headers)
        headers.setdefault('Content-Length', str(len(answer.body)))
        headers.update({'x-oss-request-id': call.request_id, 'Server': 'AliyunOSS'})
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command == 'HEAD':
            return
        if answer.file_range:
            stream_file(self.wfile, answer.file_range[0], answer.file_range[1], answer.file_range[2], wan)
        else:
            self.wfile.write(answer.body)

    # --- ECS instance metadata -------------------------------------------------------------------

    def metadata_response(self, path):
        entry = {'time': time.time(), 'method': self.command, 'action': 'Metadata', 'signature': None,
                 'access_key_id': None, 'status': 200, 'code': 'OK', 'request_id': None}

        def text(status, body, code='OK'):
            entry.update(status=status, code=code)
            return entry, (status, body, 'text/plain')

        with self.emulator.lock:
            world = self.emulator.world
            if self.emulator.faults.take('Metadata'):
                return text(500, 'injected fault', 'Injected')
            if path == '/latest/api/token' and self.command == 'PUT':
                if world.metadata_mode == 'plain':
                    return text(404, 'Not Found', 'NotFound')
                ttl = int(self.headers.get('X-aliyun-ecs-metadata-token-ttl-seconds') or 0)
                if not 1 <= ttl <= 21600:
                    return text(400, 'invalid ttl', 'BadTTL')
                token = uuid.uuid4().hex
                world.metadata_tokens[token] = time.time() + ttl
                return text(200, token)
            token = self.headers.get('X-aliyun-ecs-metadata-token')
            if token is not None and world.metadata_tokens.get(token, 0) < time.time():
                return text(401, 'Unauthorized', 'BadToken')
            if token is None and world.metadata_mode == 'hardened':
                return text(403, 'Forbidden', 'TokenRequired')
            if path == CREDENTIALS_PATH:
                return text(200, '\n'.join(world.ecs_roles))
            role = path[len(CREDENTIALS_PATH):] if path.startswith(CREDENTIALS_PATH) else None
            if role not in world.ecs_roles:
                return text(404, 'Not Found', 'NotFound')
            credentials = world.issue_sts_key(21600)
            credentials.update(Code='Success', LastUpdated=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
            return entry, (200, json.dumps(credentials), 'application/json;charset=utf-8')

    # --- control API -----------------------------------------------------------------------------

    def control(self, url, body):
        emulator = self.emulator
        parts = url.path[len(CONTROL_PREFIX):].strip('/').split('/')
        try:
            request = json.loads(body.decode('utf-8') or '{}')
        except ValueError:
            return self.send_json(400, {'error': 'the body must be JSON'})
        try:
            with emulator.lock:
                status, document = control.handle(emulator, self.command, parts, request)
        except (ValueError, TypeError, KeyError) as exc:
            status, document = 400, {'error': '%s: %s' % (exc.__class__.__name__, exc)}
        self.send_json(status, document)


class CountingReader:
    """The request body: read as far as a handler needs, the rest drained before the answer, so that the connection
    can carry the next request."""

    def __init__(self, rfile, length):
        self.rfile = rfile
        self.left = length

    def read(self, size):
        chunk = self.rfile.read(min(size, self.left))
        self.left -= len(chunk)
        return chunk

    def drain(self):
        while self.left > 0 and self.read(1 << 20):
            pass


def make_server(host, port, emulator):
    handler = type('BoundHandler', (Handler,), {'emulator': emulator})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
