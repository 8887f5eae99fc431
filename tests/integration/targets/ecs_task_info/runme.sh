#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ecs_task_info against the collection's ECS API emulator (its moving tasks progress by observation, not by time).
set -eux
source ../setup_emulator/emulator.sh
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
