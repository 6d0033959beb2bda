# The two commands: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export FLASK_APP := app

.PHONY: run test install lint bench proof clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load --if-empty
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# The suite on SQLite (the Whoosh search engine), then again on PostgreSQL when
# 127.0.0.1:5432 answers (with the PostgreSQL search engine: SEARCH_ENGINE=postgres).
test: $(STAMP)
	@echo "== test suite on SQLite =="
	$(BIN)/pytest
	@echo "== search tests on SQLite without the Whoosh speed-ups (search/whoosh_speedups.py) =="
	SEARCH_WHOOSH_SPEEDUPS=false $(BIN)/pytest tests/search -q
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
		echo "== test suite on PostgreSQL ($(PG_TEST_URL)), SEARCH_ENGINE=postgres =="; \
		TEST_DATABASE_URL=$(PG_TEST_URL) SEARCH_ENGINE=postgres $(BIN)/pytest; \
	else \
		echo "== PostgreSQL not reachable on 127.0.0.1:5432: suite ran on SQLite only =="; \
		if [ -n "$$CI" ]; then exit 1; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .

# Every benchmark, each bounded in time; the search scale run at a reduced size (under
# 15 minutes in all on two cores). Figures are printed; see bench/README.md for what each
# means and its latest figures.
SCALE_ARGS ?= --sizes 10000
SITE_ARGS ?= --sizes 1000,100000 --seconds 2 --plans
bench: $(STAMP)
	timeout 600 $(BIN)/python bench/bench_wiki.py
	timeout 300 $(BIN)/python bench/bench_algorithms.py
	timeout 900 $(BIN)/python bench/bench_site_scale.py $(SITE_ARGS)
	@if [ -f bench/bench_search_relevance.py ]; then \
		echo timeout 600 $(BIN)/python bench/bench_search_relevance.py; \
		timeout 600 $(BIN)/python bench/bench_search_relevance.py; fi
	@if [ -f bench/bench_search_scale.py ]; then \
		echo timeout 900 $(BIN)/python bench/bench_search_scale.py $(SCALE_ARGS); \
		timeout 900 $(BIN)/python bench/bench_search_scale.py $(SCALE_ARGS); fi

# Load (32 members, 4 gunicorn workers, 2 minutes) on SQLite and PostgreSQL, the
# read-only search index, SIGKILLed workers, a PostgreSQL restart; then the verdict.
# Quick: make proof PROOF_ARGS="--seconds 20 --fault-seconds 20"
PROOF_ARGS ?=
proof: $(STAMP)
	$(BIN)/python bench/load/proof.py $(PROOF_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
