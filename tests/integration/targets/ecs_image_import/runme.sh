#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ecs_image_import against the collection's ECS API emulator: imports run for hours unless the playbook makes them
# progress by observation (task_polls), so that running imports can be adopted and cancelled.
set -euxo pipefail
work="$(mktemp -d)"
echo '{"task_durations": {"ImportImage": {"waiting": 5, "processing": 36000}}}' > "${work}/fixtures.json"
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
rm -rf "${work}"
