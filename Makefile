# Set-up, preview, build and tests. Every target creates .venv from the locks when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ZVENV := .venv-zensical
ZBIN := $(ZVENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build validate test lint clean audit bench zensical-build zensical-serve properdocs-build

$(VENV)/.site: requirements/site.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/site.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: $(VENV)/.site requirements/dev.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@

# Zensical in a virtual environment of its own (its lock pins the same engine libraries).
$(ZVENV)/.installed: requirements/zensical.lock pyproject.toml
	test -x $(ZBIN)/python || $(PYTHON) -m venv $(ZVENV)
	$(ZBIN)/python -m pip install --quiet --require-hashes -r requirements/zensical.lock
	$(ZBIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

validate: $(VENV)/.site
	$(BIN)/python scripts/validate.py

# The preview starts even while annotations have problems: it shows them on the essay.
serve: $(VENV)/.site
	@$(BIN)/python scripts/validate.py || echo "make serve: starting the preview anyway; it shows these problems at the top of the essay and at their paragraph until they are fixed"
	$(BIN)/mkdocs serve --livereload --dev-addr $(HOST):$(PORT)

build: validate
	$(BIN)/mkdocs build --strict --site-dir site

test: $(VENV)/.dev $(ZVENV)/.installed
	$(BIN)/ruff check src scripts tests
	$(BIN)/python -m pytest

# The same site with the other generators. Zensical ignores plugins: scripts/generate.py first
# writes the claim pages, data and assets into docs/ (git-ignored), then the build, then the
# check that nothing was lost.
zensical-build: $(ZVENV)/.installed
	$(ZBIN)/python scripts/generate.py
	$(ZBIN)/zensical build --clean -f mkdocs.yml
	$(ZBIN)/python scripts/check_site.py site

zensical-serve: $(ZVENV)/.installed
	$(ZBIN)/python scripts/generate.py
	$(ZBIN)/zensical serve -f mkdocs.yml --dev-addr $(HOST):$(PORT)

properdocs-build: $(VENV)/.dev
	$(BIN)/properdocs build --strict -f mkdocs.yml --site-dir site

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
	rm -rf site $(VENV) $(ZVENV) .pytest_cache .ruff_cache docs/claims docs/assets/factcheck \
	  docs/corrections.md docs/annotations.jsonld docs/claims.json docs/claims.csv
