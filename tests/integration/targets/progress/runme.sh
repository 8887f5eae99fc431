#!/usr/bin/env bash
# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The progress lines of long runs, on the terminal, through a slow link (0.5 MiB/s for each connection): a 20 s upload
# at a 2 s interval, a download, an import waited for, a run delegated to another host with become, the lines off,
# the user's own async; and a run whose controller is killed, which must stop by itself and leave only its upload.
set -euxo pipefail
work="$(mktemp -d)"
export ANSIBLE_ASYNC_DIR="${work}/async"
# the import waited for is unfinished in the answers of 4 DescribeTasks calls (task_polls): with a poll a second, its
# wait lasts 3 s whatever the machine's speed, past the 1 s interval of its progress lines
echo '{"task_polls": {"ImportImage": {"waiting": 1, "processing": 3}}}' > "${work}/fixtures.json"
source ../setup_emulator/emulator.sh --fixtures "${work}/fixtures.json"
python="$(command -v python)"
cat > "${work}/inventory" <<INVENTORY
testhost ansible_connection=local ansible_python_interpreter=${python}
otherhost ansible_connection=local ansible_python_interpreter=${python}
INVENTORY
curl -sf -X POST -H 'Content-Type: application/json' -d '{"wan": {"mib_per_s": 0.5}}' "${EMULATOR_URL}/_emulator/config"
for file in abandoned.raw:30 big.raw:20 small.raw:3; do
    dd if=/dev/urandom of="${work}/${file%:*}" bs=1M count="${file#*:}" status=none
done

# The killed run first, in the background; check_abandoned.py kills it once it shows a line, and checks what it
# leaves. Unbuffered, as on a terminal: ansible-playbook does not flush what it prints to a file until it ends.
PYTHONUNBUFFERED=1 ANSIBLE_ASYNC_DIR="${work}/abandoned-async" ANSIBLE_REMOTE_TMP="${work}/abandoned-tmp" ansible-playbook \
    -i "${work}/inventory" -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" abandoned.yml > "${work}/abandoned.txt" 2>&1 &
python check_abandoned.py "$!" "${work}" "${EMULATOR_URL}" > "${work}/abandoned-check.txt" 2>&1 &
checker=$!

# The 20 s upload beside the other runs, each play printing to its own file. Its HOME is not the user's home in
# passwd, and its async folder is under ~, so the progress file must be placed where the module expands ~, as the
# async wrapper does, not where the controller would.
mkdir "${work}/home"
HOME="${work}/home" ANSIBLE_ASYNC_DIR='~/.progress-async' \
    ansible-playbook -i "${work}/inventory" -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" slow.yml "$@" \
    > "${work}/slow.txt" 2>&1 &
slow=$!
ansible-playbook -i "${work}/inventory" -e "emulator_url=${EMULATOR_URL}" -e "work=${work}" playbook.yml "$@" \
    > "${work}/output.txt" 2>&1 || { cat "${work}/output.txt"; exit 1; }
wait "${slow}" || { cat "${work}/slow.txt"; exit 1; }
cat "${work}/slow.txt" "${work}/output.txt"
python check_output.py "${work}/slow.txt" "${work}/output.txt"
left="$(find "${ANSIBLE_ASYNC_DIR}" "${work}/home/.progress-async" -mindepth 1)"
[ -z "${left}" ] || { echo "left in the async directory: ${left}"; exit 1; }

wait "${checker}" || { cat "${work}/abandoned-check.txt" "${work}/abandoned.txt"; exit 1; }
cat "${work}/abandoned-check.txt"
rm -rf "${work}"
