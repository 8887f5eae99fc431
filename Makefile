# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands a newcomer needs: `make demo` and `make test`. Both set themselves up.
PYTHON ?= python3

.PHONY: test demo docs bench bench-emulator clean

test:  ## set up the pinned toolchain in .venv/ and run every check
	$(PYTHON) tools/checks.py

clean:  ## remove the virtualenvs and build output
	rm -rf .venv .build tests/output

demo:  ## the main job: wait for image imports and an export against the bundled emulator
	$(PYTHON) tools/demo.py

bench-emulator:  ## requests per second the emulator serves (needs .venv/main from make test)
	.venv/main/bin/python tools/bench_emulator.py

bench:  ## API call budget, client cost against the official SDKs, playbook overhead, latency, memory -> docs/benchmarks.md
	$(PYTHON) tools/bench.py

docs:  ## build the docsite offline into .build/docsite/build/html
	$(PYTHON) tools/checks.py --only docsite
