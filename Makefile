# 明白账 — two commands on a fresh Debian machine: `make serve` and `make test`.
# Both create .venv and install the pinned dependencies into it first.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Primary law texts live beside the project (../shared/laws); quotes are verified against them.
LAWS   ?= $(wildcard ../shared/laws)
LAWSARG := $(if $(LAWS),--laws $(LAWS),)

.PHONY: install serve build check test lint clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]' playwright
	touch $@

install: $(STAMP)

## serve: install, check the content, build index and site, serve on http://127.0.0.1:8000
serve: install
	$(BIN)/mingbai serve $(LAWSARG) --host 127.0.0.1 --port 8000

build: install
	$(BIN)/mingbai build $(LAWSARG)

check: install
	$(BIN)/mingbai check $(LAWSARG)

lint: install
	$(BIN)/ruff check mingbai scripts tests

## test: install and run the whole suite (lint, content check, pytest incl. browser tests)
test: install
	$(BIN)/ruff check mingbai scripts tests
	$(BIN)/mingbai check $(LAWSARG)
	$(BIN)/pytest

clean:
	rm -rf site search_index .cache .site-* .index-*
