"""Ranking as BM25F over a word's fields, with the query's own word counts, on both
engines; and the PostgreSQL engine's statistics kept equal to its documents."""

import pytest
from sqlalchemy import select, text

from core.extensions import db
from search import bm25f, engine, parsing, ranking, whoosh_engine
from search.bitsets import Matches
from tests.search.conftest import SEARCH_ENGINE
from wiki import saving

postgres_only = pytest.mark.skipif(SEARCH_ENGINE != "postgres",
                                   reason="about the PostgreSQL engine")


@pytest.fixture
def budget_and_grants(app, member):
    budget = saving.create_article(
        member, title="Budget planning",
        body="Budget lines and budget reviews for the coming year.").article
    db.session.commit()
    grants = saving.create_article(
        member, title="Annual report", body="Grants arrived in the spring.").article
    db.session.commit()
    return budget, grants


def test_a_word_the_query_repeats_counts_as_often_as_it_is_said(budget_and_grants):
    budget, grants = budget_and_grants
    # Said once, "budget" wins: it is in the title and twice in the body.
    once = engine.current().search("budget grants quokka wombat")
    assert [hit.title for hit in once.hits] == ["Budget planning", "Annual report"]
    # A request that names grants three times is about grants (bm25s counts so too).
    thrice = engine.current().search("grants budget grants grants quokka wombat")
    assert not thrice.any_word
    assert [hit.title for hit in thrice.hits] == ["Annual report", "Budget planning"]


@pytest.mark.whoosh
@pytest.mark.parametrize("text", [
    "grants budget grants grants quokka wombat",
    "What budget lines? Budget reviews, grants, and budget planning for the year",
    "budget NOT grants", "title:budget grants"])
def test_ranking_by_terms_equals_whooshs_tree_for_words_said_several_times(
        budget_and_grants, text):
    searching = whoosh_engine.searcher()
    parsed = parsing.parse(text, searching.schema).query
    assert ranking._scored_terms(parsed) is not None
    matched = Matches.of(searching, parsed, None)
    ours = [(hit.docnum, hit.score) for hit in ranking._ranked(searching, parsed, matched, 10)]
    every = searching.search(parsed, limit=None, optimize=False)
    whoosh = sorted(((hit.docnum, hit.score) for hit in every), key=lambda h: (-h[1], h[0]))
    assert [docnum for docnum, _ in ours] == [docnum for docnum, _ in whoosh[:10]]
    assert [score for _, score in ours] == pytest.approx([s for _, s in whoosh[:10]], abs=1e-9)


@pytest.mark.whoosh
def test_a_word_in_title_and_body_is_saturated_once_not_scored_twice(app, member):
    """BM25F: a word in the title and the body is one word, its idf counted once and its
    score bounded by idf * (k1 + 1), however often and wherever it occurs."""
    for title, body in (("Weeding", "Weeding weeding weeding weeding weeding."),
                        ("Collection care", "Weeding, in short.")):
        saving.create_article(member, title=title, body=body)
        db.session.commit()
    searching = whoosh_engine.searcher()
    word = parsing.parse("weeding", searching.schema).query
    assert isinstance(word, bm25f.Word) and word.count == 1
    assert {sub.fieldname for sub in word.subqueries} >= {"title", "body"}
    frequency = max(searching.doc_frequency(sub.fieldname, sub.text)
                    for sub in word.subqueries)
    bound = bm25f.idf(searching.doc_count_all(), frequency) * (searching.weighting.K1 + 1)
    scores = {hit["title"]: hit.score for hit in searching.search(word)}
    assert scores["Collection care"] < scores["Weeding"] <= bound


@postgres_only
def test_postgres_ranks_a_long_query_with_or_and_quotes_by_any_word(library):
    text = ('Which "3D printers" or vinyl cutters do teens use in a makerspace club, '
            "or is it robots they build at the library on a weekly basis?")
    found = engine.current().search(text)
    assert not found.any_word  # any word, asked for: not all words with a fallback
    assert found.total >= 2
    assert found.hits[0].title in ("Starting a makerspace", "Teen technology clubs")


@postgres_only
def test_postgres_long_query_keeps_its_exclusions(library):
    found = engine.current().search("makerspace teens robots volunteers printers -club")
    assert found.total >= 1
    assert "Teen technology clubs" not in [hit.title for hit in found.hits]


def _statistics_as_counted():
    terms = dict(db.session.execute(text(
        "SELECT lexeme, count(*) FROM search_documents, "
        "unnest(tsvector_to_array(document)) AS lexeme GROUP BY lexeme")).all())
    totals = db.session.execute(text(
        "SELECT count(*), coalesce(sum(length_a), 0), coalesce(sum(length_b), 0), "
        "coalesce(sum(length_c), 0) FROM search_documents")).one()
    return terms, dict(zip(("documents", "length_a", "length_b", "length_c"), totals,
                           strict=True))


def _statistics_kept():
    from search.models import SearchStat, SearchTerm

    terms = {lexeme: count for lexeme, count in db.session.execute(
        select(SearchTerm.lexeme, SearchTerm.documents)).all() if count}
    return terms, dict(db.session.execute(select(SearchStat.name, SearchStat.value)).all())


@postgres_only
def test_postgres_statistics_follow_every_change_to_the_documents(app, member, library):
    assert _statistics_kept() == _statistics_as_counted()
    assert _statistics_kept()[1]["documents"] == len(library)
    article = library[0]
    saving.save_edit(article, member, title="Starting a hackerspace",
                     body="Soldering irons and a laser cutter, run by volunteers.",
                     base_revision=article.current_revision.number)
    db.session.commit()
    kept = _statistics_kept()
    assert kept == _statistics_as_counted()
    assert "solder" in kept[0] and kept[1]["documents"] == len(library)
    saving.create_article(member, title="Makerspace budgets", body="Makerspace costs.")
    db.session.commit()
    assert _statistics_kept() == _statistics_as_counted()
    assert _statistics_kept()[0]["makerspac"] == kept[0]["makerspac"] + 1
    assert _statistics_kept()[1]["documents"] == len(library) + 1
    # A change rolled back takes its counts with it.
    before = _statistics_kept()
    saving.create_article(member, title="Never saved", body="Makerspace again.")
    db.session.flush()
    db.session.rollback()
    assert _statistics_kept() == before
    runner = app.test_cli_runner()
    assert runner.invoke(args=["search", "rebuild"]).exit_code == 0
    assert _statistics_kept() == _statistics_as_counted()


@postgres_only
def test_postgres_ranking_reads_the_kept_statistics(app, library):
    """The idf comes from search_terms: a stale count there changes the order (so the
    ranking reads it rather than counting the documents for every query)."""
    from search.models import SearchTerm

    text_ = "makerspace volunteers printers robots teens"
    before = [hit.title for hit in engine.current().search(text_).hits]
    db.session.execute(SearchTerm.__table__.update().where(SearchTerm.lexeme == "robot")
                       .values(documents=0))
    db.session.execute(SearchTerm.__table__.update().where(SearchTerm.lexeme == "volunt")
                       .values(documents=len(library)))
    after = [hit.title for hit in engine.current().search(text_).hits]
    db.session.rollback()
    assert before[0] == "Starting a makerspace" and after[0] == "Teen technology clubs"
