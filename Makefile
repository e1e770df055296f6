# The two commands a new user needs (see README.md):
#   make demo   install into .venv, then run storytrail on the bundled demo corpus
#   make test   install into .venv, then lint and run the whole test suite
# Every dependency is pinned: direct ones in pyproject.toml, all transitive ones in
# constraints.txt, so a clean clone installs the same versions everywhere.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= storytrail.db

.PHONY: install demo test lint browser bench clean

install: $(STAMP)

# pip first: the pip a Python 3.11 venv starts with (23.2) compares extras' names without
# normalising them (PEP 685), so it warns that lxml "does not provide the extra 'html_clean'"
# (justext asks for it as html_clean, lxml declares html-clean). pip 23.3 and later do not.
PIP_VERSION := 25.3

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==$(PIP_VERSION)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.[test,bench,embeddings]'
	@touch $(STAMP)

demo: install
	$(BIN)/storytrail --db $(DB) demo

lint: install
	$(BIN)/ruff check storytrail tests bench
	$(BIN)/ruff format --check storytrail tests bench

# The web UI's end-to-end tests drive Debian's headless Chromium through Playwright
# (never a browser download): installed here when missing and we are root, as in CI.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && apt-get install -y --no-install-recommends chromium; \
		else \
			echo "make: /usr/bin/chromium missing; the browser tests need: sudo apt-get install chromium" >&2; \
		fi; \
	fi

test: lint browser
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
