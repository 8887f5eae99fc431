# The two commands a newcomer needs: `make demo` and `make test`. Both set themselves up.
PYTHON ?= python3

.PHONY: test demo clean bench-emulator

test:  ## set up the pinned toolchain in .venv/ and run every check
	$(PYTHON) tools/checks.py

clean:  ## remove the virtualenvs and build output
	rm -rf .venv .build tests/output

demo:  ## the main job: wait for image imports and an export against the bundled emulator
	$(PYTHON) tools/demo.py

bench-emulator:  ## requests per second the emulator serves (needs .venv/main from make test)
	.venv/main/bin/python tools/bench_emulator.py
