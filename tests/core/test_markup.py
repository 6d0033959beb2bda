"""Markdown rendering and the sanitiser, including real attack vectors from ../shared/data."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from core.markup import ALLOWED_TAGS, browser_url, render, sanitise, slugify

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
SAFE_SCHEMES = {"http", "https", "mailto"}


def load_vectors() -> list[str]:
    path = DATA / "xss" / "xss_vectors_combined.json"
    if not path.exists():
        return []
    return [entry["payload"] for entry in json.loads(path.read_text())]


VECTORS = load_vectors()


def url_scheme(value: str) -> str:
    """The scheme a browser would see: it strips C0 controls and spaces at the ends and
    tabs and newlines anywhere; anything else before a colon makes the URL relative."""
    cleaned = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07"
                                                   "\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
                                                   "\x13\x14\x15\x16\x17\x18\x19\x1a"
                                                   "\x1b\x1c\x1d\x1e\x1f ")
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


class Audit(HTMLParser):
    """Collects everything in rendered HTML that could run code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name in {"style", "srcdoc", "formaction", "xlink:href"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in {"href", "src", "action", "background", "poster", "data"}:
                scheme = url_scheme(value)
                if scheme and scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def audit(html: str) -> list[str]:
    parser = Audit()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.skipif(not VECTORS, reason="../shared/data/xss is not beside the repository")
def test_no_attack_vector_survives_rendering():
    assert len(VECTORS) > 700
    failures = {}
    for payload in VECTORS:
        for text in (payload, f"Intro\n\n{payload}\n\nOutro", f"[link]({payload})",
                     f"*{payload}*"):
            problems = audit(render(text).html)
            if problems:
                failures[text[:120]] = problems
    assert not failures, f"{len(failures)} payloads got through: {list(failures.items())[:5]}"


def test_dangerous_markdown_links_are_neutralised():
    html = render("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) "
                  "![i](javascript:alert(1)) [d](vbscript:x)").html
    assert "javascript" not in html.lower() and "data:" not in html and "vbscript" not in html
    assert audit(html) == []


def test_script_schemes_split_by_spaces_are_dropped():
    """Markdown turns a tab in raw HTML into spaces: "jav   ascript:" is relative to a
    browser, but nothing needs it, and the browser probe (rightly) rejects it."""
    html = render("<IMG SRC=\"jav\tascript:alert('XSS');\"> "
                  "<a href='vb script:x'>b</a>").html
    assert "script:" not in html and "<img>" in html


def test_external_links_get_nofollow_ugc_noopener():
    html = render("[ext](https://example.org/x) and [inside](/wiki/other) and "
                  "<a href='http://e.org' rel='me'>raw</a>").html
    assert html.count('rel="nofollow ugc noopener"') == 2
    assert '<a href="/wiki/other">inside</a>' in html


@pytest.mark.parametrize("href", ["/\\evil.example/1", "\\/evil.example/1",
                                  " //evil.example/1", "\t//evil.example/1",
                                  "\x01//evil.example/1"])
def test_disguised_external_links_are_read_as_a_browser_reads_them(href):
    """WHATWG URL parsing: C0 controls and spaces trimmed, tabs and newlines dropped, and
    a backslash is a slash, so each of these leaves the site: it gets rel, and its href
    is written as the browser would follow it."""
    wanted = '<a href="//evil.example/1" rel="nofollow ugc noopener">x</a>'
    assert wanted in render(f"[x]({href})").html
    assert wanted in render(f'<a href="{href}">x</a>').html
    assert wanted in render('<a href="/&#9;/evil.example/1">x</a>').html
    assert wanted in render('<a href="\\\\evil.example/1">x</a>').html


@pytest.mark.parametrize(("href", "url"), [
    ("/\\wiki\\page", "//wiki/page"), ("/wiki/a\\b?q=a\\b#c\\d", "/wiki/a/b?q=a\\b#c\\d"),
    ("mailto:a\\b@example.org", "mailto:a\\b@example.org"), (" \n/wiki/x\t", "/wiki/x"),
])
def test_browser_url(href, url):
    assert browser_url(href) == url


def test_internal_links_keep_no_rel():
    html = render("[a](/wiki/x) [b](#h-x) [c](mailto:a@example.org) [d](wiki/y)").html
    assert "rel=" not in html


def test_bare_urls_become_safe_links_but_not_in_code():
    html = render("See https://example.org/page.\n\n    https://example.org/code\n").html
    assert '<a href="https://example.org/page" rel="nofollow ugc noopener">' in html
    assert "<code>https://example.org/code" in html


def test_markdown_features():
    rendered = render("""# Title

[TOC]

## First part

Term
: Definition

| Left | Right |
|:-----|------:|
| a    | b     |

```python
print("<b>")
```

A footnote.[^1] An OPAC.

*[OPAC]: Online public access catalogue
[^1]: The note.

## Second part

3. three
4. four

## Third part
""")
    html = rendered.html
    assert '<h2 id="h-first-part">First part</h2>' in html
    assert "<dl>" in html and "<dt>Term</dt>" in html
    assert '<th align="left">Left</th>' in html
    assert '<code class="language-python">print("&lt;b&gt;")' in html
    assert 'class="footnote-ref"' in html and '<li id="fn:1">' in html
    assert '<abbr title="Online public access catalogue">OPAC</abbr>' in html
    assert '<ol start="3">' in html
    assert 'href="#h-second-part"' in rendered.toc and rendered.headings >= 3


def test_short_articles_have_no_table_of_contents():
    assert render("## Only one\n\ntext").toc == ""


def test_headings_cannot_take_the_pages_own_ids():
    html = render("## main\n\n<p id='main'>x</p><h2 id='main'>y</h2>").html
    assert 'id="main"' not in html and 'id="h-main"' in html


def test_wikilinks():
    rendered = render("See [[Readers' advisory]], [[Café culture|the café]], [[ ]] and "
                      "[[Readers' advisory]] again.")
    assert rendered.links == ["Readers' advisory", "Café culture"]
    assert '<a class="wikilink" href="/wiki/readers-advisory">Readers\' advisory</a>' in \
        rendered.html or '<a class="wikilink" href="/wiki/readers-advisory">Readers&#39; ' \
        'advisory</a>' in rendered.html
    assert 'href="/wiki/caf%C3%A9-culture">the café</a>' in rendered.html


def test_wikilink_labels_are_escaped():
    html = render("[[Page|<img src=x onerror=alert(1)>]]").html
    assert audit(html) == [] and "onerror" not in html


@pytest.mark.parametrize(("title", "slug"), [
    ("Starting a makerspace", "starting-a-makerspace"),
    ("Café culture: über-libraries!", "café-culture-über-libraries"),
    ("  Lots   of   space  ", "lots-of-space"),
    ("日本の図書館", "日本の図書館"),
    ("!!!", ""),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


@pytest.mark.skipif(not (DATA / "markdown").exists(), reason="../shared/data is not beside us")
def test_python_markdown_cases_render_safely():
    cases = sorted((DATA / "markdown" / "python_markdown_tests").rglob("*.txt"))
    assert cases
    for case in cases:
        html = render(case.read_text(encoding="utf-8")).html
        assert audit(html) == [], (case.name, audit(html))


def test_sanitising_is_idempotent():
    """What rendering stores comes out of sanitise() unchanged, so `flask markup
    resanitize` changes nothing the second time."""
    samples = [*VECTORS, "[x](/\\evil.example) <a href=' //e.org' rel=me>y</a> www.e.org",
               "## A\n\n| a | b |\n|--|--|\n| 1 | 2 |\n\n[^1]\n\n[^1]: note"]
    for payload in samples:
        once = sanitise(payload)
        assert sanitise(once) == once, payload
        html = render(payload).html
        assert sanitise(html) == html, payload
