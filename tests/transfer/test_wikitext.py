"""Wikitext to Markdown, without an app: each construct the issue names."""

from core.markup import render_now
from transfer.wikitext import redirect_target, wikitext_to_markdown


def md(text: str, **options) -> str:
    return wikitext_to_markdown(text, **options).markdown


def test_headings_and_emphasis():
    out = md("== Lending ==\nSome '''bold''' and ''italic'' text.\n=== Rules ===\nx")
    assert "## Lending" in out and "### Rules" in out
    assert "**bold**" in out and "*italic*" in out


def test_bullet_numbered_and_nested_lists():
    out = md("Intro line\n* one\n** one a\n* two\n# first\n# second")
    html = render_now(out).html
    assert "- one\n    - one a\n- two" in out
    assert "<ul>" in html and "<ol>" in html and html.count("<li>") == 5


def test_definition_list_and_indent():
    out = md("; ISIL\n: International Standard Identifier for Libraries")
    assert "<dl>" in render_now(out).html
    assert "<dt>ISIL</dt>" in render_now(out).html


def test_table_becomes_a_pipe_table():
    out = md('{| class="wikitable"\n! Sector !! Loans\n|-\n| public || 12\n|-\n| school | 3\n|}')
    html = render_now(out).html
    assert "<table>" in html and "<th>Sector</th>" in html and "<td>12</td>" in html


def test_internal_links_become_wikilinks_to_the_imported_title():
    out = md("See [[Seed library|seed libraries]] and [[Inter-library loan]].",
             link_title=lambda title: {"Seed library": "Seed library (wiki)"}.get(title, title))
    assert "[[Seed library (wiki)|seed libraries]]" in out
    assert "[[Inter-library loan]]" in out
    assert 'class="wikilink"' in render_now(out).html


def test_external_links_refs_code_and_pre():
    converted = wikitext_to_markdown(
        "Read [https://example.org the guide].<ref name=\"g\">Guide, p. 2</ref> Again.<ref "
        "name=\"g\"/> Use <code>marc</code>.\n<pre>line 1\nline 2</pre>\n<references/>")
    out = converted.markdown
    assert "[the guide](https://example.org)" in out
    assert out.count("[^1]") == 3 and "[^1]: Guide, p. 2" in out  # two uses, one note
    assert "`marc`" in out and "```\nline 1\nline 2\n```" in out
    assert 'class="footnote"' in render_now(out).html


def test_templates_are_dropped_and_listed_with_their_parameters():
    converted = wikitext_to_markdown("{{Infobox library|name=Town|founded=1901}}Text "
                                     "{{#if:x|y}}{{PAGENAME}}")
    assert converted.markdown.strip() == "Text"
    names = [item["name"] for item in converted.dropped]
    assert names[0] == "Infobox library" and "#if:x" in names and "PAGENAME" in names
    assert converted.dropped[0]["params"] == {"name": "Town", "founded": "1901"}


def test_categories_files_and_redirects():
    converted = wikitext_to_markdown("Text [[Category:Lending]] [[File:Map.png|thumb|A map]]",
                                     source_url="https://wiki.example.org/wiki")
    assert converted.categories == ["Lending"]
    assert "[A map](https://wiki.example.org/wiki/File:Map.png)" in converted.markdown
    assert redirect_target("#REDIRECT [[Seed_library#History]]") == "Seed library"
    assert redirect_target("Not a redirect") is None


def test_scripts_and_javascript_links_do_not_survive_the_render():
    out = md('<script>alert(1)</script>Hi [javascript:alert(2) click] '
             '<a href="javascript:alert(3)">x</a> [[File:A.png|link=javascript:alert(4)]]'
             '<span onmouseover="alert(5)">y</span>', source_url="https://w.example/wiki")
    html = render_now(out).html
    assert "<script" not in html and 'href="javascript' not in html.replace(" ", "")
    assert "onmouseover" not in html and "alert(1)" not in html
    assert "alert(4)" not in html  # a file link's link= option is not its caption


def test_link_trails_join_the_label_and_file_links_need_a_source():
    assert md("Many [[library]]s and [[Estonia]]n ones.").strip() == \
        "Many [[library|librarys]] and [[Estonia|Estonian]] ones."
    assert md("[[File:Map.png|thumb|A map]]").strip() == "A map"
