"""Wildcards and prefixes: useful ("preserv*"), and never a read of the whole index."""

import pytest
from whoosh import query as wq

from core.extensions import db
from search import query, whoosh_engine
from search.parsing import PATTERN_WORDS, Parsed, _capped, parse
from wiki import saving


def titles(results):
    return [hit.title for hit in results.hits]


def _leaves(q):
    children = list(q.children())
    return [q] if not children else [leaf for child in children for leaf in _leaves(child)]


def test_a_prefix_finds_the_words_it_starts(library):
    assert "Digital preservation checklist" in titles(query.search("preserv*"))
    assert "Starting a makerspace" in titles(query.search("maker*"))


def test_a_pattern_without_three_letters_first_does_not_expand(library):
    for text in ("*", "**", "a*", "ma*", "?aker", "*space"):
        parsed = parse(text, whoosh_engine.searcher().schema).query
        assert not any(isinstance(leaf, (wq.PatternQuery, wq.Every))
                       for leaf in _leaves(parsed)), (text, parsed)
        query.search(text)  # and it answers


@pytest.mark.whoosh
def test_a_pattern_stands_for_at_most_its_most_common_words(app, library, member):
    for number in range(PATTERN_WORDS + 8):
        word = f"zebrafield{chr(98 + number // 10)}{chr(98 + number % 10)}x"
        saving.create_article(member, title=f"Zebra note {number}",
                              body=f"{word} " * (1 + number % 3))
    db.session.commit()
    whoosh_engine.close_searcher()  # a searcher opened before these were indexed
    searching = whoosh_engine.searcher()
    capped = _capped(parse("zebrafield*", searching.schema), searching).query
    leaves = _leaves(capped)
    assert not any(isinstance(leaf, wq.PatternQuery) for leaf in leaves)
    body_words = {leaf.text for leaf in leaves
                  if isinstance(leaf, wq.Term) and leaf.fieldname == "body"}
    assert 0 < len(body_words) <= PATTERN_WORDS
    assert query.search("zebrafield*").total > 0


def test_every_word_of_a_field_is_not_a_query(library):
    searching = whoosh_engine.searcher()
    parsed = _capped(Parsed(parse("body:*", searching.schema).query), searching).query
    assert not any(isinstance(leaf, (wq.Every, wq.PatternQuery)) for leaf in _leaves(parsed))
