# One-command set-up: `make run` codes the example articles, `make test` runs the suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The map page, built from web/ by npm into the package (not committed).
STATIC := src/conflictwire/web/static/index.html

.PHONY: install run test test-fast lint bench clean

install: $(STAMP) $(STATIC)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,train]'
	touch $(STAMP)

$(STATIC): web/package.json web/package-lock.json web/build.mjs $(wildcard web/src/*)
	@if command -v npm >/dev/null 2>&1; then \
		cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent; \
	else echo "npm not found: the map page is not built (the API works without it)"; fi

run: install
	$(BIN)/conflictwire run examples/ --db conflictwire.duckdb

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest -q

# Everything but the dev-set quality gates (marked slow): the quick loop while editing.
test-fast: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest -q -m "not slow"

lint: install
	$(BIN)/ruff check src tests benchmarks

bench: install
	$(BIN)/python benchmarks/bench_code.py

clean:
	rm -rf $(VENV) conflictwire.duckdb .pytest_cache src/conflictwire/web/static web/node_modules
