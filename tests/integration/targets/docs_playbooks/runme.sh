#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Every playbook the docs show (the README, the role READMEs, the guides), as the pages show it (extract.py), run
# against the emulator with what a reader would have: the objects, images and tasks the playbook names, a profile
# image-builder, and keys that hold the docs/permissions files. Then the "six regions, three accounts" recipe: a
# release after last month's (golden-web-2026.11, seeded), the launching accounts' side, a rollback, and what each
# launching account's launch by family takes in each region.
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"task_polls": {"ImportImage": {"waiting": 0, "processing": 0}}, "copy_polls": 0, "delete_polls": 0,
 "access_keys": [
   {"id": "releaser-key", "secret": "releaser-secret",
    "policy_files": ["docs/permissions/image_import.json", "docs/permissions/image_distribute.json",
                     "docs/permissions/image_task_wait.json"]},
   {"id": "launch-b-key", "secret": "launch-b-secret", "account_id": "2000000000000002",
    "policy_file": "docs/permissions/reader.json"},
   {"id": "launch-c-key", "secret": "launch-c-secret", "account_id": "3000000000000003",
    "policy_file": "docs/permissions/reader.json"}],
 "oss_buckets": {"images-cn-hangzhou": {"region": "cn-hangzhou",
                                        "objects": {"builds/golden-web.qcow2": {}, "builds/golden-db.qcow2": {}}},
                 "images": {"region": "cn-hangzhou", "objects": {}}},
 "images": [{"image_id": "m-golden-2026-11", "image_name": "golden-web-2026-11", "age_seconds": 86400},
            {"image_id": "m-cn-hangzhou-2026-11", "image_name": "golden-web-2026.11", "image_family": "golden-web",
             "region": "cn-hangzhou", "age_seconds": 2592000, "shared_with": ["2000000000000002", "3000000000000003"]},
            {"image_id": "m-cn-shanghai-2026-11", "image_name": "golden-web-2026.11", "image_family": "golden-web",
             "region": "cn-shanghai", "age_seconds": 2592000, "shared_with": ["2000000000000002", "3000000000000003"]},
            {"image_id": "m-cn-beijing-2026-11", "image_name": "golden-web-2026.11", "image_family": "golden-web",
             "region": "cn-beijing", "age_seconds": 2592000, "shared_with": ["2000000000000002", "3000000000000003"]},
            {"image_id": "m-cn-shenzhen-2026-11", "image_name": "golden-web-2026.11", "image_family": "golden-web",
             "region": "cn-shenzhen", "age_seconds": 2592000, "shared_with": ["2000000000000002", "3000000000000003"]},
            {"image_id": "m-ap-southeast-1-2026-11", "image_name": "golden-web-2026.11", "image_family": "golden-web",
             "region": "ap-southeast-1", "age_seconds": 2592000, "shared_with": ["2000000000000002", "3000000000000003"]},
            {"image_id": "m-eu-central-1-2026-11", "image_name": "golden-web-2026.11", "image_family": "golden-web",
             "region": "eu-central-1", "age_seconds": 2592000, "shared_with": ["2000000000000002", "3000000000000003"]}],
 "tasks": [{"task_id": "t-bp1abcdefghijk", "task_action": "ImportImage", "status": "Finished"},
           {"task_id": "t-builder-1", "task_action": "ImportImage", "status": "Finished"},
           {"task_id": "t-builder-2", "task_action": "ImportImage", "status": "Finished"},
           {"task_id": "t-shanghai-1", "task_action": "ImportImage", "status": "Finished", "region": "cn-shanghai"}]}
JSON
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
root="$(emulator_collection_root)"
PYTHONPATH="${root}/../../.." python3 extract.py "${root}" "${work}" "${EMULATOR_URL}" reader_vars.yml

# what a reader has: credentials in the environment and in the aliyun CLI profile image-builder, a disk image file
export HOME="${work}/home" ALIBABA_CLOUD_ACCESS_KEY_ID=releaser-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=releaser-secret \
  ALIBABA_CLOUD_REGION_ID=cn-hangzhou
mkdir -p "${HOME}/.aliyun" "${work}/builds"
echo '{"current": "image-builder", "profiles": [{"name": "image-builder", "mode": "AK", "access_key_id": "releaser-key",
       "access_key_secret": "releaser-secret", "region_id": "cn-hangzhou"}]}' > "${HOME}/.aliyun/config.json"
python3 "${root}/tests/disk_files.py" gpt "${work}/builds/disk.raw" 67108864 --data 1048576
qemu-img convert -O qcow2 "${work}/builds/disk.raw" "${work}/builds/golden-web.img"
qemu-img convert -O qcow2 "${work}/builds/disk.raw" "${work}/builds/golden-web-2026.12.qcow2"
cat > "${work}/inventory" <<EOF2
[image_builders]
builder-1 builder_task_ids='["t-builder-1"]'
builder-2 builder_task_ids='["t-builder-2"]'
[all:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python3)
alicloud_endpoint=${EMULATOR_URL}
[others]
localhost
build-host
EOF2
# the releasing account's playbooks in one run, in the order of the pages, ending with the recipe's release
ansible-playbook -i "${work}/inventory" "${work}"/{getting_started_wait,waiting_builders,waiting_module_defaults}.yml \
  "${work}"/{readme_import,image_task_wait_readme,image_import_readme,image_pipeline_role}.yml \
  "${work}"/{image_distribute_readme,recipe_release}.yml
# a launching account's side; check_recipe.yml resolves the family as both launching accounts, before and after the
# rollback
ALIBABA_CLOUD_ACCESS_KEY_ID=launch-b-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=launch-b-secret \
  ansible-playbook -i "${work}/inventory" "${work}/recipe_launch.yml"
ansible-playbook -i "${work}/inventory" -e "emulator_url=${EMULATOR_URL}" check_released.yml \
  "${work}/recipe_rollback.yml" check_rolled_back.yml
emulator_policy_used launch-b-key docs/permissions/reader.json
rm -rf "${work}"
