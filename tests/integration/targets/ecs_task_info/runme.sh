#!/usr/bin/env bash
# ecs_task_info against the collection's ECS API emulator (a task clock 60 times faster than real time).
set -eux
source ../setup_emulator/emulator.sh --time-scale 60
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" playbook.yml "$@"
