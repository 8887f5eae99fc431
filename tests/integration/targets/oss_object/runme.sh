#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# oss_object against the collection's emulator, which serves OSS path-style on the same port as ECS.
set -euxo pipefail
work="$(mktemp -d)"
source ../setup_emulator/emulator.sh
ansible-playbook -i ../../inventory -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" playbook.yml "$@"
rm -rf "${work}"
