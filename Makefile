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

# The web server and the job consumer (mail, digests) together; Ctrl-C stops both.
run: $(STAMP)
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load --if-empty
	@if [ -z "$$MAIL_URL" ]; then echo "== mail is written to instance/mail/ as .eml files" \
		"(set MAIL_URL to send it) =="; else echo "== mail is sent through MAIL_URL =="; fi
	@FLASK=$(BIN)/flask ./bin/run

# The suite on SQLite (Whoosh search; its search tests again without the Whoosh speed-ups)
# and on PostgreSQL (SEARCH_ENGINE=postgres) when 127.0.0.1:5432 answers, side by side: each
# run is one process, so on two cores they take little more than the longer one alone.
# The search tests without the speed-ups (SQLite) run after whichever side ends first,
# so that neither core idles while the other finishes (the first to make the directory
# $(TEST_RUNS)/plain.claimed runs them).
# Each writes its own log, temp dir (tmp_path, search indexes) and pytest cache under
# .pytest-runs/; the logs are printed whole when both are done, and all must pass.
# TEST_SIDE_BY_SIDE=0 runs them one after the other, printing as they go.
TEST_RUNS := .pytest-runs
TEST_SIDE_BY_SIDE ?= 1
PYTEST_ARGS ?=
PLAIN_SEARCH := SEARCH_WHOOSH_SPEEDUPS=false $(BIN)/pytest --basetemp=$(TEST_RUNS)/plain -q \
	-o cache_dir=.pytest_cache/plain tests/search
PLAIN_AFTER := if mkdir $(TEST_RUNS)/plain.claimed 2>/dev/null; then \
	$(PLAIN_SEARCH) >$(TEST_RUNS)/plain.log 2>&1; echo $$? >$(TEST_RUNS)/plain.status; fi
test: $(STAMP)
	@rm -rf $(TEST_RUNS) && mkdir -p $(TEST_RUNS)
	@if ! $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
		echo "== test suite on SQLite =="; \
		$(BIN)/pytest --basetemp=$(TEST_RUNS)/sqlite $(PYTEST_ARGS) || exit 1; \
		echo "== PostgreSQL not reachable on 127.0.0.1:5432: suite ran on SQLite only =="; \
		if [ -n "$$CI" ]; then exit 1; fi; \
	elif [ "$(TEST_SIDE_BY_SIDE)" = 0 ]; then \
		echo "== test suite on SQLite =="; \
		$(BIN)/pytest --basetemp=$(TEST_RUNS)/sqlite $(PYTEST_ARGS) || exit 1; \
		echo "== search tests without the Whoosh speed-ups =="; \
		$(PLAIN_SEARCH) || exit 1; \
		echo "== test suite on PostgreSQL ($(PG_TEST_URL)) =="; \
		TEST_DATABASE_URL=$(PG_TEST_URL) SEARCH_ENGINE=postgres $(BIN)/pytest --basetemp=$(TEST_RUNS)/postgres \
			-o cache_dir=.pytest_cache/postgres $(PYTEST_ARGS); \
	else \
		echo "== test suite on SQLite and on PostgreSQL ($(PG_TEST_URL)), side by side," \
			"then the search tests without the Whoosh speed-ups after whichever ends first;" \
			"logs in $(TEST_RUNS)/, printed when all end =="; \
		start=$$(date +%s); \
		( $(BIN)/pytest --basetemp=$(TEST_RUNS)/sqlite $(PYTEST_ARGS) \
			>$(TEST_RUNS)/sqlite.log 2>&1; status=$$?; \
		  echo "== SQLite side: suite ended after $$(( $$(date +%s) - start )) s" >$(TEST_RUNS)/sqlite.time; \
		  $(PLAIN_AFTER); exit $$status ) & sqlite=$$!; \
		( TEST_DATABASE_URL=$(PG_TEST_URL) SEARCH_ENGINE=postgres $(BIN)/pytest \
			--basetemp=$(TEST_RUNS)/postgres -o cache_dir=.pytest_cache/postgres $(PYTEST_ARGS) \
			>$(TEST_RUNS)/postgres.log 2>&1; status=$$?; \
		  echo "== PostgreSQL side: suite ended after $$(( $$(date +%s) - start )) s" >$(TEST_RUNS)/postgres.time; \
		  $(PLAIN_AFTER); exit $$status ) & postgres=$$!; \
		trap 'kill $$sqlite $$postgres 2>/dev/null' INT TERM; \
		wait $$sqlite; sqlite_status=$$?; wait $$postgres; postgres_status=$$?; \
		plain_status=$$(cat $(TEST_RUNS)/plain.status 2>/dev/null || echo 1); \
		echo "== test suite on SQLite (exit $$sqlite_status) =="; cat $(TEST_RUNS)/sqlite.log; \
		echo "== test suite on PostgreSQL ($(PG_TEST_URL)) (exit $$postgres_status) =="; \
		cat $(TEST_RUNS)/postgres.log; \
		echo "== search tests without the Whoosh speed-ups (exit $$plain_status) =="; \
		cat $(TEST_RUNS)/plain.log 2>/dev/null; \
		cat $(TEST_RUNS)/sqlite.time $(TEST_RUNS)/postgres.time 2>/dev/null; \
		echo "== all ended after $$(( $$(date +%s) - start )) s"; \
		echo "== SQLite: $$(tail -n 1 $(TEST_RUNS)/sqlite.log)"; \
		echo "== PostgreSQL: $$(tail -n 1 $(TEST_RUNS)/postgres.log)"; \
		echo "== without the Whoosh speed-ups: $$(tail -n 1 $(TEST_RUNS)/plain.log 2>/dev/null)"; \
		[ $$sqlite_status -eq 0 ] && [ $$postgres_status -eq 0 ] && [ "$$plain_status" = 0 ]; \
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
	timeout 300 $(BIN)/python bench/bench_render.py
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
	rm -rf $(VENV) .pytest_cache .ruff_cache $(TEST_RUNS)
