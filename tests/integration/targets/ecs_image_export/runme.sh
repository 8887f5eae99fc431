#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ecs_image_export against the collection's ECS API emulator: exports run for hours of emulated time (60 times faster
# than real time) unless a test shortens them, so that running exports can be adopted and cancelled.
set -euxo pipefail
work="$(mktemp -d)"
# async_status finds its job files only where they were written, whatever HOME the test runner sets
export ANSIBLE_ASYNC_DIR="${work}/async"
cat > "${work}/fixtures.json" <<'JSON'
{"task_durations": {"ExportImage": {"waiting": 0, "processing": 36000}},
 "images": [{"image_id": "m-golden", "image_name": "golden"}, {"image_id": "m-golden2", "image_name": "golden-2"},
            {"image_id": "m-new", "image_name": "new", "status": "Creating"}]}
JSON
source ../setup_emulator/emulator.sh --time-scale 60 --fixtures "${work}/fixtures.json"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
rm -rf "${work}"
