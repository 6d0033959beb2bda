"""The query service: stemming, boosts, facets, filters, pages, spelling, bad syntax."""

import pytest

from core.extensions import db
from search import query
from wiki import services


def titles(results):
    return [hit.title for hit in results.hits]


def test_stemming_finds_other_forms(library):
    assert "Starting a makerspace" in titles(query.search("makerspaces"))
    assert "Digital preservation checklist" in titles(query.search("preserving"))


def test_accents_are_folded(library):
    assert "Readers' advisory conversations" in titles(query.search("cafe"))


def test_title_matches_rank_above_body_matches(library):
    found = titles(query.search("makerspace"))
    assert found[0] == "Starting a makerspace"
    assert "Teen technology clubs" in found[1:]


def test_snippets_are_highlighted_and_escaped(app, library, member):
    services.create_article(member, title="Escaping", body="makerspace <script>x</script>")
    db.session.commit()
    results = query.search("makerspace")
    snippets = " ".join(str(hit.snippet) for hit in results.hits)
    assert "<mark" in snippets
    assert "<script>" not in snippets


def test_facets_count_types_tags_and_sectors(library):
    results = query.search("teens OR makerspace")
    facets = {name: dict(counts) for name, counts in results.facets.items()}
    assert facets["type"] == {"article": 2}
    assert facets["tags"]["teens"] == 2 and facets["tags"]["makerspaces"] == 1
    assert facets["sectors"]["public"] == 2 and facets["sectors"]["school"] == 1


def test_filters(library):
    assert titles(query.search("teens", sector="school")) == ["Teen technology clubs"]
    assert titles(query.search("teens", tag="makerspaces")) == ["Starting a makerspace"]
    assert query.search("teens", type_="question").total == 0
    assert query.search("", sector="special").total == 1


def test_pagination(app, member):
    for number in range(23):
        services.create_article(member, title=f"Shelving guide {number}", body="shelving")
        db.session.commit()
    first, third = query.search("shelving", page=1), query.search("shelving", page=3)
    assert first.total == 23 and first.pages == 3 and len(first.hits) == 10
    assert len(third.hits) == 3 and third.has_prev and not third.has_next
    assert not set(titles(first)) & set(titles(third))


def test_newest_first(app, library):
    results = query.search("teens OR makerspace OR preservation", sort="newest")
    dates = [hit.updated for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_did_you_mean(library):
    results = query.search("makerspase")
    assert results.suggestion == "makerspace"
    assert query.search("makerspace").suggestion is None


@pytest.mark.parametrize("text", ['"unbalanced', "title:(open", "AND OR NOT", ")))",
                                  "updated:[abc TO", "tags:", "*", "\x00", "a" * 600,
                                  "makerspace^^^", "title:", "NOT"])
def test_malformed_queries_still_answer(library, text):
    results = query.search(text)
    assert results.error is None
    assert results.total >= 0


def test_malformed_query_falls_back_to_its_words(library):
    assert "Starting a makerspace" in titles(query.search("makerspace AND OR"))


def test_hidden_articles_are_never_found(library, editor):
    services.set_hidden(library[0], editor, True)
    db.session.commit()
    assert "Starting a makerspace" not in titles(query.search("makerspace"))
    assert all(s["title"] != "Starting a makerspace" for s in query.suggest("start"))


def test_suggestions_match_title_prefixes(library):
    assert [s["title"] for s in query.suggest("digi")] == ["Digital preservation checklist"]
    assert [s["title"] for s in query.suggest("readers adv")] == [
        "Readers' advisory conversations"]
    assert query.suggest("") == [] and query.suggest("   ") == []
    assert query.suggest("zzz") == []
