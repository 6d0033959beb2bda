"""The engine seam: SEARCH_ENGINE chooses the engine; `check` and `rebuild` work on
each; the PostgreSQL engine keeps its documents in the content's own transaction."""

import pytest
from sqlalchemy import delete, select

from app import create_app
from core.extensions import db
from search import engine
from search.models import SearchDocument
from tests.search.conftest import SEARCH_ENGINE
from wiki import saving

postgres_only = pytest.mark.skipif(SEARCH_ENGINE != "postgres",
                                   reason="about the PostgreSQL engine")


def test_the_configured_engine_answers(app):
    assert engine.current().name == SEARCH_ENGINE


def test_an_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ValueError, match="SEARCH_ENGINE"):
        create_app({"SEARCH_ENGINE": "lucene", "SECRET_KEY": "x",
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


def test_the_postgres_engine_needs_postgresql(tmp_path):
    with pytest.raises(ValueError, match="PostgreSQL"):
        create_app({"SEARCH_ENGINE": "postgres", "SECRET_KEY": "x",
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


def test_check_and_rebuild_commands_on_the_configured_engine(app, library):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0 and "The index matches the database." in result.output
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "Indexed 5 documents." in result.output
    assert engine.current().check().clean


@postgres_only
def test_postgres_documents_commit_and_roll_back_with_the_content(app, member):
    saving.create_article(member, title="Never saved", body="Gone before commit.")
    db.session.rollback()
    assert engine.current().stamps() == {}
    article = saving.create_article(member, title="Saved", body="Kept.").article
    db.session.commit()
    assert set(engine.current().stamps()) == {f"article:{article.id}"}


@postgres_only
def test_postgres_check_reports_drift_and_rebuild_repairs_it(app, library):
    db.session.execute(delete(SearchDocument).where(
        SearchDocument.key == f"article:{library[0].id}"))
    db.session.execute(SearchDocument.__table__.update()
                       .where(SearchDocument.key == f"article:{library[1].id}")
                       .values(stamp="old"))
    db.session.commit()
    drift = engine.current().check()
    assert drift.missing == [f"article:{library[0].id}"]
    assert drift.stale == [f"article:{library[1].id}"]
    runner = app.test_cli_runner()
    assert runner.invoke(args=["search", "check"]).exit_code == 1
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert engine.current().check().clean
    assert db.session.scalar(select(SearchDocument.stamp).where(
        SearchDocument.key == f"article:{library[1].id}")) != "old"


@postgres_only
def test_postgres_ranks_a_long_descriptive_query_rather_than_cutting_it(library):
    text = ("I would like to read about how public libraries can set up a makerspace "
            "with printers and volunteers for teens who build robots in a weekly club "
            "and what it costs to keep going over several years of funding and staffing")
    assert len(text.split()) >= 40
    found = engine.current().search(text)
    assert found.total >= 2 and not found.any_word
    assert found.hits[0].title in ("Starting a makerspace", "Teen technology clubs")
