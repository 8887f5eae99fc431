#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# What the module and the lookup return holds every filter even where the API is loose: an emulator that ignores
# every DescribeTasks filter and answers in the other spellings seen in the wild. Plus the plain-HTTP warning.
set -euxo pipefail
source ../setup_emulator/emulator.sh
output="$(mktemp)"
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@" 2>&1 | tee "${output}"
# the module warns about plain http:// to another host, and stays quiet on the loopback emulator
grep -c 'endpoint is plain http:// (http://ecs.cn-hangzhou.aliyuncs.com)' "${output}"
if grep 'plain http:// (http://127.0.0.1' "${output}"; then
    echo "a loopback endpoint was warned about"
    exit 1
fi
# the lookup too; the emulator stands in as the HTTP proxy that takes the calls to that remote endpoint
HTTP_PROXY="${EMULATOR_URL}" http_proxy="${EMULATOR_URL}" NO_PROXY="" no_proxy="" \
ALIBABA_CLOUD_ACCESS_KEY_ID=emulator-access-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-secret \
ALIBABA_CLOUD_REGION_ID=cn-hangzhou \
    ansible-playbook -i ../../inventory lookup_over_http.yml "$@" 2>&1 | tee "${output}"
grep -c 'alicloud_ops.ecs.ecs_task: endpoint is plain http://' "${output}"
rm -f "${output}"
