# 明白账 — two commands on a fresh Debian machine: `make serve` and `make test`.
# Both create .venv and install the pinned dependencies into it first.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Primary law texts: the project's own laws/ (issue 12), which `mingbai` reads by default; LAWS=DIR
# checks against another copy (e.g. LAWS=../shared/laws, the writers' reference folder).
LAWS   ?= laws
LAWSARG := $(if $(LAWS),--laws $(LAWS),)

.PHONY: install node system-serve system-test budgets serve build dist check test lint clean

# Debian packages (setup/system-packages.txt): the missing ones are installed as root, through
# password-less sudo, or named in one message with the exact apt-get command. Checked on every run
# (one dpkg-query call), since a stamp file cannot see a package removed behind its back.
system-serve:
	@$(PYTHON) setup/system_packages.py serve

system-test:
	@$(PYTHON) setup/system_packages.py test

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]' playwright
	touch $@

install: $(STAMP)

# Node tools for the browser checks (axe-core) and scripts/budgets.py (Lighthouse), pinned in
# package-lock.json; reinstalled whenever it changes. --ignore-scripts: nothing is fetched at install.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json | system-test
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

node: $(NODE_STAMP)

## budgets: measure page weight, search index, Lighthouse and build time against the budgets (slow)
budgets: system-test install node
	$(BIN)/python scripts/budgets.py

## serve: install, check the content, build index and site, serve on http://127.0.0.1:8000
serve: system-serve install
	$(BIN)/mingbai serve $(LAWSARG) --host 127.0.0.1 --port 8000

build: system-serve install
	$(BIN)/mingbai build $(LAWSARG)

## dist: build for the public address and pack dist/ to upload (issue 16):
##   make dist SITE_URL=https://example.org/   (or MINGBAI_SITE_URL in the environment)
dist: system-serve install
	$(BIN)/mingbai dist $(LAWSARG) $(if $(SITE_URL),--site-url $(SITE_URL),)

check: install
	$(BIN)/mingbai check $(LAWSARG)

lint: install
	$(BIN)/ruff check mingbai scripts tests setup

# The suite must pass on any day (issue 11): after today's run it runs again with the clock at the
# content's review date and a year later (MINGBAI_TODAY moves the test process's clock, the processes
# it starts and the browser's; see tests/conftest.py).
TEST_DATES ?= 2026-12-02 2027-12-02

## test: install and run the whole suite (lint, content check, pytest incl. browser tests) on three dates
test: system-test install node
	$(BIN)/ruff check mingbai scripts tests setup
	$(BIN)/mingbai check $(LAWSARG)
	node --test tests/js/*.test.mjs  # tools (issue 6): the browser tools' formulas (node's built-in runner)
	$(BIN)/pytest
	@for day in $(TEST_DATES); do \
	  echo "== the suite again, on $$day (MINGBAI_TODAY)"; \
	  MINGBAI_TODAY=$$day $(BIN)/mingbai check $(LAWSARG) >/dev/null || exit 1; \
	  MINGBAI_TODAY=$$day $(BIN)/pytest -q -p no:cacheprovider || exit 1; \
	done

clean:
	rm -rf site dist search_index .cache .site-* .index-* .dist-*
