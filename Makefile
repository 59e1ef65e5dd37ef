# The two commands of the README: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup lint typecheck check bench clean

$(BIN)/myomap: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

setup: $(BIN)/myomap

run: setup
	$(BIN)/myomap serve

lint: setup node_modules/.bin/biome
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	node_modules/.bin/biome lint

# Biome lints the pages' JavaScript (devDependencies of package.json; nothing is bundled).
node_modules/.bin/biome: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The package is checked strictly; tests, benchmarks and tools with mypy's basic checks
# (function bodies checked, annotations not required).
MYPY_BASIC := --allow-untyped-defs --allow-incomplete-defs --allow-untyped-calls \
	--no-warn-return-any --allow-any-generics --no-warn-unused-ignores \
	--allow-untyped-decorators --allow-subclassing-any --no-strict-equality --check-untyped-defs

typecheck: setup
	$(BIN)/mypy src
	$(BIN)/mypy $(MYPY_BASIC) tests bench tools

check: setup
	$(BIN)/myomap atlas check

# PostgreSQL variants run when MYOMAP_TEST_POSTGRES_URL names a database, browser tests when
# /usr/bin/chromium exists; otherwise they are skipped and listed. .ci/run provides both and
# sets MYOMAP_REQUIRE_ALL=1, which turns a missing one into a failure.
test: lint typecheck check
	@[ -n "$$MYOMAP_TEST_POSTGRES_URL" ] || echo "note: MYOMAP_TEST_POSTGRES_URL is unset: the PostgreSQL variants will be skipped (.ci/run starts a throwaway PostgreSQL 15)"
	@[ -x /usr/bin/chromium ] || echo "note: no /usr/bin/chromium: the browser tests will be skipped (apt-get install chromium)"
	$(BIN)/pytest -n 2

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
