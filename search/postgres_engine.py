"""The PostgreSQL engine (in progress)."""

from __future__ import annotations

from search.engine import SearchEngine


class PostgresEngine(SearchEngine):
    name = "postgres"
