#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ecs_image_import against the collection's ECS API emulator: imports run for hours of emulated time (60 times
# faster than real time) unless a test shortens them, so that running imports can be adopted and cancelled.
set -euxo pipefail
work="$(mktemp -d)"
# async_status finds its job files only where they were written, whatever HOME the test runner sets
export ANSIBLE_ASYNC_DIR="${work}/async"
echo '{"task_durations": {"ImportImage": {"waiting": 5, "processing": 36000}}}' > "${work}/fixtures.json"
source ../setup_emulator/emulator.sh --time-scale 60 --fixtures "${work}/fixtures.json"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
rm -rf "${work}"
