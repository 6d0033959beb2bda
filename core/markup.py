"""Markdown to safe HTML, in one place.

Python-Markdown renders (tables, fenced code, footnotes, definition lists,
abbreviations, a table of contents, sane lists, `[[wikilinks]]` and bare web
addresses); nh3 (Rust's ammonia) then keeps only an allowlist of tags, attributes and
URL schemes, every href and src is read again the way a browser reads it, and external
links are marked `rel="nofollow ugc noopener"`. The result is stored, so a page view
never renders.

Bounded: the parts of Python-Markdown that are quadratic on hostile input (bracket
scanning for links, the table test on long blocks, start tags that never close) are
replaced below by linear ones, and `render()` runs in a separate process under a time
budget (core.render_pool), so no input can hold a request, or a database lock, for long.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import quote

import markdown
import nh3
from markdown import inlinepatterns, util
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import slugify_unicode
from markdown.htmlparser import HTMLExtractor
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import HtmlBlockPreprocessor

from core.slugs import free_slug

WIKILINK_RE = r"\[\[([^\[\]|\n]{1,200}?)(?:\|([^\[\]\n]{1,200}?))?\]\]"
WIKI_PREFIX = "/wiki/"
MAX_CHARS = 200_000  # the longest member text rendered at all (articles are the longest)

ALLOWED_TAGS = frozenset({
    "a", "abbr", "acronym", "b", "blockquote", "br", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
SAFE_CLASSES = {
    "a": {"wikilink", "footnote-ref", "footnote-backref", "toclink", "headerlink"},
    "div": {"footnote", "toc"},
    "code": None,  # language-* only, checked below
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
ID_RE = re.compile(r"^(h-[\w-]{1,120}|fn:[\w-]{1,40}|fnref\d*:[\w-]{1,40})$", re.UNICODE)
LANGUAGE_RE = re.compile(r"^language-[a-z0-9+#-]{1,30}$")
# Responsive images: the site adds `srcset` and `sizes` to images of its own uploads after
# rendering (files.display), never from member text (render_now strips theirs). The
# sanitiser keeps only these exact shapes, so HTML read again (a restore, `flask markup
# resanitize`) keeps ours and nothing else: our /files/ addresses with width descriptors.
IMAGE_SIZES = "(min-width: 47em) 44em, 100vw"
_SRCSET_URL = r"/files/[0-9a-f]{64}/[A-Za-z0-9._~%-]{1,1500} [1-9][0-9]{0,4}w"
SRCSET_RE = re.compile(rf"^{_SRCSET_URL}(?:, {_SRCSET_URL}){{0,5}}$")
EXTERNAL_REL = "nofollow ugc noopener"


def slugify(text: str, max_length: int = 80) -> str:
    """A Unicode-aware URL slug: 'Café culture: über' -> 'café-culture-über'."""
    text = unicodedata.normalize("NFKC", text or "").strip().lower()
    text = re.sub(r"[^\w\s-]", " ", text, flags=re.UNICODE)
    text = re.sub(r"[\s_-]+", "-", text, flags=re.UNICODE).strip("-")
    return text[:max_length].rstrip("-")


# Paths under /wiki/ that are pages of their own, so no article may take them as its slug.
RESERVED_SLUGS = frozenset({"new", "recent", "tags"})


def article_slug(title: str) -> str:
    """The slug an article with this title has, and that [[title]] links point to."""
    return free_slug(slugify(title), "/wiki/<slug>", "article", RESERVED_SLUGS)


def wiki_href(slug: str) -> str:
    return WIKI_PREFIX + quote(slug, safe="")


def _heading_id(value: str, separator: str) -> str:
    # Prefixed so that no heading can take an id the page itself uses ("main").
    return "h-" + (slugify_unicode(value, separator) or "section")


# ---------------------------------------------------------------- URLs, as a browser reads them

_URL_CONTROLS = "".join(chr(code) for code in range(0x21))  # C0 controls and the space
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SPECIAL_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss", "file"})


def browser_url(value: str) -> str:
    """The URL a browser follows for this href, following the WHATWG URL standard: C0
    controls and spaces are stripped from both ends, tabs and newlines removed anywhere,
    and in URLs of the special schemes (and relative ones: our pages are http(s)) a
    backslash before the query is a slash, so `/\\evil.example` is `//evil.example`."""
    cleaned = _TAB_OR_NEWLINE.sub("", value or "").strip(_URL_CONTROLS)
    match = SCHEME_RE.match(cleaned)
    if match and match.group(1).lower() not in SPECIAL_SCHEMES:
        return cleaned
    end = min((index for index in (cleaned.find("?"), cleaned.find("#")) if index >= 0),
              default=len(cleaned))
    return cleaned[:end].replace("\\", "/") + cleaned[end:]


def url_scheme(value: str) -> str:
    """The scheme a browser would read from this URL ('' for a relative one).

    Python reads `javascript:123` as a path with a port, so every href and src is
    checked again here, the way a browser parses it.
    """
    match = SCHEME_RE.match(browser_url(value))
    return match.group(1).lower() if match else ""


def is_external(href: str) -> bool:
    """Does following this href leave the site (http(s) or scheme-relative `//host`)?"""
    url = browser_url(href)
    return url_scheme(url) in {"http", "https"} or url.startswith("//")


# ---------------------------------------------------------------- the sanitiser (nh3)

_ANY_SPACE = re.compile(r"[\x00-\x20\x7f-\xa0\s]+")


def _url_allowed(value: str) -> bool:
    """Its scheme as a browser reads it, and (as bleach did) with every space and control
    character squeezed out ("jav ascript:" is relative to a browser, but never needed)."""
    allowed = {"", *ALLOWED_PROTOCOLS}
    squeezed = SCHEME_RE.match(_ANY_SPACE.sub("", value))
    return url_scheme(value) in allowed and (
        not squeezed or squeezed.group(1).lower() in allowed)


def _attribute_allowed(tag: str, name: str, value: str) -> bool:
    if name in {"href", "src"} and not _url_allowed(value):
        return False
    if name == "id":
        return tag in {"h1", "h2", "h3", "h4", "h5", "h6", "li", "sup", "div"} and bool(
            ID_RE.match(value))
    if name == "class":
        if tag == "code":
            return bool(LANGUAGE_RE.match(value))
        allowed = SAFE_CLASSES.get(tag)
        return bool(allowed) and set(value.split()) <= allowed
    if tag == "a":
        return name in {"href", "title"}
    if tag == "img":
        if name == "srcset":
            return bool(SRCSET_RE.match(value))
        if name == "sizes":
            return value == IMAGE_SIZES
        return name in {"src", "alt", "title", "width", "height"}
    if tag in {"abbr", "acronym"}:
        return name == "title"
    if tag in {"th", "td"}:
        return name in {"align", "colspan", "rowspan"} and (
            name != "align" or value in {"left", "right", "center"})
    if tag == "ol":
        return name in {"start", "type"}
    return False


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    """nh3's hook for every attribute it would keep: the allowlist's rules on values, and
    hrefs and srcs rewritten to what a browser would follow."""
    if not _attribute_allowed(tag, name, value):
        return None
    if name in {"href", "src"}:
        return browser_url(value)
    return value


# Every attribute any tag may carry; _attribute_filter decides on each value.
_ATTRIBUTES = {tag: {"id", "class", "href", "title", "src", "alt", "width", "height",
                     "align", "colspan", "rowspan", "start", "type"} for tag in ALLOWED_TAGS}
_ATTRIBUTES["img"] |= {"srcset", "sizes"}
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS), clean_content_tags={"script", "style"}, attributes=_ATTRIBUTES,
    attribute_filter=_attribute_filter, strip_comments=True, link_rel=None,
    url_schemes=set(ALLOWED_PROTOCOLS),
)
# nh3 writes every attribute as name="value" with `"` escaped, so this reads them exactly.
_LINK_TAG = re.compile(r'<a((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*>')
_HREF_ATTR = re.compile(r'\shref="([^"]*)"')


def _mark_external(match: re.Match) -> str:
    attributes = match.group(1)
    href = _HREF_ATTR.search(attributes)
    if href and is_external(_unescape_attribute(href.group(1))):
        return f'<a{attributes} rel="{EXTERNAL_REL}">'
    return match.group(0)


def _unescape_attribute(value: str) -> str:
    return (value.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
            .replace("&nbsp;", "\xa0").replace("&amp;", "&"))


def _clean(html: str) -> str:
    """nh3 until its output parses back to itself. Its output can nest what HTML cannot
    (`<p><select></p>` becomes `<p><p></p></p>`), which a browser then parses into
    something else than what was checked; cleaning that again settles it."""
    for _attempt in range(4):
        cleaned = _CLEANER.clean(html)
        if cleaned == html:
            break
        html = cleaned
    return html


IMG_TAG_RE = re.compile(r'<img((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*/?>')
_SRCSET_ATTR = re.compile(r'\s(?:srcset|sizes)="[^"]*"')


def _strip_srcset(html: str) -> str:
    """No `srcset` or `sizes` from member text: only the site writes them (files.display)."""
    if "srcset" not in html and "sizes" not in html:
        return html
    return IMG_TAG_RE.sub(lambda match: "<img" + _SRCSET_ATTR.sub("", match.group(1)) + ">",
                          html)


def sanitise(html: str) -> str:
    """HTML through the allowlist: what rendering stores, and HTML from elsewhere (a
    restored backup, `flask markup resanitize`). Idempotent: clean HTML comes out as is."""
    return _LINK_TAG.sub(_mark_external, _clean(html or ""))


# ---------------------------------------------------------------- Markdown, bounded

class _WikiLinkProcessor(InlineProcessor):
    def __init__(self, pattern: str, md: markdown.Markdown, targets: list[str]):
        super().__init__(pattern, md)
        self.targets = targets

    def handleMatch(self, match, data):  # noqa: N802 - Python-Markdown's API
        title = " ".join(match.group(1).split())
        label = " ".join((match.group(2) or title).split())
        slug = article_slug(title)
        if not slug:
            return None, None, None
        self.targets.append(title)
        element = etree.Element("a")
        element.set("href", wiki_href(slug))
        element.set("class", "wikilink")
        element.text = label
        return element, match.start(0), match.end(0)


# A web address written out: https://..., www.example.org/..., or a bare domain on a
# common top-level domain. Placeholders (\x02...\x03) and markup end it.
_TLDS = ("com|org|net|edu|gov|int|mil|info|biz|io|app|dev|ai|co|uk|us|ca|au|nz|ie|de|fr|"
         "nl|be|eu|es|it|ch|at|se|no|dk|fi|is|jp|cn|in|za|br|mx|ru|pl|pt|cz|library|museum")
BARE_LINK_RE = (r"(?i)(?<![\w@/.:#%&=~+-])(?:https?://[^\s<>\"\x02\x03]{1,2000}|(?:www\.)?"
                r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}(?:" + _TLDS + r")\b"
                r"(?![.-]?\w)(?::\d{1,5})?(?:/[^\s<>\"\x02\x03]{0,2000})?)")
_TRAILING = ".,;:!?'\"*_"


class _BareLinkProcessor(InlineProcessor):
    """Bare web addresses become links, as bleach's linkify made them (never in code,
    never inside another link)."""

    ANCESTOR_EXCLUDES = ("a",)

    def handleMatch(self, match, data):  # noqa: N802 - Python-Markdown's API
        url = match.group(0)
        while url and (url[-1] in _TRAILING or (url[-1] == ")" and
                                                url.count("(") < url.count(")"))):
            url = url[:-1]
        if "." not in url.split("//", 1)[-1]:
            return None, None, None
        element = etree.Element("a")
        element.set("href", url if "://" in url else "http://" + url)
        element.text = util.AtomicString(url)
        return element, match.start(0), match.start(0) + len(url)


class _LinearBrackets:
    """Python-Markdown's getText finds the `]` closing a `[` one character at a time, from
    every `[`, so 14 KB of `[` took 20 s. The same answer, jumping from `]` to `]`, and at
    once when no `]` is left (the unmatched text it returned is never used: callers
    give up on a `[` that does not close)."""

    _last_close: tuple[str, int] | None = None

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802
        if self._last_close is None or self._last_close[0] is not data:
            self._last_close = (data, data.rfind("]"))
        if index > self._last_close[1]:
            return "", len(data), False
        depth, position = 1, index
        while True:
            close = data.find("]", position)
            if close < 0:
                return "", len(data), False
            depth += data.count("[", position, close) - 1
            position = close + 1
            if depth == 0:
                return data[index:close], position, True


# Python-Markdown's link processors and their priorities, each given the linear getText.
_LINK_PROCESSORS = {
    "reference": (inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    "link": (inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    "image_link": (inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    "image_reference": (inlinepatterns.ImageReferenceInlineProcessor,
                        inlinepatterns.IMAGE_REFERENCE_RE, 140),
    "short_reference": (inlinepatterns.ShortReferenceInlineProcessor,
                        inlinepatterns.REFERENCE_RE, 130),
    "short_image_ref": (inlinepatterns.ShortImageReferenceInlineProcessor,
                        inlinepatterns.IMAGE_REFERENCE_RE, 125),
}
_LINEAR = {name: type("Linear" + cls.__name__, (_LinearBrackets, cls), {})
           for name, (cls, _pattern, _priority) in _LINK_PROCESSORS.items()}


_SEPARATOR_CHARS = frozenset("|:- ")


class _LinearTableProcessor(TableProcessor):
    """The tables extension splits a whole block into rows to test its first two, and a
    heading, rule or setext line splits a block and tests the rest again: "## h\\n" * 6000
    took 10 s. The same test, reading only the lines it needs."""

    def test(self, parent, block):
        first, newline, rest = block.partition("\n")
        if not newline:
            return False
        second = rest.partition("\n")[0].strip(" ")
        if set(second) - _SEPARATOR_CHARS:  # the separator row has only these
            return False
        header0 = first.strip(" ")
        self.border = 0
        if header0.startswith("|"):
            self.border |= 1
        if self.RE_END_BORDER.search(header0) is not None:
            self.border |= 2
        row0_len = len(self._split_row(header0))
        is_table = row0_len > 1
        if not is_table and row0_len == 1 and self.border:
            # Each row of a one-column table needs a pipe: read lines until one has none.
            start = 0
            while True:
                end = rest.find("\n", start)
                row = rest[start:] if end < 0 else rest[start:end]
                row = row.strip(" ")
                is_table = row.startswith("|") or self.RE_END_BORDER.search(row) is not None
                if not is_table or end < 0:
                    break
                start = end + 1
        if is_table:
            row = self._split_row(second)
            is_table = len(row) == row0_len and set("".join(row)) <= _SEPARATOR_CHARS
            if is_table:
                self.separator = row
        return is_table


class _BoundedExtractor(HTMLExtractor):
    """html.parser reads a start tag from each `<` to the end of the text when it never
    closes, so "<a " * 60000 took minutes. A start tag needs a `>`; with none left after
    this `<`, it is text, as the parser would decide anyway, without the reading."""

    def reset(self):
        super().reset()
        self._last_close = None

    def check_for_whole_start_tag(self, i: int) -> int:
        if self._last_close is None or self._last_close[0] is not self.rawdata:
            self._last_close = (self.rawdata, self.rawdata.rfind(">"))
        if i > self._last_close[1]:
            return -1
        return super().check_for_whole_start_tag(i)


class _BoundedHtmlBlockPreprocessor(HtmlBlockPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        parser = _BoundedExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class CommonplaceExtension(Extension):
    """Wikilinks and bare addresses, and Python-Markdown's slow paths made linear."""

    def __init__(self, targets: list[str], **kwargs):
        self.targets = targets
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.inlinePatterns.register(_WikiLinkProcessor(WIKILINK_RE, md, self.targets),
                                   "wikilink", 175)
        for name, (_cls, pattern, priority) in _LINK_PROCESSORS.items():
            md.inlinePatterns.register(_LINEAR[name](pattern, md), name, priority)
        md.inlinePatterns.register(_BareLinkProcessor(BARE_LINK_RE, md), "bare_link", 70)
        md.preprocessors.register(_BoundedHtmlBlockPreprocessor(md), "html_block", 20)
        if "table" in md.parser.blockprocessors:
            table = md.parser.blockprocessors["table"]
            md.parser.blockprocessors.register(
                _LinearTableProcessor(md.parser, table.config), "table", 75)


