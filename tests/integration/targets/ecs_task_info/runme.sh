#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# ecs_task_info against the collection's ECS API emulator (a task clock 60 times faster than real time).
set -eux
source ../setup_emulator/emulator.sh --time-scale 60
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
