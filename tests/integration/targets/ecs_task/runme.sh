#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The ecs_task lookup against the collection's ECS API emulator (t-c progresses by observation, not by time).
set -eux
source ../setup_emulator/emulator.sh
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
# Connection options from the environment, as users of the lookup set them.
ALIBABA_CLOUD_ACCESS_KEY_ID=emulator-access-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-secret \
ALICLOUD_ACCESS_KEY=legacy-key ALICLOUD_SECRET_KEY=legacy-secret ALIBABA_CLOUD_REGION_ID=cn-hangzhou \
    ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" environment.yml "$@"
