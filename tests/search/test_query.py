"""The query service: stemming, boosts, facets, filters, pages, spelling, bad syntax."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from core.extensions import db
from search import bitsets, parsing, query, ranking, whoosh_engine
from tests.conftest import PASSWORD
from wiki import moderation, saving
from wiki.models import Article


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
    saving.create_article(member, title="Escaping", body="makerspace <script>x</script>")
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
        saving.create_article(member, title=f"Shelving guide {number}", body="shelving")
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
    moderation.set_hidden(library[0], editor, True)
    db.session.commit()
    assert "Starting a makerspace" not in titles(query.search("makerspace"))
    assert all(s["title"] != "Starting a makerspace" for s in query.suggest("start"))


def test_suggestions_match_title_prefixes(library):
    assert [s["title"] for s in query.suggest("digi")] == ["Digital preservation checklist"]
    assert [s["title"] for s in query.suggest("readers adv")] == [
        "Readers' advisory conversations"]
    assert query.suggest("") == [] and query.suggest("   ") == []
    assert query.suggest("zzz") == []


def test_totals_and_facets_count_every_match_not_just_the_page(app, member):
    for number in range(14):
        saving.create_article(member, title=f"Weeding guide {number}", body="weeding",
                              tags="collections" if number % 2 else "weeding",
                              sectors=["school"] if number < 4 else ["public"])
        db.session.commit()
    results = query.search("weeding")
    facets = {name: dict(counts) for name, counts in results.facets.items()}
    assert results.total == 14 and len(results.hits) == 10
    assert facets["tags"] == {"collections": 7, "weeding": 7}
    assert facets["sectors"] == {"school": 4, "public": 10}
    narrowed = query.search("weeding", sector="school")
    assert narrowed.total == 4 and len(narrowed.hits) == 4
    assert dict(narrowed.facets["sectors"]) == {"school": 4}
    assert query.search("weeding", tag="collections", sector="school").total == 2
    assert query.search("weeding", tag="nonexistent").total == 0


def test_counts_follow_edits_and_hidden_articles(app, library, member, editor):
    assert query.search("makerspace").total == 2
    from wiki.models import Article

    teens = db.session.get(Article, library[1].id)
    saving.save_edit(teens, member, title=teens.title, body="Robots and coding.",
                     base_revision=1)
    db.session.commit()
    results = query.search("makerspace")
    assert titles(results) == ["Starting a makerspace"] and results.total == 1
    assert dict(results.facets["sectors"]) == {"public": 1}
    moderation.set_hidden(library[0], editor, True)
    db.session.commit()
    assert query.search("makerspace").total == 0
    assert query.search("robots").total == 1


def test_phrases_and_exclusions_count_exactly(library):
    assert titles(query.search('"vinyl cutter"')) == ["Starting a makerspace"]
    assert query.search('"cutter vinyl" OR checksums').total == 1
    results = query.search("makerspace NOT robots")
    assert titles(results) == ["Starting a makerspace"] and results.total == 1
    results = query.search("makerspace teens NOT robots NOT checksums")
    assert titles(results) == ["Starting a makerspace"] and results.total == 1


def test_a_snippet_says_where_it_leaves_text_out(app, member):
    start = "Shelving " + "the long middle of an article about other things " * 20
    saving.create_article(member, title="Opening hours",
                          body=start + "Weeding the stacks. " + "More to read. " * 40)
    saving.create_article(member, title="Short", body="Weeding is short.")
    db.session.commit()
    snippets = {hit.title: str(hit.snippet) for hit in query.search("weeding").hits}
    assert snippets["Opening hours"].startswith("… ") and snippets["Opening hours"].endswith(" …")
    assert "<mark" in snippets["Opening hours"]
    assert snippets["Short"] == '<mark class="match term0">Weeding</mark> is short.'
    # Whole words only: no passage starts or ends inside one.
    shown = re.sub(r"<[^>]+>", "", snippets["Opening hours"]).replace("…", " ").split()
    assert set(shown) <= set((start + "Weeding the stacks. More to read.").split())


def test_snippets_mark_other_forms_of_the_words(library):
    hit = query.search("preserving").hits[0]
    assert "<mark" in str(hit.snippet) and "Preservation</mark>" in str(hit.snippet)
    hit = query.search("cafe").hits[0]
    assert "Café</mark>" in str(hit.snippet)


def test_a_question_mark_ends_a_question(library):
    assert "Starting a makerspace" in titles(query.search("who runs a makerspace?"))


def test_a_query_in_capitals_is_words_not_operators(library):
    # Read as the words "teens" and "robots" (both needed), not teens without robots.
    assert titles(query.search("TEENS NOT ROBOTS")) == ["Teen technology clubs"]
    assert titles(query.search("teens NOT robots")) == ["Starting a makerspace"]
    assert titles(query.search("teens NOT robots", type_="article")) == [
        "Starting a makerspace"]


def test_ranked_keys_follow_the_page_order(library):
    keys = query.ranked_keys("makerspace teens")
    assert keys[:2] == [hit.key for hit in query.search("makerspace teens").hits][:2]
    assert len(keys) == query.search("makerspace teens").total


SAMPLE = ("The Café-style READERS' advisory: e.g. 3.5 U.S. libraries, naïve users & "
          "Æsir weeding* of I/O catalogues; it's a T-shirt, ß and İstanbul. Ünïcödé x y")


@pytest.mark.parametrize("options", [
    {}, {"positions": True, "chars": True}, {"mode": "query"},
    {"positions": True, "chars": True, "removestops": False, "mode": "index"},
    {"no_morph": True}, {"positions": True, "start_pos": 5, "start_char": 7, "chars": True},
    {"tokenize": False, "positions": True, "chars": True}, {"keeporiginal": True},
])
def test_the_fused_analyzer_makes_the_same_tokens_as_whoosh_chain(options):
    from search import schema

    def tokens(analyzer):
        return [(t.text, t.pos if t.positions else None,
                 (t.startchar, t.endchar) if t.chars else None, t.stopped,
                 getattr(t, "original", None) if options.get("keeporiginal") else None)
                for t in analyzer(SAMPLE, **options)]

    assert tokens(schema.analyzer()) == tokens(schema.reference_analyzer())


@pytest.mark.parametrize("text", [SAMPLE, "", "the a of", "The cat, the CAT and cats.",
                                  "x " * 5 + "library libraries librarian " * 30,
                                  "naïve café Æsir İstanbul ß", "ΟΔΟΣ'ΑΣ ΟΔΟΣ.ΒΗ Σ",
                                  "\u212a\u0130\u1e9e\u2160 KELVIN"])
def test_index_positions_are_whooshs_positions(text):
    from whoosh.formats import Positions

    from search import schema

    analyzer = schema.analyzer()
    for boost in (1.0, 1.5, 3.0):
        ours = sorted(schema.IndexPositions(field_boost=boost).word_values(
            text, analyzer, mode="index"))
        whoosh = sorted(Positions(field_boost=boost).word_values(text, analyzer,
                                                                 mode="index"))
        assert ours == whoosh


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=300))
def test_index_positions_are_whooshs_positions_for_any_text(text):
    from whoosh.formats import Positions

    from search import schema

    analyzer = schema.analyzer()
    assert sorted(schema.IndexPositions().word_values(text, analyzer, mode="index")) == \
        sorted(Positions().word_values(text, schema.reference_analyzer(), mode="index")) == \
        sorted(Positions().word_values(text, analyzer, mode="index"))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
       boost=st.sampled_from([1.0, 1.5, 3.0]))
def test_a_text_field_indexes_as_whooshs_text_field(text, boost):
    from whoosh.fields import TEXT

    from search import schema

    ours = schema._text(schema.analyzer(), field_boost=boost)
    assert isinstance(ours, schema.IndexedText)
    whoosh = TEXT(analyzer=schema.reference_analyzer(), field_boost=boost)
    assert sorted(ours.index(text)) == sorted(whoosh.index(text))


def test_newest_first_pages_through_every_match(app, member):
    for number in range(23):
        saving.create_article(member, title=f"Shelving guide {number}", body="shelving",
                              sectors=["school"] if number % 2 else ["public"])
        db.session.commit()
    everything = [query.search("", page=page) for page in (1, 2, 3)]
    assert [len(results.hits) for results in everything] == [10, 10, 3]
    assert titles(everything[0])[:2] == ["Shelving guide 22", "Shelving guide 21"]
    assert titles(everything[2]) == ["Shelving guide 2", "Shelving guide 1", "Shelving guide 0"]
    school = query.search("shelving", sector="school", sort="newest", page=2)
    assert school.total == 11
    assert titles(school) == ["Shelving guide 1"]


# ---------------------------------------------------------------- all words, any word

def test_a_short_query_needs_every_word(library):
    results = query.search("makerspace robots")
    assert titles(results) == ["Teen technology clubs"] and results.total == 1
    assert not results.any_word
    assert dict(results.facets["sectors"]) == {"public": 1, "school": 1}


def test_stop_words_are_never_required(library):
    # "a", "for" and "the" would otherwise have to be tags of the document.
    found = titles(query.search("a makerspace for the teens"))
    assert sorted(found) == ["Starting a makerspace", "Teen technology clubs"]


def test_no_document_with_every_word_falls_back_to_any_word(library):
    results = query.search("makerspace checksums")
    assert results.any_word and results.total == 3
    assert "Digital preservation checklist" in titles(results)
    assert dict(results.facets["type"]) == {"article": 3}


def test_a_long_query_ranks_documents_with_any_of_its_words(library):
    results = query.search("makerspace checksums robots cafe")
    assert not results.any_word and results.total == 4


def test_explicit_syntax_still_works_among_all_words(library):
    assert query.search("robots OR checksums").total == 2
    assert titles(query.search("title:makerspace teens")) == ["Starting a makerspace"]
    assert titles(query.search("tags:teens vinyl")) == ["Starting a makerspace"]
    assert titles(query.search('"vinyl cutter" volunteers')) == ["Starting a makerspace"]
    assert titles(query.search("makerspace NOT robots")) == ["Starting a makerspace"]
    assert titles(query.search("digit* checksums")) == ["Digital preservation checklist"]


def test_nothing_at_all_is_not_called_any_word(library):
    results = query.search("xylophone zither")
    assert results.total == 0 and not results.any_word


def test_the_parser_keeps_long_queries_any_word():
    from search import schema

    ix_schema = schema.make_schema()
    assert parsing.parse("makerspace funding grants", ix_schema).all_words
    assert not parsing.parse("makerspace funding grants teens", ix_schema).all_words
    assert not parsing.parse("makerspace", ix_schema).all_words
    # Stop words and exclusions do not count towards the length.
    assert parsing.parse("the makerspace and the funding of grants", ix_schema).all_words
    assert not parsing.parse("makerspace NOT funding", ix_schema).all_words


# ---------------------------------------------------------------- phrases, punctuation

@pytest.mark.parametrize("text", ['"Smith, John"', 'tags:"smith, john"', '"vinyl, cutter"',
                                  'sectors:"public, school"', 'authors:"ann, bo"',
                                  'type:"article, question"', '"3D; printers!"',
                                  '"teens/robots"', '"a, b, c"', '"(robots)"', '",,"',
                                  'title_prefix:"start, mak"', 'key:"article:1, x"',
                                  '"café-style, book" chats', 'tags:"teens, technology"',
                                  'object_id:"1, 2"', 'updated:"2020, 2021"', '"\'s, \'t"'])
def test_phrases_with_commas_and_punctuation_never_fail(library, text):
    results = query.search(text)
    assert results.error is None and results.total >= 0


def test_a_phrase_with_a_comma_finds_the_phrase(library):
    assert titles(query.search('"vinyl, cutter"')) == ["Starting a makerspace"]
    # In a keyword field, a "phrase" is its words, all of them needed.
    assert titles(query.search('tags:"teens, technology"')) == ["Teen technology clubs"]


QUERY_PARTS = st.one_of(
    st.sampled_from(["makerspace", "teens", "robots", "Smith", "John", "café", "3D", "the",
                     "a", "x", ",", ", ", ";", ".", "!", "-", "'", '"', '"', "(", ")", "[",
                     "]", "{", "}", "*", "?", "~2", "^3", ":", "/", "\\", " ", " ", " ",
                     "AND", "OR", "NOT", "TO", "ANDNOT", "ANDMAYBE", "title:", "body:",
                     "tags:", "sectors:", "type:", "key:", "authors:", "updated:",
                     "object_id:", "solved:", "title_prefix:", "stamp:", "url:", "nosuch:",
                     "<", ">", "=", "\x00", "é", "İ"]),
    st.text(max_size=4))
QUERY_TEXTS = st.lists(QUERY_PARTS, max_size=12).map("".join)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=QUERY_TEXTS)
def test_no_query_text_makes_search_fail(library, text):
    results = query.search(text)
    assert results.error is None and results.total >= 0
    assert results.total == 0 or results.hits


def test_did_you_mean_looks_in_titles_then_tags_then_bodies(library):
    assert query.search("makerspase").suggestion == "makerspace"       # a title's word
    assert query.search("instrucion").suggestion == "instruction"      # a tag only
    assert query.search("checksoms").suggestion == "checksums"         # a body's word
    assert query.search("robts teens").suggestion == "robots teens"
    assert query.search("checksums").suggestion is None
    assert query.search("qqqqqqqq").suggestion is None


def test_a_suggestion_is_spelt_near_the_word_typed(library, member):
    # "weed" and "week" are one letter apart, "weeding" and "week" four.
    saving.create_article(member, title="Opening hours", body="Open every day of the week.")
    db.session.commit()
    assert query.search("weeding").suggestion is None
    assert query.search("weekk").suggestion == "week"


def test_nothing_found_but_a_suggestion_finds_something(library):
    corrected = query.search_or_correct("makerspase")
    assert corrected.corrected_from == "makerspase" and corrected.query == "makerspace"
    assert corrected.total == 2 and corrected.suggestion is None
    assert "Starting a makerspace" in [hit.title for hit in corrected.hits]
    # Something found as typed: nothing corrected, even with a suggestion.
    typed = query.search_or_correct("robts teens")
    assert typed.corrected_from is None and typed.suggestion == "robots teens"
    assert typed.any_word and typed.total > 0
    # The suggestion finds nothing under the filters either: the page says so as typed.
    filtered = query.search_or_correct("makerspase", sector="special")
    assert filtered.corrected_from is None and filtered.total == 0
    assert filtered.query == "makerspase" and filtered.suggestion == "makerspace"
    assert query.search_or_correct("qqqqqqqq").corrected_from is None


# ---------------------------------------------------------------- ranking by terms

WORDS = ("makerspace teens robots grants funding archives weeding catalogue volunteers "
         "storytime literacy budgets outreach history maps music games").split()


@pytest.fixture(params=["blocks", "dense"])
def postings_from(request, monkeypatch):
    """Read posting lists from Whoosh's blocks, or from the dense copies (which are
    kept for every list here, however short)."""
    from search import storage

    if request.param == "blocks":
        monkeypatch.setattr(storage, "dense_postings", lambda *args: None)
    else:
        monkeypatch.setattr(storage, "DENSE_FROM", 1)
    return request.param


@pytest.fixture
def shelf(app, member, postings_from, snapshots):
    """Forty articles of random words from a small vocabulary, some edited (so that
    the index holds deleted documents) and one hidden. Made once per run for each
    way of reading postings (it takes seconds), and copied into each test."""
    snapshot = snapshots.get(f"search-shelf-{postings_from}", _fill_shelf)
    snapshot.fill(app)
    return db.session.scalars(select(Article).order_by(Article.id)).all()


def _fill_shelf(app) -> None:
    import random

    from core import accounts

    with app.app_context():
        member = accounts.register("mina", "mina@example.org", PASSWORD, role="member",
                                   display_name="Mina Member", library="Town Library",
                                   sector="public")
        db.session.commit()
        rnd = random.Random(4)
        articles = []
        for number in range(40):
            body = " ".join(rnd.choices(WORDS, k=rnd.randint(5, 60)))
            title = " ".join(rnd.sample(WORDS, 3)) + f" {number}"
            articles.append(saving.create_article(
                member, title=title, body=body, tags=", ".join(rnd.sample(WORDS, 2)),
                sectors=[rnd.choice(["public", "school"])]).article)
        db.session.commit()
        for article in articles[::7]:
            saving.save_edit(article, member, title=article.title,
                             body=article.current_revision.body + " grants grants",
                             base_revision=article.current_revision.number)
            db.session.commit()


@pytest.mark.parametrize("text", ["makerspace", "makerspace teens", "grants funding history",
                                  "robots NOT teens", "maps OR music", "tags:teens robots",
                                  "makerspace teens robots grants weeding maps music",
                                  "history NOT music", "storytime NOT (maps OR music)"])
@pytest.mark.whoosh
def test_ranking_by_terms_gives_whoosh_scores_and_order(shelf, text):
    searching = whoosh_engine.searcher()
    parsed = parsing.parse(text, searching.schema).query
    assert ranking._scored_terms(parsed) is not None
    matched = bitsets.Matches.of(searching, parsed, None)
    ours = [(hit.docnum, hit.score) for hit in ranking._ranked(searching, parsed, matched, 15)]
    # Whoosh's exhaustive scoring (its skipping can drop a term's share of a score).
    every = searching.search(parsed, limit=None, optimize=False)
    whoosh = sorted(((hit.docnum, hit.score) for hit in every), key=lambda h: (-h[1], h[0]))
    assert len(every) == matched.total > 0
    assert [docnum for docnum, _ in ours] == [docnum for docnum, _ in whoosh[:15]]
    assert [score for _, score in ours] == pytest.approx([s for _, s in whoosh[:15]], abs=1e-9)


@pytest.mark.whoosh
def test_ranking_by_terms_respects_filters(shelf):
    searching = whoosh_engine.searcher()
    parsed = parsing.parse("grants", searching.schema).query
    filters = parsing._filters(None, None, "school", None)
    matched = bitsets.Matches.of(searching, parsed, filters)
    ours = [hit.docnum for hit in ranking._ranked(searching, parsed, matched, 100)]
    whoosh = [hit.docnum for hit in searching.search(parsed, limit=100, optimize=False,
                                                    filter=filters)]
    assert sorted(ours) == sorted(whoosh) and len(ours) == matched.total


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 100, 5000])
def test_bit_sets_of_document_numbers(size):
    import random

    rnd = random.Random(size)
    for count in (0, 1, size // 20, size // 2, size):
        docnums = sorted(rnd.sample(range(size), min(count, size)))
        expected = sum(1 << docnum for docnum in docnums)
        assert bitsets._to_bits(docnums, size) == expected
        assert bitsets._to_bits(iter(docnums), size) == expected
        flags = ranking._flags(expected, size)
        assert len(flags) == size and ranking._members(flags) == docnums
