"""Word-level authorship: who introduced each word, and who leads the byline."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiki.attribution import (
    attribute,
    bylines,
    compress,
    expand,
    shares,
    tokenize,
)

INTRO = "Our library opened a makerspace with three printers and a laser cutter."
MIDDLE = ("Volunteers from the local college ran weekly sessions for teenagers, "
          "and attendance doubled within a term.")
CLOSING = "We now lend the printers to schools during the summer holidays."


def credits(text: str, runs) -> list[tuple[str, int]]:
    """Each word with the revision credited for it."""
    return list(zip(tokenize(text), expand(runs), strict=True))


def revisions_of(*texts: str) -> list[tuple[str, list]]:
    """Attribute successive texts as revisions 1, 2, ...; (text, runs) per revision,
    each with the previous one and the history before it."""
    made: list[tuple[str, list]] = []
    for number, text in enumerate(texts, start=1):
        previous = made[-1] if made else None
        runs = attribute(text, number, previous, made[-2::-1])
        made.append((text, runs))
    return made


# --- words and runs -------------------------------------------------------


def test_tokenize_splits_on_any_whitespace():
    assert tokenize("  Hello,\tworld!\n\nNew\u00a0para ") == ["Hello,", "world!", "New", "para"]


@given(st.text())
def test_tokenize_is_the_same_as_the_regular_expression(text):
    assert tokenize(text) == re.findall(r"\S+", text)


def test_compress_and_expand_round_trip():
    ids = [1, 1, 1, 3, 3, 1, 2, 2, 2, 2]
    runs = compress(ids)
    assert runs == [(1, 3), (3, 2), (1, 1), (2, 4)]
    assert expand(runs) == ids


def test_runs_loaded_back_from_json_expand_alike():
    runs = compress([4, 4, 2, 7])
    assert expand(json.loads(json.dumps(runs))) == expand(runs)


@given(st.lists(st.integers(min_value=1, max_value=5)))
def test_compress_expand_round_trip_for_any_ids(ids):
    runs = compress(ids)
    assert expand(runs) == ids
    assert all(count > 0 for _, count in runs)
    assert all(a[0] != b[0] for a, b in zip(runs, runs[1:], strict=False))


def test_empty_ids_compress_to_no_runs():
    assert compress([]) == []
    assert expand([]) == []


# --- attribute -------------------------------------------------------------


def test_first_revision_credits_every_word_to_itself():
    assert attribute(INTRO, 1, None) == [(1, len(tokenize(INTRO)))]


def test_added_words_go_to_the_adder_and_old_words_keep_their_author():
    (first, runs1), (second, runs2) = revisions_of(INTRO, INTRO + "\n\n" + MIDDLE)
    assert expand(runs2) == [1] * len(tokenize(INTRO)) + [2] * len(tokenize(MIDDLE))


def test_deleting_words_drops_them_from_the_credits():
    revisions = revisions_of(INTRO, INTRO + "\n\n" + MIDDLE, INTRO)
    assert revisions[2][1] == [(1, len(tokenize(INTRO)))]


def test_a_changed_word_inside_a_sentence_is_the_only_new_credit():
    changed = INTRO.replace("three", "four")
    (_, _), (_, runs) = revisions_of(INTRO, changed)
    credited = credits(changed, runs)
    assert [word for word, revision in credited if revision == 2] == ["four"]
    assert len(credited) == len(tokenize(INTRO))


def test_whitespace_only_changes_credit_nobody():
    respaced = "  " + INTRO.replace(" ", "\n", 3).replace("makerspace", "makerspace   ") + "\n"
    revisions = revisions_of(INTRO, respaced)
    assert revisions[1][1] == [(1, len(tokenize(INTRO)))]


def test_rewrapping_a_paragraph_onto_other_lines_credits_nobody():
    text = "\n\n".join([INTRO, MIDDLE, CLOSING])
    words = tokenize(text)
    rewrapped = "\n".join(" ".join(words[k:k + 5]) for k in range(0, len(words), 5))
    revisions = revisions_of(text, rewrapped)
    assert revisions[1][1] == [(1, len(words))]


def test_a_moved_paragraph_keeps_its_author():
    first = "\n\n".join([INTRO, CLOSING])
    second = "\n\n".join([INTRO, MIDDLE, CLOSING])
    moved = "\n\n".join([MIDDLE, INTRO, CLOSING])
    revisions = revisions_of(first, second, moved)
    expected = [2] * len(tokenize(MIDDLE)) + [1] * len(tokenize(INTRO + " " + CLOSING))
    assert expand(revisions[2][1]) == expected


def test_copying_a_sentence_that_stays_credits_the_copy_to_the_copier():
    revisions = revisions_of(INTRO, INTRO + "\n\n" + INTRO)
    assert expand(revisions[1][1]) == [1] * len(tokenize(INTRO)) + [2] * len(tokenize(INTRO))


def test_restoring_a_removed_paragraph_by_hand_gives_its_words_back_to_their_author():
    full = "\n\n".join([INTRO, MIDDLE, CLOSING])
    without = "\n\n".join([INTRO, CLOSING])
    local = without.replace("schools", "local schools")
    closing = CLOSING.replace("schools", "local schools").replace("summer", "winter")
    restored = "\n\n".join([INTRO, MIDDLE, closing])
    revisions = revisions_of(INTRO, without, full, without, local, restored)
    by = {"local": 5, "winter": 6}
    closing_credits = [by.get(word, 2) for word in tokenize(closing)]
    expected = [1] * len(tokenize(INTRO)) + [3] * len(tokenize(MIDDLE)) + closing_credits
    assert expand(revisions[-1][1]) == expected


def test_restoring_an_old_text_exactly_gives_back_that_revision_s_authors():
    revisions = revisions_of(INTRO, INTRO + " " + MIDDLE, "Vandalised.", INTRO + " " + MIDDLE)
    assert revisions[3][1] == revisions[1][1]


def test_restoring_a_short_old_text_gives_back_its_authors():
    revisions = revisions_of("Hi", "Hi there", "Gone", "Hi there")
    assert expand(revisions[3][1]) == [1, 2]


def test_restored_text_further_back_than_the_previous_revision_is_found():
    full = "\n\n".join([INTRO, MIDDLE, CLOSING])
    texts = [full, INTRO + "\n\n" + CLOSING]
    texts += [INTRO + "\n\n" + CLOSING + f" Edit {n}." for n in range(3, 10)]
    texts.append(full + " Edit 9.")
    revisions = revisions_of(*texts)
    credited = credits(texts[-1], revisions[-1][1])
    assert {revision for word, revision in credited if word in tokenize(MIDDLE)} == {1}


def test_a_phrase_that_is_still_in_the_text_typed_again_is_credited_to_its_typist():
    first = "Only one of the volunteers stayed."
    added = " Printing is one of the busiest services."
    revisions = revisions_of(first, first + added)
    assert revisions[1][1] == [(1, len(tokenize(first))), (2, len(tokenize(added)))]


def test_empty_texts():
    assert attribute("", 1, None) == []
    assert attribute("", 2, (INTRO, [(1, len(tokenize(INTRO)))])) == []
    assert attribute("   \n ", 3, ("", [])) == []
    assert attribute(INTRO, 4, ("", []), [("", [])]) == [(4, len(tokenize(INTRO)))]


def test_attribution_that_does_not_fit_the_previous_text_is_refused():
    with pytest.raises(ValueError, match="attribution covers"):
        attribute(INTRO, 2, (INTRO, [(1, 3)]))


def test_runs_read_back_from_json_work_as_previous_and_history():
    revisions = revisions_of(INTRO, INTRO + " " + MIDDLE, INTRO)
    loaded = [(text, json.loads(json.dumps(runs))) for text, runs in revisions]
    runs = attribute(INTRO + " " + MIDDLE, 4, loaded[2], loaded[1::-1])
    assert runs == revisions[1][1]


words = st.sampled_from(["the", "library", "book", "reader", "of", "a", "catalogue", "x"])
texts = st.lists(st.tuples(words, st.sampled_from([" ", " ", "\n", "\n\n", "  "])),
                 max_size=40).map(lambda pairs: "".join(w + s for w, s in pairs))


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, min_size=1, max_size=5), texts)
def test_every_word_is_credited_to_a_known_revision(earlier, new_text):
    revisions = revisions_of(*earlier)
    number = len(revisions) + 1
    runs = attribute(new_text, number, revisions[-1], revisions[-2::-1])
    ids = expand(runs)
    assert len(ids) == len(tokenize(new_text))
    assert set(ids) <= set(range(1, number + 1))


# --- shares and bylines ------------------------------------------------------


def test_shares_counts_words_per_author_and_keeps_authors_with_none_left():
    author_of = {1: 10, 2: 20, 3: 10, 4: 30}
    assert shares([(1, 5), (3, 2), (2, 4)], author_of) == {10: 7, 20: 4, 30: 0}


def test_shares_accepts_runs_loaded_from_json():
    assert shares([[1, 2], [2, 3]], {1: 7, 2: 8}) == {7: 2, 8: 3}


@pytest.mark.parametrize(("author_shares", "leads", "others"), [
    ({1: 60, 2: 30, 3: 10}, [1, 2], [3]),  # 1 makes up half; 2 has a quarter or more
    ({1: 70, 2: 20, 3: 10}, [1], [2, 3]),
    ({1: 30, 2: 30, 3: 30, 4: 10}, [1, 2, 3], [4]),  # a tie is never split
    ({1: 40, 2: 20, 3: 20, 4: 20}, [1], [2, 3, 4]),  # half needs 4: only the quarter rule
    ({n: 10 for n in range(1, 11)}, [], list(range(1, 11))),  # nobody leads
    ({1: 25, 2: 25, 3: 25, 4: 25}, [1, 2, 3, 4], []),
    ({7: 50, 3: 50}, [3, 7], []),  # equal shares: by author id
    ({1: 5, 2: 0}, [1], [2]),  # all words deleted: still a contributor
    ({1: 0, 2: 0}, [], [1, 2]),
    ({}, [], []),
])
def test_bylines(author_shares, leads, others):
    assert bylines(author_shares) == (leads, others)


def test_bylines_order_contributors_by_share_then_author_id():
    assert bylines({5: 50, 4: 10, 3: 10, 9: 30})[1] == [3, 4]
