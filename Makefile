# Set-up, preview, build and tests. Every target creates .venv from the locks when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build validate test lint clean audit bench

$(VENV)/.site: requirements/site.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: $(VENV)/.site requirements/dev.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@

validate: $(VENV)/.site
	$(BIN)/python scripts/validate.py

# The preview starts even while annotations have problems: it shows them on the essay.
serve: $(VENV)/.site
	@$(BIN)/python scripts/validate.py || echo "make serve: starting the preview anyway; it shows these problems at the top of the essay and at their paragraph until they are fixed"
	$(BIN)/mkdocs serve --livereload --dev-addr $(HOST):$(PORT)

build: validate
	$(BIN)/mkdocs build --strict --site-dir site

test: $(VENV)/.dev
	$(BIN)/ruff check src scripts tests
	$(BIN)/python -m pytest

# Performance figures for this machine (a few minutes; not part of test). BENCH_ARGS=--quick for a smoke run.
bench: $(VENV)/.dev
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check src scripts tests

# Lighthouse (pinned in tools/audit) on the built essay, mobile preset, served on 127.0.0.1.
# Not part of `make test`. Needs Node.js and Debian's chromium.
tools/audit/node_modules/.package-lock.json: tools/audit/package-lock.json
	cd tools/audit && npm ci --no-audit --no-fund

audit: $(VENV)/.site tools/audit/node_modules/.package-lock.json
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python scripts/audit.py $(AUDIT_ARGS)

clean:
	rm -rf site $(VENV) .pytest_cache .ruff_cache
