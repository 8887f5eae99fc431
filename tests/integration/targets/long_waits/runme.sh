#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Long waits the Ansible way, against the collection's ECS API emulator (its tasks progress by observation, not by
# time): ecs_task_info with wait under async and async_status, and one wait for the tasks of many hosts.
set -euxo pipefail
work="$(mktemp -d)"
# async_status finds its job files only where they were written, whatever HOME the test runner sets
export ANSIBLE_ASYNC_DIR="${work}/async"
cat > "${work}/hosts" <<INVENTORY
[image_builders]
builder-a
builder-b
builder-c

[all:vars]
ansible_connection=local
ansible_python_interpreter=$(command -v python)
INVENTORY
source ../setup_emulator/emulator.sh
ansible-playbook -i ../../inventory -i "${work}/hosts" -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
rm -rf "${work}"
