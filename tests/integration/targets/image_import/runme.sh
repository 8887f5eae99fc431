#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The image_import role against the emulator: an import is Processing in the answers of 2 describe calls (a poll of
# the role makes two: DescribeTasks, and DescribeImages for its percent), then Finished (task_polls).
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"task_polls": {"ImportImage": {"processing": 2}},
 "oss_buckets": {"builds": {"region": "cn-hangzhou", "objects": {}},
                 "broken": {"region": "cn-hangzhou", "import_outcome": "Failed", "objects": {}}}}
JSON
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
dd if=/dev/urandom of="${work}/web.qcow2" bs=1M count=20 status=none
dd if=/dev/urandom of="${work}/db.vhd" bs=1M count=2 status=none
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" --check check_mode.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" playbook.yml "$@"
rm -rf "${work}"
