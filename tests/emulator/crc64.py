# -*- coding: utf-8 -*-
# Copyright: alicloud_ops.ecs contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
"""The emulator's CRC-64 (CRC-64/XZ, which OSS calls crc64ecma): fastcrc's when it is installed, else one of the
standard library's own, table-driven, a few MiB/s, announced once on standard error."""

from __future__ import absolute_import, division, print_function

import sys

try:
    from fastcrc import crc64 as _fastcrc
except ImportError:
    _fastcrc = None

MASK = 0xFFFFFFFFFFFFFFFF
_REFLECTED_POLY = 0xC96C5795D7870F42
_TABLE = []
for _byte in range(256):
    _crc = _byte
    for _bit in range(8):
        _crc = (_crc >> 1) ^ _REFLECTED_POLY if _crc & 1 else _crc >> 1
    _TABLE.append(_crc)
_ANNOUNCED = []


def python_xz(data, initial=0):
    """CRC-64/XZ of data, continuing from the CRC `initial` of what came before (as fastcrc's crc64.xz)."""
    crc = initial ^ MASK
    table = _TABLE
    for byte in memoryview(data).cast('B'):
        crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ MASK


def xz(data, initial=0):
    if _fastcrc is not None:
        return _fastcrc.xz(data, initial)
    if not _ANNOUNCED:
        _ANNOUNCED.append(True)
        sys.stderr.write('emulator: fastcrc is not installed; CRC-64 comes from the standard library, slowly '
                         '(pip install fastcrc for speed)\n')
    return python_xz(data, initial)
