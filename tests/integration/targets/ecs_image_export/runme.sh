#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ecs_image_export against the collection's ECS API emulator: exports run for hours unless the playbook makes them
# progress by observation (task_polls), so that running exports can be adopted and cancelled.
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"task_durations": {"ExportImage": {"waiting": 0, "processing": 36000}},
 "images": [{"image_id": "m-golden", "image_name": "golden"}, {"image_id": "m-golden2", "image_name": "golden-2"},
            {"image_id": "m-new", "image_name": "new", "status": "Creating"}]}
JSON
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
rm -rf "${work}"
