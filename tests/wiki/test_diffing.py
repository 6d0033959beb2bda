"""The word diff shown on the history pages, and the alignment engine under it."""

import random
import re

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from wiki.diffing import (
    LINE_BREAK,
    PARAGRAPH_BREAK,
    DiffBlock,
    align,
    diff_stats,
    render_diff_html,
    word_diff,
)

OLD = "The library opened a makerspace.\n\nVolunteers ran weekly sessions for teenagers."


def shown(html: str) -> str:
    """What a sighted reader sees: tags and visually hidden labels removed."""
    html = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)
    return re.sub(r"<[^>]+>", "", html)


# --- word_diff and diff_stats --------------------------------------------------


def test_an_insertion():
    new = OLD.replace("weekly", "weekly evening")
    assert word_diff(OLD, new) == [
        DiffBlock("equal", ("The", "library", "opened", "a", "makerspace.", PARAGRAPH_BREAK,
                            "Volunteers", "ran", "weekly")),
        DiffBlock("insert", ("evening",)),
        DiffBlock("equal", ("sessions", "for", "teenagers.")),
    ]
    assert diff_stats(OLD, new) == (1, 0)


def test_a_deletion():
    new = OLD.replace("weekly ", "")
    assert [block.kind for block in word_diff(OLD, new)] == ["equal", "delete", "equal"]
    assert diff_stats(OLD, new) == (0, 1)


def test_a_replacement_shows_the_removal_before_the_addition():
    new = OLD.replace("weekly", "monthly")
    blocks = word_diff(OLD, new)
    assert blocks[1:3] == [DiffBlock("delete", ("weekly",)), DiffBlock("insert", ("monthly",))]
    assert diff_stats(OLD, new) == (1, 1)


def test_a_rewritten_sentence_reads_as_one_replacement():
    old = "Intro. The cat sat on the mat today. Outro."
    new = "Intro. A dog lay by the door instead. Outro."
    assert word_diff(old, new) == [
        DiffBlock("equal", ("Intro.",)),
        DiffBlock("delete", ("The", "cat", "sat", "on", "the", "mat", "today.")),
        DiffBlock("insert", ("A", "dog", "lay", "by", "the", "door", "instead.")),
        DiffBlock("equal", ("Outro.",)),
    ]
    assert diff_stats(old, new) == (6, 6)  # "the" was kept


def test_separate_one_word_changes_stay_separate():
    blocks = word_diff("the cat sat", "a cat lay")
    assert [block.kind for block in blocks] == ["delete", "insert", "equal", "delete", "insert"]


def test_splitting_a_paragraph_is_a_change():
    new = OLD.replace("opened a", "opened\n\na")
    assert word_diff(OLD, new)[1] == DiffBlock("insert", (PARAGRAPH_BREAK,))
    assert diff_stats(OLD, new) == (0, 0)  # no words added or removed


def test_a_single_line_break_differs_from_a_paragraph_break():
    blocks = word_diff("one\n\ntwo", "one\ntwo")
    assert blocks == [DiffBlock("equal", ("one",)), DiffBlock("delete", (PARAGRAPH_BREAK,)),
                      DiffBlock("insert", (LINE_BREAK,)), DiffBlock("equal", ("two",))]


def test_empty_texts():
    assert word_diff("", "") == []
    assert word_diff("", "new words") == [DiffBlock("insert", ("new", "words"))]
    assert word_diff("old words", "") == [DiffBlock("delete", ("old", "words"))]
    assert diff_stats("", "a b c") == (3, 0)


# --- render_diff_html --------------------------------------------------------------


def test_member_text_is_escaped():
    html = render_diff_html("Safe text here.", "Safe <script>alert(1)</script> text & here.")
    assert isinstance(html, Markup)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;" in html


def test_removed_text_is_escaped_too():
    html = render_diff_html('<img src=x onerror="boom"> kept', "kept")
    assert "<img" not in html
    assert "&lt;img" in html


def test_inserted_words_are_marked_without_relying_on_colour():
    html = render_diff_html(OLD, OLD.replace("weekly", "weekly evening"))
    assert '<ins><span class="visually-hidden">added: </span>evening</ins>' in html
    assert "<del" not in html


def test_deleted_words_are_marked_without_relying_on_colour():
    html = render_diff_html(OLD, OLD.replace("weekly ", ""))
    assert '<del><span class="visually-hidden">removed: </span>weekly</del>' in html


def test_a_replacement_renders_removal_then_addition():
    html = render_diff_html(OLD, OLD.replace("weekly", "monthly"))
    assert ('<del><span class="visually-hidden">removed: </span>weekly</del> '
            '<ins><span class="visually-hidden">added: </span>monthly</ins>') in html


