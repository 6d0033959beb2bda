"""`excerpt`: plain text from sanitised HTML, cut at a word boundary."""

from core.text import excerpt


def test_short_text_is_whole_and_plain():
    assert excerpt("<p>We <strong>start</strong>\n in spring.</p>", 300) == \
        "We start in spring."
    assert excerpt(None, 10) == ""


def test_long_text_is_cut_at_a_word_with_no_dangling_comma():
    assert excerpt("<p>Seeds, soil, and water, in that order.</p>", 16) == "Seeds, soil…"
    assert len(excerpt("word " * 100, 50)) <= 51
