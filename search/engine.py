"""The search-engine seam: what the rest of the site asks of search, whichever engine
answers it.

`SEARCH_ENGINE` chooses the engine when the app is created (as CTFd chooses an
uploader): `whoosh` (the default: a file index in `instance/`, fed by the outbox
after commit) or `postgres` (full-text search in the site's own PostgreSQL database,
kept up to date in the content's own transaction, for sites on several web hosts).
Views, the CLI and other parts (through signals) call `current()`, never an engine's
modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask import Flask, current_app
from markupsafe import Markup

TYPES = {"article": "Article", "question": "Question", "solution": "Solution",
         "organisation": "Organisation", "training": "Training topic", "chat": "Chat"}
PER_PAGE = 10
FACETS = ("type", "tags", "sectors")
# The sectors "From other sectors" names (core.models.SECTORS without "other").
NAMED_SECTORS = ("public", "academic", "school", "special")
SIMILAR_TERMS = 15  # key terms of a document that find others like it


@dataclass
class Hit:
    key: str
    type: str
    title: str
    url: str
    snippet: Markup
    author: str
    updated: datetime | None
    solved: bool
    tags: list[str]


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    error: str | None = None
    any_word: bool = False  # no result had all the words; these have any of them
    corrected_from: str | None = None  # nothing matched this; these match `query`

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass
class Drift:
    missing: list[str] = field(default_factory=list)   # in the database, not in the index
    extra: list[str] = field(default_factory=list)     # in the index, not in the database
    stale: list[str] = field(default_factory=list)     # in both, but out of date

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


class IndexBusy(Exception):
    """Another process holds the index: try again later (nothing is lost)."""


class SearchEngine:
    """One engine's answer to everything the site asks of search.

    Documents are the dicts `search.sources` builds from the database (the store is
    the truth); an engine holds them as it likes and says, for `check`, which stamp
    it holds for each key.
    """

    name = ""

    def __init__(self, app: Flask):
        self.app = app

    # -- keeping the index equal to the database

    def record_change(self, kind: str, object_id: int) -> None:
        """Called inside the content's transaction after a change is flushed."""
        raise NotImplementedError

    def index(self, kind: str, ids: list[int]) -> int:
        """Bring these documents up to date (a document the sources no longer give,
        hidden or deleted, leaves the index); returns how many ids were handled."""
        raise NotImplementedError

    def delete(self, kind: str, ids: list[int]) -> None:
        """Take these documents out of the index."""
        raise NotImplementedError

    def rebuild(self, progress: Callable[[str, int], None] | None = None,
                procs: int | None = None) -> int:
        """Index everything afresh from the database; returns the number of documents."""
        raise NotImplementedError

    def stamps(self) -> dict[str, str | None]:
        """{key: stamp} of every document the index holds."""
        raise NotImplementedError

    def check(self) -> Drift:
        """Compare the index with the database, by set difference of keys and stamps."""
        from search import sources

        expected = {sources.key(kind, object_id): stamp
                    for kind, source in sources.SOURCES.items()
                    for object_id, stamp in source.stamps()}
        actual = self.stamps()
        return Drift(missing=sorted(set(expected) - set(actual)),
                     extra=sorted(set(actual) - set(expected)),
                     stale=sorted(key for key in set(expected) & set(actual)
                                  if expected[key] != actual[key]))

    def pending(self) -> int:
        """Changes committed but not yet in the index."""
        return 0

    def drain(self, timeout: float = 1.0) -> int:
        """Index the changes waiting (IndexBusy when another process holds the index)."""
        return 0

    def behind(self) -> bool:
        """Whether changes have waited too long to reach the index (search says so)."""
        return False

    # -- reading

    def search(self, text: str, *, type_: str | None = None, tag: str | None = None,
               sector: str | None = None, solved: str | None = None,
               within: frozenset[str] | None = None,
               sort: str = "relevance", page: int = 1, per_page: int = PER_PAGE,
               not_sectors: frozenset[str] | None = None) -> Results:
        """A page of hits, best first (or newest first), with snippets marked, exact
        totals and facet counts, and a spelling suggestion when few match. `within`,
        when given, limits the hits to these keys (search.practice: `org=`);
        `not_sectors`, to documents of another named sector and none of these ("from
        other sectors than mine")."""
        raise NotImplementedError

    def ranked_keys(self, text: str, limit: int = 1000) -> list[str]:
        """The keys of the documents a query finds, best first (relevance testing)."""
        raise NotImplementedError

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        """Titles whose words start with what the member has typed so far."""
        raise NotImplementedError

    def similar(self, text: str, limit: int = 5) -> list[dict]:
        """Questions and solutions like this text (the ask page)."""
        raise NotImplementedError

    def similar_documents(self, key: str, sectors: frozenset[str] | set[str],
                          limit: int = 20) -> list[dict] | None:
        """Articles and solutions like the document `key` (by its own key terms), from
        sectors other than `sectors`: never the document itself, an unsolved question,
        a document of one of these sectors or one with no sector at all. Best first, each
        {key, type ("article" or "solution"), title, url, sectors: [...]}; None when the
        index does not hold the document yet."""
        raise NotImplementedError

    def correct(self, text: str) -> str | None:
        """The query with each word the index does not know replaced by its nearest
        known word; None when every word is known or nothing is near."""
        raise NotImplementedError

    def close(self, _error=None) -> None:
        """End of a request (or app context): release what the engine held for it."""


def engines() -> dict[str, type[SearchEngine]]:
    from search.postgres_engine import PostgresEngine
    from search.whoosh_engine import WhooshEngine

    return {"whoosh": WhooshEngine, "postgres": PostgresEngine}


def create(app: Flask) -> SearchEngine:
    name = (app.config.get("SEARCH_ENGINE") or "whoosh").lower()
    try:
        engine_class = engines()[name]
    except KeyError:
        raise ValueError(f"SEARCH_ENGINE={name!r}: choose one of "
                         f"{', '.join(sorted(engines()))}") from None
    return engine_class(app)


def current() -> SearchEngine:
    """The current app's search engine."""
    return current_app.extensions["search.engine"]
