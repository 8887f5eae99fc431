# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""Uploads and downloads of files of any size: parts in parallel, resumed after an interruption, every byte checked
(Content-MD5 on each body, CRC-64 of each part and of the whole). Private to this collection."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import calendar
import datetime
import errno
import glob
import hashlib
import json
import os
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

try:
    import anycrc
    CRC64 = anycrc.Model('CRC64-XZ')  # what OSS calls crc64ecma: ECMA-182, reflected, all ones in and out
except ImportError:
    CRC64 = None

from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.errors import ApiError, WorkFailed
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.oss import DEFAULT_PARALLEL, xml_text
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._api.retry import write_once
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.files import read_json, write_json
from ansible_collections.alicloud_ops.ecs.plugins.module_utils._progress.report import NoReport

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB
MIN_PART_SIZE = 100 * KIB
MAX_PART_SIZE = 5 * GIB
MAX_PARTS = 10000
AUTO_MIN_PART_SIZE = 8 * MIB
READ_SIZE = 8 * MIB
# An unfinished upload of another file is aborted only once it is this old: a younger one may be another job's,
# still being sent (two CI jobs at once), and aborting it would fail that job.
STALE_UPLOAD_SECONDS = 24 * 3600
_BUFFERS = threading.local()
_ZEROS = [CRC64.calc(bytes(READ_SIZE)) if CRC64 else None]


