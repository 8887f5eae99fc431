#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Progress at a bounded cost: 150 tasks, the module with progress and the role with its defaults, against the
# collection's ECS API emulator (its tasks progress by observation, not by time).
set -euxo pipefail
source ../setup_emulator/emulator.sh
output="$(mktemp)"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@" 2>&1 | tee "${output}"
# many tasks: the role's line sums them up instead of naming 150 ids
grep -E 'item=poll 1, [0-9.]+ s: 0/150 finished \| 150 running, 10 sampled, median [0-9]+%\)' "${output}"
grep -E 'item=poll [0-9]+, [0-9.]+ s: 150/150 finished\)' "${output}"
if grep -E 'item=poll [0-9]+, .*t-[a-z0-9]+ Processing' "${output}"; then
    echo "the progress line names tasks one by one"
    exit 1
fi
rm -f "${output}"
