#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The image_import role against the emulator: imports take 60 s of emulated time (1 s here).
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"task_durations": {"ImportImage": {"waiting": 0, "processing": 120}},
 "oss_buckets": {"builds": {"region": "cn-hangzhou", "objects": {}},
                 "broken": {"region": "cn-hangzhou", "import_outcome": "Failed", "objects": {}}}}
JSON
source ../setup_emulator/emulator.sh --time-scale 60 --fixtures "${work}/fixtures.json"
dd if=/dev/urandom of="${work}/web.qcow2" bs=1M count=20 status=none
dd if=/dev/urandom of="${work}/db.vhd" bs=1M count=2 status=none
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" --check check_mode.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" playbook.yml "$@"
rm -rf "${work}"
