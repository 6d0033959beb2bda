"""Search fixtures: a small library of articles, indexed through the real outbox."""

import os

import pytest

from core.extensions import db
from tests.conftest import TEST_DATABASE_URL, on_postgres
from wiki import saving

LIBRARY = [
    ("Starting a makerspace", "Makerspaces need 3D printers, a vinyl cutter and volunteers.",
     "makerspaces, teens", ["public"]),
    ("Teen technology clubs", "A weekly club where teens build robots. Some call it a "
     "makerspace for beginners.", "teens, technology", ["public", "school"]),
    ("Digital preservation checklist", "Checksums, file formats and storage for small "
     "archives. Preservation is a habit.", "preservation, archives", ["special"]),
    ("Information literacy sessions", "Embedding research skills in first-year courses "
     "at the university library.", "instruction", ["academic"]),
    ("Readers' advisory conversations", "Ask what they loved last. Café-style book chats "
     "work well.", "readers advisory", ["public"]),
]


@pytest.fixture
def library(app, member):
    articles = []
    for title, body, tags, sectors in LIBRARY:
        articles.append(saving.create_article(member, title=title, body=body, tags=tags,
                                                 sectors=sectors).article)
        db.session.commit()
    return articles


SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "whoosh")


def pytest_collection_modifyitems(config, items):
    """Tests of Whoosh's own machinery (marked `whoosh`) run only with that engine."""
    if SEARCH_ENGINE != "whoosh":
        skip = pytest.mark.skip(reason=f"about the Whoosh engine; SEARCH_ENGINE={SEARCH_ENGINE}")
        for item in items:
            if "whoosh" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def trigrams():
    """The PostgreSQL engine's "did you mean" needs pg_trgm (the migration creates it)."""
    if on_postgres():
        from sqlalchemy import create_engine

        from search.postgres_documents import ensure_trigrams

        engine = create_engine(TEST_DATABASE_URL)
        with engine.connect() as connection:
            ensure_trigrams(connection)
            connection.commit()
        engine.dispose()


@pytest.fixture(autouse=True)
def speedups(request, monkeypatch):
    """A test marked `speedups` proves a change search/whoosh_speedups.py makes to
    Whoosh: it runs with them installed, whatever SEARCH_WHOOSH_SPEEDUPS says."""
    if request.node.get_closest_marker("speedups") is None:
        yield
        return
    from search import whoosh_speedups

    was = whoosh_speedups.installed()
    monkeypatch.setenv("SEARCH_WHOOSH_SPEEDUPS", "true")  # for the app made after this
    whoosh_speedups.install()
    yield
    if not was:
        whoosh_speedups.uninstall()
