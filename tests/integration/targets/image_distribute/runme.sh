#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The image_distribute role against the collection's ECS API emulator: golden-v2 (10 GiB; its copies are Available from
# their first observation, copy_polls 0, so the role's first poll starts them all and its second sees them done; the
# copies one at a time and their exact polls are ecs_image_copy's target) to release, and older images of its family
# golden-web, one of them shared and one used by an instance, for retention.
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"copy_polls": 0,
 "images": [
   {"image_id": "m-v2", "image_name": "golden-v2", "size": 10, "age_seconds": 60},
   {"image_id": "m-hz-v1", "image_name": "golden-v1", "image_family": "golden-web", "age_seconds": 3600},
   {"image_id": "m-hz-v0", "image_name": "golden-v0", "image_family": "golden-web", "age_seconds": 7200,
    "shared_with": ["1111"]},
   {"image_id": "m-sh-v1", "image_name": "golden-v1", "image_family": "golden-web", "age_seconds": 3600,
    "region": "cn-shanghai"},
   {"image_id": "m-sh-v0", "image_name": "golden-v0", "image_family": "golden-web", "age_seconds": 7200,
    "region": "cn-shanghai"},
   {"image_id": "m-other", "image_name": "golden-old", "image_family": "golden-web", "age_seconds": 9000,
    "region": "cn-shanghai", "owner_alias": "others"}],
 "instances": [{"instance_id": "i-web1", "image_id": "m-sh-v0"}]}
JSON
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" --check check_mode.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" failure.yml "$@"
rm -rf "${work}"
