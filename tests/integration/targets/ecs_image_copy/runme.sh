#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ecs_image_copy against the collection's ECS API emulator: a 10 GiB source image whose copies are Creating in the
# answers of 2 DescribeImages calls each, then Available (copy_polls). Under the strict reading of the API (one copy of
# an image at a time, copy_conflict any_region), so that the module's queue is exercised; image_distribute's target
# copies side by side, as the API's reference reads today.
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"copy_polls": 2, "copy_conflict": "any_region",
 "images": [{"image_id": "m-golden", "image_name": "golden", "size": 10, "description": "Golden image"}]}
JSON
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
rm -rf "${work}"
