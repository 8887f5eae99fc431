#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ecs_image against the collection's ECS API emulator: images to name, tag, share and delete, one of them used by an
# instance, and a copy still being made; DeleteImage ends at once (delete_polls 0: image_distribute's target follows
# a deletion that takes time, snapshots included).
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"copy_seconds_per_gib": 1000, "delete_polls": 0,
 "images": [{"image_id": "m-golden", "image_name": "golden", "tags": {"stale": "yes"}},
            {"image_id": "m-used", "image_name": "used"}],
 "instances": [{"instance_id": "i-web1", "image_id": "m-used"}]}
JSON
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
rm -rf "${work}"
