#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The image_distribute role against the collection's ECS API emulator, its clock moved by observation: golden-v2
# (10 GiB, NVMe, UEFI; its copies are Creating at their first observation, copy_polls 1, then Available; a deleted image
# is listed once more, delete_polls 1) to release, and older images of its family golden-web for retention: one shared,
# one used by an instance, one released later (never retired), and snapshots another image or a disk uses.
# backlog.yml retires a backlog of 20 images in each of 3 regions, snapshots included. Every call is made with a key
# that holds exactly docs/permissions/image_distribute.json; sharee.yml is account 2001's side, with
# docs/permissions/reader.json.
set -euxo pipefail
work="$(mktemp -d)"
cat > "${work}/fixtures.json" <<'JSON'
{"copy_polls": 1, "delete_polls": 1,
 "access_keys": [{"id": "emulator-access-key", "secret": "emulator-secret",
                  "policy_file": "docs/permissions/image_distribute.json"},
                 {"id": "sharee-key", "secret": "sharee-secret", "account_id": "2001",
                  "policy_file": "docs/permissions/reader.json"},
                 {"id": "owner-reader-key", "secret": "owner-reader-secret",
                  "policy_file": "docs/permissions/reader.json"}],
 "images": [
   {"image_id": "m-v2", "image_name": "golden-v2", "size": 10, "age_seconds": 600, "nvme_support": "supported",
    "boot_mode": "UEFI"},
   {"image_id": "m-hz-next", "image_name": "golden-v3", "image_family": "golden-web", "age_seconds": 60},
   {"image_id": "m-hz-v1", "image_name": "golden-v1", "image_family": "golden-web", "age_seconds": 3600},
   {"image_id": "m-hz-v0", "image_name": "golden-v0", "image_family": "golden-web", "age_seconds": 7200,
    "shared_with": ["1111"]},
   {"image_id": "m-hz-vx", "image_name": "golden-vx", "image_family": "golden-web", "age_seconds": 10800,
    "snapshot_ids": ["s-hz-vx"]},
   {"image_id": "m-sh-v1", "image_name": "golden-v1", "image_family": "golden-web", "age_seconds": 3600,
    "region": "cn-shanghai"},
   {"image_id": "m-sh-v0", "image_name": "golden-v0", "image_family": "golden-web", "age_seconds": 7200,
    "region": "cn-shanghai"},
   {"image_id": "m-sh-old", "image_name": "golden-old", "image_family": "golden-web", "age_seconds": 9000,
    "region": "cn-shanghai", "snapshot_ids": ["s-both"]},
   {"image_id": "m-sh-disk", "image_name": "golden-disk", "image_family": "golden-web", "age_seconds": 9500,
    "region": "cn-shanghai", "snapshot_ids": ["s-disk"]},
   {"image_id": "m-sh-keep", "image_name": "other-app", "region": "cn-shanghai", "snapshot_ids": ["s-both"]},
   {"image_id": "m-other", "image_name": "golden-older", "image_family": "golden-web", "age_seconds": 9900,
    "region": "cn-shanghai", "owner_alias": "others"}],
 "instances": [{"instance_id": "i-web1", "image_id": "m-sh-v0"}],
 "disks": [{"disk_id": "d-1", "snapshot_id": "s-disk"}]}
JSON
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" --check check_mode.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" check_mode_set.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
# the account the release is shared with (2001) sees it, and resolves the family to it as the owner does
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" sharee.yml "$@"
emulator_policy_used sharee-key docs/permissions/reader.json
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "collection_root=$(emulator_collection_root)" \
  failure.yml "$@"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" backlog.yml "$@"
# a run killed between DeleteImage and DeleteSnapshot (its whole process group, module included), then the next run
control() {  # control METHOD PATH: the emulator's answer on stdout
  python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(urllib.request.Request(sys.argv[2], method=sys.argv[1])).read().decode())' \
    "$1" "${EMULATOR_URL}/_emulator/$2"
}
control DELETE requests > /dev/null
# in a process group of its own, so that one kill ends it with its workers and its module
python3 -c 'import os, sys; os.setpgid(0, 0); os.execvp(sys.argv[1], sys.argv[1:])' \
  ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e phase=killed killed.yml "$@" &
killed=$!
for attempt in $(seq 600); do
  control GET requests | grep -q '"DeleteImage"' && break  # a call is logged once answered
  sleep 0.1
done
# ansible-test's ansible-playbook runs the real one in a process group of its own: end that group too
groups="$(ps -eo pgid=,args= | awk '/phase=kille[d]/ {print $1}' | sort -u)"
kill -KILL -- "-${killed}" $(for group in ${groups}; do echo "-${group}"; done)
wait "${killed}" || true
control DELETE faults > /dev/null
# the image is gone, or being deleted when the kill came before the run's next DescribeImages (delete_polls 1)
control GET images | python3 -c 'import json, sys; sys.exit(any(i["ImageId"] == "m-k-1" and not i["Deleting"]
                                                              for i in json.load(sys.stdin)["images"]))' \
  || { echo "the killed run deleted no image"; exit 1; }
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e phase=next killed.yml "$@"
# two runs of one release at once (two CI jobs)
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e phase=seed concurrent.yml "$@"
control DELETE requests > /dev/null
jobs=()
for job in 1 2; do
  ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e phase=run -e "out=${work}/twice-${job}.json" \
    concurrent.yml "$@" &
  jobs+=("$!")
done
wait "${jobs[@]}"  # these two only: the emulator runs in the background too
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e phase=check -e "out=${work}/twice" concurrent.yml "$@"
emulator_policy_used emulator-access-key docs/permissions/image_distribute.json
rm -rf "${work}"
