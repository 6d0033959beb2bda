"""The indexed text of a page keeps its parts apart: headings, table cells and list items
do not run together in a snippet."""

from search.sources import html_to_text


def test_headings_cells_and_items_are_separated_and_inline_markup_is_not():
    html = ("<h2>Getting started</h2><p>We began with <a href='/x'>three</a> printers.</p>"
            "<table><tr><th>Branch</th><th>Loans</th></tr><tr><td>Eastgate</td>"
            "<td>1,204</td></tr></table><ul><li>Book a slot.</li><li>Bring a friend</li></ul>"
            "<p>Line one<br>line two</p>")
    assert html_to_text(html) == ("Getting started · We began with three printers. "
                                  "Branch · Loans · Eastgate · 1,204 · Book a slot. "
                                  "Bring a friend · Line one · line two")


def test_plain_text_is_unchanged():
    assert html_to_text("<p>Plain &amp; simple.</p><p>Two paragraphs.</p>") == \
        "Plain & simple. Two paragraphs."
    assert html_to_text("") == ""
