# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Sourced by a target's runme.sh: starts the collection's ECS API emulator on a free loopback port,
# exports EMULATOR_URL and ANSIBLE_ACTION_PLUGINS (for emulator_control), and stops the emulator when the script exits.
# Usage: source ../setup_emulator/emulator.sh [emulator options such as --time-scale 60]

emulator_collection_root() {
    local path
    for path in ${ANSIBLE_COLLECTIONS_PATH//:/ }; do
        if [ -d "${path}/ansible_collections/alicloud_ops/ecs/tests/emulator" ]; then
            echo "${path}/ansible_collections/alicloud_ops/ecs"
            return
        fi
    done
    echo "emulator.sh: tests/emulator not found under ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH}" >&2
    return 1
}

EMULATOR_WORK="$(mktemp -d)"
python "$(emulator_collection_root)/tests/emulator" --listen 127.0.0.1:0 --port-file "${EMULATOR_WORK}/port" "$@" \
    2> "${EMULATOR_WORK}/log" &
EMULATOR_PID=$!

emulator_stop() {
    kill "${EMULATOR_PID}" 2>/dev/null && wait "${EMULATOR_PID}" 2>/dev/null
    rm -rf "${EMULATOR_WORK}"
}
trap emulator_stop EXIT

for _ in $(seq 1 100); do
    [ -s "${EMULATOR_WORK}/port" ] && break
    sleep 0.1
done
if [ ! -s "${EMULATOR_WORK}/port" ]; then
    echo "emulator.sh: the emulator did not start:" >&2
    cat "${EMULATOR_WORK}/log" >&2
    exit 1
fi
EMULATOR_URL="http://127.0.0.1:$(cat "${EMULATOR_WORK}/port")"
export EMULATOR_URL
# the targets' calls to the emulator's control API (emulator_control, on the controller)
ANSIBLE_ACTION_PLUGINS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/action_plugins"
export ANSIBLE_ACTION_PLUGINS

# emulator_policy_used KEY POLICY: fail unless the key's calls used every action of the policy file (a path from the
# collection's root, such as docs/permissions/image_import.json): a policy that grants no more than the runs need.
emulator_policy_used() {
    python3 - "${EMULATOR_URL}" "$1" "$(emulator_collection_root)/$2" "$2" <<'PYTHON'
import json, sys, urllib.request
url, key, path, name = sys.argv[1:]
used = set(json.load(urllib.request.urlopen(url + '/_emulator/access'))['keys'].get(key, {}).get('actions', []))
granted = set(action for statement in json.load(open(path))['Statement'] for action in statement['Action'])
unused = sorted(granted - used)
if unused:
    sys.exit('%s grants what no run of key %s used: %s' % (name, key, ', '.join(unused)))
print('%s: every action used by key %s (%d)' % (name, key, len(granted)))
PYTHON
}
