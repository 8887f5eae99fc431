#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The modules (oss_object too), the lookup and the role at -vvvv with a unique secret and token, on success, on API errors and on
# timeout, and in the progress lines: neither may appear anywhere in what ansible-playbook prints or returns.
set -eux
source ../setup_emulator/emulator.sh
work="$(mktemp -d)"
set +x  # keep the canaries out of this script's own trace
secret="canary-secret-$(date +%s%N)"
token="canary-token-$(date +%s%N)"
cat > "${work}/secrets.yml" <<VARS
leak_secret: ${secret}
leak_token: ${token}
VARS
set +e
ansible-playbook -vvvv -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "results_file=${work}/results.json" \
    -e "@${work}/secrets.yml" playbook.yml > "${work}/output.txt" 2>&1
status=$?
set -e
cat "${work}/output.txt"
if [ "${status}" -ne 0 ]; then
    echo "the playbook failed (${status})"
    exit 1
fi
for file in "${work}/output.txt" "${work}/results.json"; do
    if grep -n -F -e "${secret}" -e "${token}" "${file}"; then
        echo "LEAK: the secret or the token appears in ${file}"
        exit 1
    fi
done
grep -c '"request_ids"' "${work}/results.json"
# the progress lines were printed, so the search above covered them
grep -E '^\[testhost\] ecs_task_info: poll [0-9]+, ' "${work}/output.txt"
rm -rf "${work}"
echo "no leak"
