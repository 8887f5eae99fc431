# The two commands a newcomer needs: `make demo` and `make test`. Both set themselves up.
PYTHON ?= python3

.PHONY: test clean

test:  ## set up the pinned toolchain in .venv/ and run every check
	$(PYTHON) tools/checks.py

clean:  ## remove the virtualenvs and build output
	rm -rf .venv .build tests/output
