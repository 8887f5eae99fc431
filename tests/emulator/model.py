# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's world: tasks that move through their states (by the clock or by observation, clock.py), and the ECS
and STS actions."""

from __future__ import absolute_import, division, print_function

import calendar
import json
import os
import random
import re
import string
import time
import uuid

from .auth import ApiFailure, missing
from .clock import Polls
from .ram import check_policy, decide
from .distribution import DistributionActions
from .images import ImageActions
from .snapshots import SnapshotActions

REGIONS = (
    'cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-qingdao', 'cn-zhangjiakou', 'cn-huhehaote',
    'cn-wulanchabu', 'cn-chengdu', 'cn-guangzhou', 'cn-heyuan', 'cn-nanjing', 'cn-fuzhou', 'cn-wuhan-lr',
    'cn-hongkong', 'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
    'ap-northeast-1', 'ap-northeast-2', 'us-west-1', 'us-east-1', 'eu-central-1', 'eu-west-1', 'me-east-1',
    'me-central-1',
)
TASK_ACTIONS = ('ImportImage', 'ExportImage', 'RedeployInstance', 'ModifyDiskSpec', 'ArchiveSnapshot')
FILTERABLE_STATUSES = ('Finished', 'Processing', 'Failed')
ALL_STATUSES = ('Waiting', 'Processing', 'Finished', 'Failed', 'Deleted', 'Paused')
DEFAULT_DURATIONS = {'waiting': 5, 'processing': 600}
API_TIME = '%Y-%m-%dT%H:%MZ'
MAX_IDS = 100
DEFAULT_ACCOUNT_ID = '1234567890123456'
COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Where the real API's answers are loose, as its reference pages and samples show; each can be switched on
# (fixtures or the control API) so that the client is tested against it. The defaults are today's API.
QUIRKS = {
    'task_action_style': ('ImportImage', 'IMPORT_IMAGE'),   # TaskAction as the XML sample writes it
    'support_cancel': ('string', 'boolean'),                 # "true" or true
    'progress': ('percent', 'number'),                       # "45%" or 45 (TaskProcess, image Progress)
    'task_id_field': ('TaskId', 'legacy'),                   # ImportImage/ExportImage answer ImportTaskId/ExportTaskId
    'image_id_list': ('list', 'single'),                     # DescribeImages takes a comma list of ImageId, or one id
}
# DescribeTasks parameters an older or looser API ignores (TaskStatus values other than Finished, Processing and
# Failed are always ignored); PageSize ignored means pages of the default 10.
IGNORABLE_FILTERS = ('TaskIds', 'ResourceIds', 'TaskStatus', 'StartTime', 'EndTime', 'PageSize')


def check_quirks(quirks):
    for name, value in quirks.items():
        if name == 'ignored_filters':
            unknown = set(value) - set(IGNORABLE_FILTERS)
            if unknown:
                raise ValueError('ignored_filters can hold %s, not %s' % (', '.join(IGNORABLE_FILTERS),
                                                                          ', '.join(sorted(unknown))))
        elif name not in QUIRKS or value not in QUIRKS[name]:
            raise ValueError('quirks: %s must be one of %s' % (name, ', '.join(QUIRKS.get(name, ('(no such quirk)',)))))
    return dict(quirks)


def check_task_polls(task_polls):
    """{action: polls} of the tasks the API starts (ImportImage, ExportImage), each polls a number or {waiting,
    processing}; ValueError otherwise."""
    for action, spec in task_polls.items():
        if action not in TASK_ACTIONS:
            raise ValueError('task_polls: %s is not a task action (%s)' % (action, ', '.join(TASK_ACTIONS)))
        Polls.from_spec(spec)
    return dict(task_polls)


def action_spelling(action, quirks):
    if quirks.get('task_action_style') == 'IMPORT_IMAGE':
        return re.sub(r'(?<!^)([A-Z])', r'_\1', action).upper()
    return action


def percent(value, quirks):
    return int(value) if quirks.get('progress') == 'number' else '%d%%' % value


def random_id(prefix, length=20):
    return prefix + ''.join(random.choice(string.ascii_lowercase + string.digits) for dummy in range(length))


def api_time(epoch):
    return time.strftime(API_TIME, time.gmtime(epoch))


def parse_api_time(value, name):
    """Epoch seconds from YYYY-MM-DDThh:mmZ or YYYY-MM-DDThh:mm:ssZ, the two forms the API documents."""
    for layout in ('%Y-%m-%dT%H:%MZ', '%Y-%m-%dT%H:%M:%SZ'):
        try:
            return calendar.timegm(time.strptime(value, layout))
        except ValueError:
            continue
    raise ApiFailure('InvalidParameter', 'The specified parameter "%s" is not valid: expected yyyy-MM-ddTHH:mmZ '
                                         'or yyyy-MM-ddTHH:mm:ssZ.' % name)


class Task:
    """A task whose state follows the clock, or its observations when it has `polls`: Waiting, then Processing, then
    its outcome; or a forced state."""

    def __init__(self, task_id, action, region, resource_id, created, waiting, processing, outcome='Finished',
                 status=None, support_cancel=True, polls=None):
        self.task_id = task_id
        self.action = action
        self.region = region
        self.resource_id = resource_id
        self.created = created
        self.waiting = waiting
        self.processing = processing
        self.outcome = outcome
        self.forced = None  # (status, since)
        self.polls = polls
        self.support_cancel = support_cancel
        self.related_items = {}  # what DescribeTaskAttribute lists of the task (an export's bucket, object, format)
        self.failure = None  # (code, message) that DescribeTaskAttribute gives of a failed import
        if status:
            self.force(status, created)

    def force(self, status, since):
        self.forced = (status, since)

    def status(self, now):
        if self.forced:
            return self.forced[0]
        if self.polls is not None:
            return {'waiting': 'Waiting', 'processing': 'Processing'}.get(self.polls.phase, self.outcome)
        age = now - self.created
        if age < self.waiting:
            return 'Waiting'
        if age < self.waiting + self.processing:
            return 'Processing'
        return self.outcome

    def finished_at(self, now):
        status = self.status(now)
        if status not in ('Finished', 'Failed', 'Deleted'):
            return None
        if self.forced:
            return self.forced[1]
        if self.polls is not None:
            return self.polls.ended if self.polls.ended is not None else self.created  # done before any observation
        return self.created + self.waiting + self.processing

    def progress(self, now):
        status = self.status(now)
        if status == 'Finished':
            return 100
        if status != 'Processing' or self.forced:
            return 0
        if self.polls is not None:
            return self.polls.percent
        return int(100 * (now - self.created - self.waiting) / max(self.processing, 1e-9))

    def observe(self, now):
        """A describe call answered the task (after rendering it)."""
        if self.polls is not None and not self.forced:
            self.polls.observe(now)

    def describe(self, now, quirks=None):
        quirks = quirks or {}
        finished = self.finished_at(now)
        cancellable = self.support_cancel and finished is None
        return {
            'TaskId': self.task_id,
            'TaskAction': action_spelling(self.action, quirks),
            'TaskStatus': self.status(now),
            'SupportCancel': cancellable if quirks.get('support_cancel') == 'boolean' else str(cancellable).lower(),
            'CreationTime': api_time(self.created),
            'FinishedTime': api_time(finished) if finished is not None else '',
            'ResourceId': self.resource_id or '',
        }


class World(ImageActions, DistributionActions, SnapshotActions):
    """Tasks, images, buckets, keys and settings; every method is called under the server's lock."""

    new_id = staticmethod(random_id)

    def __init__(self, clock, fixtures):
        self.clock = clock
        self.fixtures = fixtures
        self.regions = tuple(fixtures.get('regions') or REGIONS)
        self.durations = fixtures.get('task_durations') or {}
        self.task_polls = check_task_polls(fixtures.get('task_polls') or {})
        self.sts_seconds = fixtures.get('sts_token_seconds')
        self.ecs_roles = fixtures.get('ecs_roles') or ['emulator-ecs-role']
        self.metadata_mode = fixtures.get('metadata_mode', 'both')  # both, hardened (token required) or plain
        self.metadata_tokens = {}
        self.quirks = check_quirks(fixtures.get('quirks') or {})
        self.tasks = {}
        self.account_id = str(fixtures.get('account_id') or DEFAULT_ACCOUNT_ID)
        self.caller = self.account_id  # the account of the call being answered (the server sets it)
        self.keys = {}
        self.used_actions = {}  # access key id: the RAM actions its calls were allowed
        self.reset_keys()
        for spec in fixtures.get('tasks') or []:
            self.seed(spec)
        self.init_snapshots(fixtures)
        self.init_images(fixtures)
        self.init_distribution(fixtures)

    def api_time(self, epoch):
        return api_time(epoch)

    def percent(self, value):
        return percent(value, self.quirks)

    def reset_keys(self):
        self.keys.clear()
        self.add_key({'id': 'emulator-access-key', 'secret': 'emulator-secret'})
        for key in self.fixtures.get('access_keys') or []:
            self.add_key(key)

    def add_key(self, spec):
        """An access key from a fixture or control spec: id, secret, token and expires (epoch seconds) of an STS key,
        the account_id it belongs to, and the RAM policy it holds (policy, or policy_file or policy_files, paths from
        the collection's root such as docs/permissions/image_import.json; none: it may do anything)."""
        policy = spec.get('policy')
        files = ([spec['policy_file']] if spec.get('policy_file') else []) + list(spec.get('policy_files') or [])
        for name in files:  # several policies attached to one key: their statements together
            with open(os.path.join(COLLECTION_ROOT, name)) as handle:
                statements = json.load(handle)['Statement']
            policy = {'Version': '1', 'Statement': (policy or {}).get('Statement', []) + statements}
        self.keys[spec['id']] = {'secret': spec['secret'], 'token': spec.get('token'), 'expires': spec.get('expires'),
                                 'account_id': str(spec.get('account_id') or self.account_id),
                                 'policy': None if policy is None else check_policy(policy)}
        return spec['id']

    def authorize(self, key_id, actions):
        """The account of the key, after RAM has allowed it every one of the actions; else Forbidden.RAM naming the
        first it may not do (the OSS front turns that into AccessDenied)."""
        key = self.keys[key_id]
        for action in actions:
            decision = decide(key['policy'], action)
            if decision != 'Allow':
                raise ApiFailure('Forbidden.RAM', 'User not authorized to operate on the specified resource, or this '
                                                  'API doesn\'t support RAM.', 403,
                                 detail={'AuthAction': action, 'AuthPrincipalType': 'SubUser',
                                         'AuthPrincipalOwnerId': key['account_id'], 'NoPermissionType': decision,
                                         'PolicyType': 'AccountLevelIdentityBasedPolicy'})
        self.used_actions.setdefault(key_id, set()).update(actions)
        return key['account_id']

    # --- tasks -----------------------------------------------------------------------------------

    def duration(self, action, phase):
        return float((self.durations.get(action) or {}).get(phase, DEFAULT_DURATIONS[phase]))

    def seed(self, spec):
        """A task from a control-API or fixture spec; times are epoch seconds or API times, ages in seconds."""
        action = spec.get('task_action', 'ImportImage')
        if action not in TASK_ACTIONS:
            raise ValueError('task_action must be one of %s' % ', '.join(TASK_ACTIONS))
        status = spec.get('status')
        if status is not None and status not in ALL_STATUSES:
            raise ValueError('status must be one of %s' % ', '.join(ALL_STATUSES))
        now = self.clock.now()
        created = spec.get('creation_time')
        if isinstance(created, str):
            created = parse_api_time(created, 'creation_time')
        elif created is None:
            created = now - float(spec.get('age_seconds', 0))
        task = Task(spec.get('task_id') or random_id('t-'), action, spec.get('region', 'cn-hangzhou'),
                    spec.get('resource_id') or random_id('m-'), float(created),
                    float(spec.get('waiting_seconds', self.duration(action, 'waiting'))),
                    float(spec.get('processing_seconds', self.duration(action, 'processing'))),
                    spec.get('outcome', 'Finished'), status, spec.get('support_cancel', True), self.polls_of(action, spec))
        self.tasks[task.task_id] = task
        return task

    def polls_of(self, action, spec):
        """The Polls of a new task: its spec's waiting_polls and processing_polls, else its action's task_polls, else
        None (it follows the clock)."""
        if 'waiting_polls' in spec or 'processing_polls' in spec:
            return Polls(spec.get('waiting_polls', 0), spec.get('processing_polls', 0))
        return Polls.from_spec(self.task_polls.get(action))

    def update_task(self, task_id, spec):
        task = self.tasks.get(task_id)
        if task is None:
            raise KeyError(task_id)
        if 'outcome' in spec:
            task.outcome = spec['outcome']
        if 'processing_seconds' in spec:
            task.processing = float(spec['processing_seconds'])
        if 'waiting_polls' in spec or 'processing_polls' in spec:
            task.polls = self.polls_of(task.action, spec)  # counted from now on
        if 'status' in spec:
            if spec['status'] is None:
                task.forced = None
            elif spec['status'] not in ALL_STATUSES:
                raise ValueError('status must be one of %s' % ', '.join(ALL_STATUSES))
            else:
                task.force(spec['status'], self.clock.now())
        return task

    # --- ECS actions -----------------------------------------------------------------------------

    def region(self, params):
        region = params.get('RegionId')
        if not region:
            raise missing('RegionId')
        if region not in self.regions:
            raise ApiFailure('InvalidRegionId.NotFound', 'The specified region does not exist.')
        return region

    def task_in(self, params):
        region = self.region(params)
        task_id = params.get('TaskId')
        if not task_id:
            raise missing('TaskId')
        task = self.tasks.get(task_id)
        if task is None or task.region != region:
            raise ApiFailure('InvalidTaskId.NotFound', 'The specified task is not found.')
        return task

    def describe_tasks(self, params):
        region = self.region(params)
        action = params.get('TaskAction')
        if not action:
            raise missing('TaskAction')
        if action not in TASK_ACTIONS:
            raise ApiFailure('InvalidParameter', 'The specified parameter "TaskAction" is not valid.')
        task_ids = [t for t in (params.get('TaskIds') or '').split(',') if t]
        if len(task_ids) > MAX_IDS:
            raise ApiFailure('InvalidParameter', 'The specified parameter "TaskIds" exceeds the limit of %d ids.'
                             % MAX_IDS)
        resource_keys = [k for k in params if re.match(r'^ResourceIds\.\d+$', k)]
        if any(not 1 <= int(k.split('.')[1]) <= MAX_IDS for k in resource_keys):
            raise ApiFailure('InvalidParameter', 'The specified parameter "ResourceIds.N" exceeds the limit of %d.'
                             % MAX_IDS)
        resource_ids = set(params[k] for k in resource_keys)
        page_number = self.integer(params, 'PageNumber', 1, 1, None)
        page_size = self.integer(params, 'PageSize', 10, 1, 100)
        start = parse_api_time(params['StartTime'], 'StartTime') if params.get('StartTime') else None
        end = parse_api_time(params['EndTime'], 'EndTime') if params.get('EndTime') else None
        status = params.get('TaskStatus') if params.get('TaskStatus') in FILTERABLE_STATUSES else None
        ignored = set(self.quirks.get('ignored_filters') or ())
        task_ids = [] if 'TaskIds' in ignored else task_ids
        resource_ids = set() if 'ResourceIds' in ignored else resource_ids
        start = None if 'StartTime' in ignored else start
        end = None if 'EndTime' in ignored else end
        status = None if 'TaskStatus' in ignored else status
        page_size = 10 if 'PageSize' in ignored else page_size
        now = self.clock.now()
        wanted = set(task_ids)
        matched = [t for t in self.tasks.values()
                   if t.region == region and t.action == action
                   and (not wanted or t.task_id in wanted)
                   and (not resource_ids or t.resource_id in resource_ids)
                   and (start is None or t.created >= start)
                   and (end is None or t.created <= end)
                   and (status is None or t.status(now) == status)]
        matched.sort(key=lambda t: (t.created, t.task_id), reverse=True)
        page = matched[(page_number - 1) * page_size:page_number * page_size]
        answer = {
            'RegionId': region,
            'TotalCount': len(matched),
            'PageNumber': page_number,
            'PageSize': page_size,
            'TaskSet': {'Task': [t.describe(now, self.quirks) for t in page]},
        }
        for task in page:
            task.observe(now)
        return answer

    @staticmethod
    def integer(params, name, default, low, high):
        value = params.get(name)
        if value in (None, ''):
            return default
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < low or (high is not None and number > high):
            raise ApiFailure('InvalidParameter', 'The specified parameter "%s" is not valid.' % name)
        return number

    def describe_task_attribute(self, params):
        task = self.task_in(params)
        now = self.clock.now()
        answer = task.describe(now, self.quirks)
        status = answer['TaskStatus']
        operations = []
        failure = task.failure if status == 'Failed' and task.failure else ('', '')
        if task.related_items or failure[0]:
            operations.append({'OperationStatus': {'Finished': 'Success', 'Failed': 'Failed'}.get(status, 'Processing'),
                               'ErrorCode': failure[0], 'ErrorMsg': failure[1], 'RelatedItemSet': {'RelatedItem': [
                                   {'Name': name, 'Value': value} for name, value in task.related_items.items()]}})
        answer.update(RegionId=task.region, TaskProcess=percent(task.progress(now), self.quirks), TotalCount=1,
                      SuccessCount=1 if status == 'Finished' else 0, FailedCount=1 if status == 'Failed' else 0,
                      OperationProgressSet={'OperationProgress': operations})
        task.observe(now)
        return answer

    def cancel_task(self, params):
        task = self.task_in(params)
        now = self.clock.now()
        if not task.support_cancel or task.action not in ('ImportImage', 'ExportImage'):
            raise ApiFailure('InvalidTaskId.TaskActionNotSupport', 'The specified task action not support.', 403)
        if task.status(now) not in ('Waiting', 'Processing', 'Paused'):
            raise ApiFailure('InvalidTaskId.IncorrectTaskStatus', 'The current status of the task does not support '
                                                                  'this operation.', 403)
        task.force('Deleted', now)
        return {}

    # --- credentials -----------------------------------------------------------------------------

    def issue_sts_key(self, seconds, account_id=None):
        """A new temporary key of the account (the fixtures' by default) that may do anything; the fixture's
        sts_token_seconds, when set, overrides the requested lifetime."""
        lifetime = float(self.sts_seconds if self.sts_seconds is not None else seconds)
        expires = time.time() + lifetime
        key_id = 'STS.' + random_id('', 24)
        secret = uuid.uuid4().hex
        token = 'CAIS' + uuid.uuid4().hex + uuid.uuid4().hex
        self.add_key({'id': key_id, 'secret': secret, 'token': token, 'expires': expires, 'account_id': account_id})
        return {'AccessKeyId': key_id, 'AccessKeySecret': secret, 'SecurityToken': token,
                'Expiration': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(expires))}

    def assume_role(self, params):
        arn = params.get('RoleArn')
        if not arn:
            raise missing('RoleArn')
        if not re.match(r'^acs:ram::\d+:role/[\w.@-]+$', arn):
            raise ApiFailure('InvalidParameter.RoleArn', 'The parameter RoleArn is wrongly formed.')
        session_name = params.get('RoleSessionName')
        if not session_name:
            raise missing('RoleSessionName')
        duration = self.integer(params, 'DurationSeconds', 3600, 900, 43200)
        account, role = arn.split(':')[3], arn.split('/')[-1]
        credentials = self.issue_sts_key(duration, account)
        return {'Credentials': credentials,
                'AssumedRoleUser': {'Arn': 'acs:ram::%s:assumed-role/%s/%s' % (account, role, session_name),
                                    'AssumedRoleId': '%s:%s' % (random.randint(10 ** 17, 10 ** 18), session_name)}}
