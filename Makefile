# SPDX-FileCopyrightText: alicloud_ops.ecs contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# The two commands a newcomer needs: `make demo` and `make test`. Both set themselves up.
# The other targets are the inner loop of a contributor (CONTRIBUTING.md).
PYTHON ?= python3
SANITY_PYTHON ?= 3.13
TARGET ?=
SEEDS ?= 20
STRESS ?=

.PHONY: test demo docs bench bench-calls bench-release bench-disk bench-emulator chaos clean units sanity integration lint

test:  ## set up the pinned toolchain in .venv/ and run every check (STRESS=1: with one core kept busy)
	STRESS=$(STRESS) $(PYTHON) tools/checks.py

clean:  ## remove the virtualenvs and build output
	rm -rf .venv .build tests/output

demo:  ## the main job: local disk images to Available images, an export downloaded, against the bundled emulator
	$(PYTHON) tools/demo.py

units:  ## the unit tests (main ansible-core) only
	$(PYTHON) tools/checks.py --only 'ansible-test units'

sanity:  ## ansible-test sanity on one Python (SANITY_PYTHON, 3.13 by default)
	$(PYTHON) tools/checks.py --only 'ansible-test sanity' --python $(SANITY_PYTHON)

integration:  ## one integration target by name: make integration TARGET=oss_object
	@test -n "$(TARGET)" || { echo 'name the target: make integration TARGET=oss_object'; exit 2; }
	$(PYTHON) tools/checks.py --only 'ansible-test integration' --target $(TARGET)

lint:  ## ansible-lint, the docs linters, REUSE, the docsite and ansible-doc
	$(PYTHON) tools/checks.py --only ansible-lint --only antsibull --only REUSE --only docsite --only ansible-doc

bench-emulator:  ## requests per second the emulator serves (needs .venv/main from make test)
	.venv/main/bin/python tools/bench_emulator.py

bench-calls:  ## the API call counts of make bench alone, printed (about a minute; writes nothing)
	$(PYTHON) tools/bench.py --calls

bench-release:  ## a release to 1-20 regions with a backlog, and under both readings of CopyImage, printed (writes nothing)
	$(PYTHON) tools/bench.py --release

bench-disk:  ## a 4 GiB raw image with 10 % data to Available through the WAN mode and a 100 Mbit/s uplink, converted and not, printed (about 8 minutes; writes nothing)
	$(PYTHON) tools/bench.py --disk

bench:  ## API call budget, client cost against the official SDKs, playbook overhead, latency, memory -> docs/benchmarks.md
	$(PYTHON) tools/bench.py

chaos:  ## the release pipeline under seeded random faults, then re-run plainly: make chaos SEEDS=20 (CONCURRENT=1: two pipelines at once)
	$(PYTHON) tools/chaos.py --seeds $(SEEDS) $(if $(CONCURRENT),--concurrent)

docs:  ## build the docsite offline into .build/docsite/build/html
	$(PYTHON) tools/checks.py --only docsite