@dataclass
class Rendered:
    html: str
    toc: str = ""
    headings: int = 0
    links: list[str] = field(default_factory=list)  # wikilink target titles, in order


def render_now(text: str) -> Rendered:
    """Render member Markdown to sanitised HTML, in this process, without a time budget:
    what the render pool's workers run. Everyone else calls render()."""
    targets: list[str] = []
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "footnotes", "def_list", "abbr", "toc",
                    "sane_lists", CommonplaceExtension(targets)],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"slugify": _heading_id, "toc_depth": "2-3", "title": ""},
            "footnotes": {"BACKLINK_TITLE": "Back to the text of note %d"},
        },
        output_format="html",
    )
    html = md.convert(text or "")
    clean = _strip_srcset(sanitise(html))
    tokens = getattr(md, "toc_tokens", [])
    headings = sum(1 + len(token.get("children", [])) for token in tokens)
    toc = sanitise(md.toc) if headings >= 3 else ""
    return Rendered(html=clean, toc=toc, headings=headings,
                    links=list(dict.fromkeys(targets)))


def render(text: str) -> Rendered:
    """Render member Markdown to sanitised HTML, with its table of contents and wikilinks,
    within the time budget (core.render_pool): raises RenderRefused (a ValidationFailed
    naming the `body` field) for text over MAX_CHARS or that takes too long."""
    from core import render_pool

    rendered = render_pool.render(text or "")
    return after_render(rendered)


def after_render(rendered: Rendered) -> Rendered:
    """The app's steps after rendering, in this process (they may read the database):
    `app.extensions["markup.after_render"]`, functions from HTML to HTML (files.display adds
    the sizes of uploaded images)."""
    from dataclasses import replace

    from flask import current_app, has_app_context

    if not has_app_context():
        return rendered
    steps = current_app.extensions.get("markup.after_render", ())
    html = rendered.html
    for step in steps:
        html = step(html)
    return rendered if html == rendered.html else replace(rendered, html=html)
