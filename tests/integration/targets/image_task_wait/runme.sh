#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The image_task_wait role against the collection's ECS API emulator (its tasks progress by observation), with a key
# that holds exactly docs/permissions/image_task_wait.json.
set -eux
fixtures="$(mktemp)"
echo '{"access_keys": [{"id": "emulator-access-key", "secret": "emulator-secret",
                        "policy_file": "docs/permissions/image_task_wait.json"}]}' > "${fixtures}"
source ../setup_emulator/emulator.sh --fixtures "${fixtures}"
output="$(mktemp)"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@" | tee "${output}"
# A person watching sees the wait move: one line per poll, with the unfinished tasks and their percent.
grep -E 'item=poll 1, [0-9.]+ s: 0/2 finished \| t-slow-1 Waiting' "${output}"
grep -E 'item=poll 3, [0-9.]+ s: 2/2 finished\)' "${output}"
grep -E 'item=poll 1, .*t-slow-2 Processing 50%' "${output}"
grep -E 'item=poll 1, [0-9.]+ s: 0/0 finished \| unknown: t-ghost\)' "${output}"
emulator_policy_used emulator-access-key docs/permissions/image_task_wait.json
rm -f "${output}" "${fixtures}"