def part_plan(size, part_size=None):
    """[(number, offset, length)] covering a file of `size` bytes; with no part_size, at least 8 MiB a part and at
    most 10,000 parts. A file of one part (or empty) is one PutObject."""
    if part_size is None:
        part_size = max(AUTO_MIN_PART_SIZE, -(-size // MAX_PARTS))
        part_size = -(-part_size // MIB) * MIB
    count = max(1, -(-size // part_size))
    return [(number, (number - 1) * part_size, min(part_size, size - (number - 1) * part_size))
            for number in range(1, count + 1)]


def read_range(handle, offset, length):
    """The bytes of the file at offset..offset+length, as a view of this thread's buffer, valid until the thread's
    next read_range. One buffer a thread, reused: parts of many MiB allocated and freed in turn stay in the
    allocator's per-thread arenas, and memory would grow far past part_size times parallel."""
    buffer = getattr(_BUFFERS, 'buffer', None)
    if buffer is None or len(buffer) < length:
        buffer = _BUFFERS.buffer = bytearray(length)
    view = memoryview(buffer)[:length]
    done = 0
    while done < length:
        count = os.preadv(handle.fileno(), [view[done:done + (1 << 30)]], offset + done)
        if not count:
            raise WorkFailed('the file ended at %d bytes while it was read: it changed during the transfer'
                             % (offset + done))
        done += count
    return view


def combine(crcs):
    """CRC-64 of the whole from [(crc, length)] of its consecutive pieces."""
    whole = 0
    for crc, length in crcs:
        whole = CRC64.combine(whole, crc, length)
    return whole


def range_crc(handle, offset, length):
    """CRC-64 of the file's bytes offset..offset+length, or None when the file is shorter. The holes of a sparse
    file are not read: their zeros are counted (a 40 GiB disk image with 3 GiB of data reads 3 GiB)."""
    fd = handle.fileno()
    end = offset + length
    if os.fstat(fd).st_size < end:
        return None
    kept = os.lseek(fd, 0, os.SEEK_CUR)  # SEEK_DATA and SEEK_HOLE move the file's offset
    try:
        return sparse_crc(fd, offset, end)
    finally:
        os.lseek(fd, kept, os.SEEK_SET)


def sparse_crc(fd, offset, end):
    crc, position = 0, offset
    while position < end:
        data_at = seek(fd, position, getattr(os, 'SEEK_DATA', None), position, end)
        if data_at > position:
            crc = CRC64.combine(crc, zeros_crc(data_at - position), data_at - position)
            position = data_at
            continue
        hole_at = seek(fd, position, getattr(os, 'SEEK_HOLE', None), end, end)
        while position < hole_at:
            chunk = os.pread(fd, min(READ_SIZE, hole_at - position), position)
            if not chunk:
                return None
            crc = CRC64.calc(chunk, crc)
            position += len(chunk)
    return crc


def seek(fd, position, whence, otherwise, end):
    """Where the next data (SEEK_DATA) or hole (SEEK_HOLE) starts, at most `end`; `otherwise` where the file
    system cannot tell."""
    if whence is None:
        return otherwise
    try:
        return min(os.lseek(fd, position, whence), end)
    except OSError as exc:
        return end if exc.errno == errno.ENXIO else otherwise  # ENXIO: no data from here to the end


def zeros_crc(length):
    """CRC-64 of `length` zero bytes, from the CRC of 8 MiB of zeros doubled with combine: no bytes read."""
    crc, block, block_length = 0, _ZEROS[0], READ_SIZE
    count, rest = divmod(length, READ_SIZE)
    while count:
        if count & 1:
            crc = CRC64.combine(crc, block, block_length)
        block, block_length = CRC64.combine(block, block, block_length), block_length * 2
        count >>= 1
    return CRC64.combine(crc, CRC64.calc(bytes(rest)), rest) if rest else crc


def file_crc(handle, size):
    return range_crc(handle, 0, size)


def initiated_epoch(value):
    """Seconds since the epoch of an upload's Initiated time (2026-12-05T10:00:00.000Z); None when it does not
    read."""
    try:
        moment = datetime.datetime.strptime((value or '').split('.')[0].rstrip('Z'), '%Y-%m-%dT%H:%M:%S')
    except ValueError:
        return None
    return calendar.timegm(moment.timetuple())


def run_parallel(jobs, work, parallel):
    """work(job) for every job, `parallel` at a time; the first failure stops the jobs not yet started and is
    raised once those running have ended. Returns the results in the order of the jobs."""
    stop = threading.Event()

    def guarded(job):
        if stop.is_set():
            return None
        try:
            return work(job)
        except BaseException:
            stop.set()
            raise
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        futures = [pool.submit(guarded, job) for job in jobs]
        wait(futures, return_when=FIRST_EXCEPTION)
        for future in futures:
            future.cancel()
    for future in futures:
        if not future.cancelled() and future.exception() is not None:
            raise future.exception()
    return [future.result() for future in futures]


class Transfer:
    """What one run moved, for the module's result."""

    def __init__(self, bucket, key, size, parts):
        self.result = dict(changed=False, bucket=bucket, object=key, size=size, crc64=None, etag=None, parts=parts,
                           parts_reused=0, upload_id=None)

    def unchanged(self, head):
        self.result.update(crc64=head.crc64, etag=head.etag)
        return self.result


def user_metadata(head):
    return dict((name[len('x-oss-meta-'):].lower(), value) for name, value in head.headers.items()
                if name.lower().startswith('x-oss-meta-'))


def object_headers(metadata):
    headers = {'Content-Type': 'application/octet-stream'}
    headers.update(('x-oss-meta-' + name.lower(), value) for name, value in (metadata or {}).items())
    return headers


class Uploader:
    """A file to an object: one PutObject up to one part, else a multipart upload that resumes an unfinished one of
    the same file. OSS is the record of what was sent: each part it holds is checked against the file."""

    def __init__(self, client, bucket, key, src, part_size=None, parallel=DEFAULT_PARALLEL, metadata=None,
                 progress=None):
        self.client = client
        self.progress = progress or NoReport()
        self.bucket = bucket
        self.key = key
        self.src = src
        self.size = os.path.getsize(src)
        self.plan = part_plan(self.size, part_size)
        self.parallel = parallel
        self.metadata = dict((k.lower(), v) for k, v in (metadata or {}).items())
        self.transfer = Transfer(bucket, key, self.size, len(self.plan))
        self.transfer.result.update(parts_sent=0, bytes_sent=0)
        self.bytes_reused = 0
        self.lock = threading.Lock()

    def run(self, overwrite='different', check_mode=False):
        result = self.transfer.result
        head = self.client.head_object(self.bucket, self.key)
        with open(self.src, 'rb') as handle:
            if head is not None and self.same(head, handle, overwrite):
                return self.transfer.unchanged(head)
            result['changed'] = True
            if check_mode:
                result['crc64'] = file_crc(handle, self.size)  # what the object would be: a play can compare it
                return result
            if len(self.plan) == 1:
                self.put(handle)
            else:
                self.multipart(handle)
        return result

    def same(self, head, handle, overwrite):
        """Whether the object stands as it is: always with overwrite=never, when it is this file with different."""
        if overwrite == 'never':
            return True
        if overwrite == 'always' or head.crc64 is None or user_metadata(head) != self.metadata:
            return False
        return int(head.headers.get('Content-Length', -1)) == self.size and file_crc(handle, self.size) == head.crc64

    def put(self, handle):
        data = read_range(handle, 0, self.size)
        crc = CRC64.calc(data)
        answer = self.client.put_object(self.bucket, self.key, data, object_headers(self.metadata))
        self.check_crc(answer.crc64, crc, 'the object')
        self.transfer.result.update(crc64=crc, etag=answer.etag, parts_sent=1, bytes_sent=self.size)
        self.report_progress()
        self.abort_stale(self.client.list_uploads(self.bucket, self.key))

    def multipart(self, handle):
        result = self.transfer.result
        uploads = self.client.list_uploads(self.bucket, self.key)
        upload_id, kept = self.resumable(handle, uploads)
        self.abort_stale(u for u in uploads if u[0] != upload_id)
        if upload_id is None:
            upload_id = self.initiate(set(u[0] for u in uploads))
        result.update(upload_id=upload_id, parts_reused=len(kept))
        self.bytes_reused = sum(self.plan[number - 1][2] for number in kept)
        self.report_progress()
        try:
            sent = run_parallel([p for p in self.plan if p[0] not in kept],
                                lambda part: self.send_part(handle, upload_id, part), self.parallel)
        except (ApiError, WorkFailed) as error:
            if isinstance(error, ApiError) and error.code == 'NoSuchUpload':
                whole = file_crc(handle, self.size)
                head = self.object_if_this_file(whole)
                if head is not None:  # another run resumed the same upload of the same file and completed it
                    result.update(upload_id=None, crc64=whole, etag=head.etag)
                    return
            if isinstance(error, ApiError):
                result['error'] = error.to_dict()
            raise WorkFailed('%s; the upload %s is left for the next run to resume (its parts cost storage until '
                             'then, or until state=absent)' % (error, upload_id), **result)
        parts = dict(kept)
        parts.update((number, (etag, crc)) for number, etag, crc in sent)
        whole = combine((parts[number][1], length) for number, dummy, length in self.plan)
        self.complete(upload_id, parts, whole)
        result.update(crc64=whole, upload_id=None)

    def resumable(self, handle, uploads):
        """(upload id, {number: (etag, crc)}) of the newest upload whose every part is this file's, or (None, {})."""
        for upload_id, dummy in reversed(uploads):
            try:
                listed = self.client.list_parts(self.bucket, self.key, upload_id)
            except ApiError as error:
                if error.code != 'NoSuchUpload':
                    raise
                continue  # completed or aborted meanwhile by another run
            kept = self.verified(handle, listed)
            if kept is not None:
                return upload_id, kept
        return None, {}

    def verified(self, handle, listed):
        kept = {}
        for number, part in listed.items():
            if not 1 <= number <= len(self.plan) or part['size'] != self.plan[number - 1][2]:
                return None
            data = read_range(handle, self.plan[number - 1][1], part['size'])
            crc = CRC64.calc(data)
            if hashlib.md5(data).hexdigest().upper() != part['etag'].upper() or part['crc64'] not in (None, crc):
                return None  # the file changed since that part was sent: its parts would give a mixed object
            kept[number] = (part['etag'], crc)
        return kept

    def abort_stale(self, uploads, now=None):
        """Abort the uploads (of other files) initiated more than STALE_UPLOAD_SECONDS ago; a younger one may be
        another job's, still being sent."""
        now = time.time() if now is None else now
        for upload_id, initiated in uploads:
            started = initiated_epoch(initiated)
            if started is not None and now - started < STALE_UPLOAD_SECONDS:
                self.transfer.result['uploads_left'] = self.transfer.result.get('uploads_left', 0) + 1
                continue
            self.client.abort_upload(self.bucket, self.key, upload_id)
            self.transfer.result['uploads_aborted'] = self.transfer.result.get('uploads_aborted', 0) + 1

    def object_if_this_file(self, crc):
        """The object's HEAD when it is this file (its size, and `crc`, the file's CRC-64), else None."""
        head = self.client.head_object(self.bucket, self.key)
        if head is None or int(head.headers.get('Content-Length', -1)) != self.size or head.crc64 != crc:
            return None
        return head

    def initiate(self, known):
        """A new upload id. InitiateMultipartUpload is not sent blindly twice: after a lost answer, an upload that
        appeared since is the one it started."""
        def send():
            return self.client.initiate_upload(self.bucket, self.key, object_headers(self.metadata))

        def recover():
            started = [u for u in self.client.list_uploads(self.bucket, self.key) if u[0] not in known]
            return started[-1][0] if started else send()
        return write_once(send, recover)

    def send_part(self, handle, upload_id, part):
        number, offset, length = part
        data = read_range(handle, offset, length)
        digest = hashlib.md5(data).digest()
        md5 = digest.hex().upper()
        crc = CRC64.calc(data)
        answer = self.client.upload_part(self.bucket, self.key, upload_id, number, data, digest)
        if (answer.etag or '').upper() != md5:
            raise WorkFailed('part %d: OSS answered ETag %s for a part whose MD5 is %s' % (number, answer.etag, md5))
        self.check_crc(answer.crc64, crc, 'part %d' % number)
        with self.lock:
            self.transfer.result['parts_sent'] += 1
            self.transfer.result['bytes_sent'] += length
            self.report_progress()
        return number, answer.etag, crc

    def report_progress(self):
        result = self.transfer.result
        self.progress.transfer(direction='upload', bytes_done=self.bytes_reused + result['bytes_sent'],
                               bytes_total=self.size, parts_done=result['parts_reused'] + result['parts_sent'],
                               parts_total=len(self.plan), bytes_reused=self.bytes_reused,
                               parts_reused=result['parts_reused'])

    def complete(self, upload_id, parts, whole):
        try:
            answer = self.client.complete_upload(self.bucket, self.key, upload_id,
                                                 [(number, parts[number][0]) for number in sorted(parts)])
        except ApiError as error:
            if error.code != 'NoSuchUpload':
                raise
            # A lost answer (the Complete went through, and its retry found the upload gone), or another run of the
            # same file completed it. The object tells.
            head = self.object_if_this_file(whole)
            if head is None:
                raise WorkFailed('the upload %s is gone and the object is not this file (%s)' % (upload_id, error),
                                 **self.transfer.result)
            self.transfer.result['etag'] = head.etag
            return
        etag = (xml_text(answer.xml(), 'ETag') or '').strip('"')
        if answer.crc64 is None:
            answer = self.client.head_object(self.bucket, self.key)
            etag = answer.etag
        self.check_crc(answer.crc64, whole, 'the object')
        self.transfer.result['etag'] = etag

    def check_crc(self, answered, local, what):
        if answered is not None and answered != local:
            raise WorkFailed('%s: OSS has CRC-64 %s where the file has %s; the data was damaged on the way'
                             % (what, answered, local), **self.transfer.result)


class RangeSink:
    """Where a ranged GET writes: at its offsets in the temporary file, with the CRC-64 of what was written.
    A retried GET begins again."""

    def __init__(self, handle, offset):
        self.handle = handle
        self.offset = offset
        self.begin()

    def begin(self):
        self.written = 0
        self.crc = 0

    def write(self, chunk):
        os.pwrite(self.handle.fileno(), chunk, self.offset + self.written)
        self.crc = CRC64.calc(chunk, self.crc)
        self.written += len(chunk)


class Downloader:
    """An object to a file: ranged GETs in parallel into a temporary file beside dest, whose complete ranges a
    re-run keeps (after checking them), renamed over dest only once its CRC-64 is the object's."""

    def __init__(self, client, bucket, key, dest, part_size=None, parallel=DEFAULT_PARALLEL, progress=None):
        self.client = client
        self.progress = progress or NoReport()
        self.counts = None  # what the progress report says, once the parts are known
        self.bucket = bucket
        self.key = key
        self.dest = dest
        self.part_size = part_size
        self.parallel = parallel
        self.lock = threading.Lock()

    def run(self, overwrite='different', check_mode=False):
        head = self.client.head_object(self.bucket, self.key)
        if head is None:
            raise WorkFailed('object: oss://%s/%s does not exist' % (self.bucket, self.key))
        size = int(head.headers.get('Content-Length', 0))
        plan = part_plan(size, self.part_size)
        transfer = Transfer(self.bucket, self.key, size, len(plan))
        result = transfer.result
        result.update(parts_received=0, bytes_received=0)
        if os.path.exists(self.dest) and self.same(head, size, overwrite):
            return transfer.unchanged(head)
        result.update(changed=True, crc64=head.crc64, etag=head.etag)
        if check_mode:
            return result
        temporary = self.temporary(head, size, plan)
        done = self.resumable(temporary, plan)
        mode = 'r+b' if os.path.exists(temporary) else 'w+b'
        with open(temporary, mode) as handle:
            handle.truncate(size)
            result['parts_reused'] = len(done)
            done.update((number, 0) for number, dummy, length in plan if length == 0)  # an empty object
            reused = sum(plan[number - 1][2] for number in done)
            self.counts = dict(direction='download', bytes_done=reused, bytes_total=size, parts_done=len(done),
                               parts_total=len(plan), bytes_reused=reused, parts_reused=len(done))
            self.progress.transfer(**self.counts)
            fetched = run_parallel([p for p in plan if p[0] not in done],
                                   lambda part: self.fetch(handle, head.etag, part, done, temporary), self.parallel)
            whole = combine((done[number], length) for number, dummy, length in plan)
            if head.crc64 is not None and whole != head.crc64:
                self.discard(temporary)
                raise WorkFailed('the downloaded data has CRC-64 %s where the object has %s: nothing was written to '
                                 'dest, run again' % (whole, head.crc64), **result)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.dest)
        self.discard(temporary, data=False)
        result.update(parts_received=len(fetched), bytes_received=sum(plan[n - 1][2] for n in fetched))
        return result

    def same(self, head, size, overwrite):
        if overwrite == 'never':
            return True
        if overwrite == 'always' or head.crc64 is None or os.path.getsize(self.dest) != size:
            return False
        with open(self.dest, 'rb') as handle:
            return file_crc(handle, size) == head.crc64

    def temporary(self, head, size, plan):
        """The temporary file of this version of the object; those of other versions are removed."""
        identity = json.dumps([self.bucket, self.key, head.etag, size, len(plan)])
        directory, name = os.path.split(os.path.abspath(self.dest))
        path = os.path.join(directory, '.%s.%s.download' % (name, hashlib.sha256(identity.encode()).hexdigest()[:16]))
        for stale in glob.glob(os.path.join(glob.escape(directory), '.%s.*.download*' % glob.escape(name))):
            if not stale.startswith(path):
                os.remove(stale)
        return path

    @staticmethod
    def record_path(temporary):
        return temporary + '.json'

    def resumable(self, temporary, plan):
        """{number: crc} of the parts the record says are complete and the temporary file confirms."""
        try:
            recorded = dict((int(k), v) for k, v in read_json(self.record_path(temporary)).items())
            with open(temporary, 'rb') as handle:
                return dict((number, crc) for number, crc in recorded.items()
                            if 1 <= number <= len(plan) and range_crc(handle, *plan[number - 1][1:]) == crc)
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def fetch(self, handle, etag, part, done, temporary):
        number, offset, length = part
        sink = RangeSink(handle, offset)
        self.client.get_range(self.bucket, self.key, offset, offset + length - 1, etag, sink)
        if sink.written != length:
            raise WorkFailed('part %d: OSS sent %d bytes of %d' % (number, sink.written, length))
        with self.lock:
            done[number] = sink.crc
            write_json(self.record_path(temporary), done)
            self.counts.update(bytes_done=self.counts['bytes_done'] + length, parts_done=self.counts['parts_done'] + 1)
            self.progress.transfer(**self.counts)
        return number

    def discard(self, temporary, data=True):
        for path in ((temporary,) if data else ()) + (self.record_path(temporary),):
            if os.path.exists(path):
                os.remove(path)
