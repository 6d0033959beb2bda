"""Citations of a revision: one test per style, and BibTeX's special characters."""

from __future__ import annotations

from datetime import datetime

from wiki.citation import Source, apa, bibtex, bibtex_escape, chicago, cite, mla

URL = "https://commonplace.example.org/wiki/homework-help-clubs/revisions/3"


def source(authors=("Rosa Reference", "Tomás Teen"), title="Homework help clubs"):
    return Source(title=title, authors=tuple(authors), site="Commonplace",
                  date=datetime(2026, 6, 1, 12, 30), url=URL, revision=3)


def test_apa_names_the_authors_date_title_in_italics_site_and_link():
    citation = apa(source())
    assert citation.text == ("Rosa Reference & Tomás Teen. (2026, June 1). Homework help clubs. "
                             f"Commonplace. {URL}")
    assert ("Homework help clubs.", True) in citation.parts


def test_apa_without_authors_puts_the_title_first():
    assert apa(source(authors=())).text == ("Homework help clubs. (2026, June 1). Commonplace. "
                                            f"{URL}")


def test_mla_quotes_the_title_and_shortens_three_authors_to_et_al():
    assert mla(source()).text == ("Rosa Reference and Tomás Teen. \u201cHomework help clubs.\u201d "
                                  f"Commonplace, 1 June 2026, {URL}.")
    three = mla(source(authors=("A One", "B Two", "C Three")))
    assert three.text.startswith("A One, et al. \u201cHomework")
    assert ("Commonplace", True) in three.parts
    sept = Source("T", (), "Commonplace", datetime(2025, 9, 3), URL, 1)
    assert "3 Sept. 2025" in mla(sept).text


def test_chicago_lists_every_author_with_a_serial_comma():
    citation = chicago(source(authors=("A One", "B Two", "C Three")))
    assert citation.text == ("A One, B Two, and C Three. \u201cHomework help clubs.\u201d "
                             f"Commonplace. June 1, 2026. {URL}.")


def test_a_title_ending_in_a_question_mark_gets_no_extra_full_stop():
    assert "\u201cWhy weed?\u201d" in chicago(source(title="Why weed?")).text
    assert "Why weed?." not in apa(source(title="Why weed?")).text


def test_bibtex_entry_has_every_field_and_a_stable_key():
    text = bibtex(source()).text
    assert text.startswith("@misc{reference2026homework,\n")
    assert "  author = {{Rosa Reference} and {Tomás Teen}},\n" in text
    assert "  title = {{Homework help clubs}},\n" in text
    assert "  year = {2026},\n  month = {jun},\n" in text
    assert f"  url = {{{URL}}}\n}}" in text
    assert "Revision 3 of 2026-06-01" in text


def test_bibtex_escapes_latex_special_characters():
    assert bibtex_escape(r"50% of {books} & #1 $5 a_b ~x^2 \o/") == (
        r"50\% of \{books\} \& \#1 \$5 a\_b \textasciitilde{}x\textasciicircum{}2 "
        r"\textbackslash{}o/")
    text = bibtex(source(authors=("Ann_Marie & Co",), title="Fines {waived} 100%")).text
    assert r"author = {{Ann\_Marie \& Co}}" in text
    assert r"title = {{Fines \{waived\} 100\%}}" in text
    assert text.count("{") - text.count(r"\{") == text.count("}") - text.count(r"\}")


def test_cite_gives_the_four_styles_in_order():
    assert [c.style for c in cite(source())] == ["APA", "MLA", "Chicago", "BibTeX"]