def test_paragraphs_are_kept():
    html = render_diff_html(OLD, OLD.replace("weekly", "monthly"))
    assert html.startswith('<div class="diff"><p>The library opened a makerspace.</p><p>')
    assert html.count("<p>") == 2


def test_line_breaks_are_kept():
    html = render_diff_html("one\ntwo\nthree", "one\ntwo\nthree four")
    assert html.startswith('<div class="diff"><p>one<br>two<br>three <ins>')


def test_an_added_paragraph_break_is_shown_and_splits_the_paragraph():
    html = render_diff_html("one two", "one\n\ntwo")
    assert "added: paragraph break" in html
    assert html.count("<p>") == 2


def test_a_removed_paragraph_break_is_shown_and_joins_the_paragraphs():
    html = render_diff_html("one\n\ntwo", "one two")
    assert "removed: paragraph break" in html
    assert html.count("<p>") == 1


def test_no_change_says_so():
    html = render_diff_html(OLD, OLD)
    assert "No differences." in html
    assert "<ins" not in html and "<del" not in html


def test_a_spacing_only_change_says_so():
    html = render_diff_html(OLD, OLD.replace(" ", "  "))
    assert "only spacing changed" in html
    assert diff_stats(OLD, OLD.replace(" ", "  ")) == (0, 0)


def test_long_unchanged_text_is_collapsed_around_a_change():
    words = [f"w{n}" for n in range(1000)]
    old = " ".join(words)
    new = old.replace("w500", "CHANGED")
    html = render_diff_html(old, new, context_words=10)
    visible = shown(html).split()
    assert visible == ["…", *words[490:500], "w500", "CHANGED", *words[501:511], "…"]


def test_unchanged_text_between_two_changes_is_collapsed_in_the_middle():
    words = [f"w{n}" for n in range(200)]
    new = " ".join(words).replace("w0 ", "START ").replace("w199", "END")
    visible = shown(render_diff_html(" ".join(words), new, context_words=5)).split()
    assert visible == ["w0", "START", *words[1:6], "…", *words[194:199], "w199", "END"]


def test_short_unchanged_text_is_not_collapsed():
    words = " ".join(f"w{n}" for n in range(40))
    html = render_diff_html(words, words.replace("w20", "X"), context_words=30)
    assert "…" not in html


def test_collapsed_text_spanning_paragraphs_is_marked_between_paragraphs():
    paragraphs = [" ".join(f"p{p}w{n}" for n in range(50)) for p in range(10)]
    old = "\n\n".join(paragraphs)
    new = old.replace("p5w25", "CHANGED")
    html = render_diff_html(old, new, context_words=5)
    assert html.count('<p class="diff-skip">') == 2
    assert "unchanged text left out" in html


def test_ten_thousand_words_with_small_changes_complete():
    rng = random.Random(7)
    vocabulary = ["the", "of", "library", "readers", "and"] * 20 + [f"w{n}" for n in range(900)]
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(100)) for _ in range(100)]
    old = "\n\n".join(paragraphs)
    paragraphs[40] = paragraphs[40].replace(" ", " new ", 1)
    paragraphs[90] += " and an added sentence."
    new = "\n\n".join(paragraphs)
    assert diff_stats(old, new) == (5, 0)
    assert render_diff_html(old, new).count("<ins>") == 2


# --- the alignment engine -------------------------------------------------------------


def test_align_ends_with_the_sentinel_like_sequence_matcher():
    assert align("abc", "abc") == [(0, 0, 3), (3, 3, 0)]
    assert align("", "") == [(0, 0, 0)]
    assert align("abc", "xyz") == [(3, 3, 0)]


def test_align_on_long_sequences_finds_the_changes():
    rng = random.Random(3)
    a = [rng.choice("abcdefghij") + str(rng.randint(0, 400)) for _ in range(5000)]
    b = a[:1000] + ["new"] + a[1000:3000] + a[3100:]
    assert align(a, b) == [(0, 0, 1000), (1000, 1001, 2000), (3100, 3001, 1900), (5000, 4901, 0)]


@given(st.lists(st.sampled_from("abcde"), max_size=300),
       st.lists(st.sampled_from("abcde"), max_size=300))
def test_align_gives_valid_matching_blocks(a, b):
    blocks = align(a, b)
    assert blocks[-1] == (len(a), len(b), 0)
    i_end = j_end = 0
    for i, j, n in blocks[:-1]:
        assert n > 0 and i >= i_end and j >= j_end
        assert a[i:i + n] == b[j:j + n]
        i_end, j_end = i + n, j + n


@given(st.lists(st.sampled_from("abcdef"), max_size=500), st.integers(min_value=0),
       st.sampled_from("abcdefx"))
def test_align_keeps_everything_around_one_insertion(a, at, inserted):
    at = at % (len(a) + 1)
    b = [*a[:at], inserted, *a[at:]]
    assert sum(n for _, _, n in align(a, b)) == len(a)
