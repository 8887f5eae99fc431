#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The image_import role against the emulator: an import is Processing in the answers of 2 describe calls (a poll of
# the role makes two: DescribeTasks, and DescribeImages for its percent), then Finished (task_polls). Every call is
# made with a key that holds exactly docs/permissions/image_import.json.
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"task_polls": {"ImportImage": {"processing": 2}},
 "access_keys": [{"id": "emulator-access-key", "secret": "emulator-secret",
                  "policy_file": "docs/permissions/image_import.json"}],
 "oss_buckets": {"builds": {"region": "cn-hangzhou", "objects": {},
                            "detection_items": [{"Name": "Virtio", "RiskCode": "Virtio.NotFound", "RiskLevel": "High"}]},
                 "broken": {"region": "cn-hangzhou", "import_outcome": "Failed", "objects": {}}}}
JSON
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
# real disk images: a GPT disk of 1 GiB with 20 MiB of data as qcow2, an MBR disk with 2 MiB of data as a VHD
disk_files=(python3 "$(emulator_collection_root)/tests/disk_files.py")
"${disk_files[@]}" gpt "${work}/web.raw" 1073741824 --data 20971520
qemu-img convert -O qcow2 "${work}/web.raw" "${work}/web.qcow2"
"${disk_files[@]}" mbr "${work}/db.raw" 134217728 --data 2097152
qemu-img convert -O vpc "${work}/db.raw" "${work}/db.vhd"
rm "${work}/web.raw" "${work}/db.raw"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" --check check_mode.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" playbook.yml "$@"
# two jobs at once importing the same file under one name, then another file under that name
dd if=/dev/urandom of="${work}/same.qcow2" bs=1M count=20 status=none
dd if=/dev/urandom of="${work}/other.qcow2" bs=1M count=20 status=none
python3 -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="DELETE"))' \
  "${EMULATOR_URL}/_emulator/requests"
jobs=()
for job in 1 2; do
  ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "file=${work}/same.qcow2" \
    -e name=concurrent -e "out=${work}/same-${job}.json" concurrent.yml "$@" &
  jobs+=("$!")
done
wait "${jobs[@]}"  # these two only: the emulator runs in the background too
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "file=${work}/other.qcow2" \
  -e name=concurrent -e "out=${work}/other.json" concurrent.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" concurrent_check.yml "$@"
# the checks before the upload, the conversion, and the same mistakes left to the API
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" \
  -e "disk_files=$(emulator_collection_root)/tests/disk_files.py" disk_checks.yml "$@"
emulator_policy_used emulator-access-key docs/permissions/image_import.json
rm -rf "${work}"
