"""Markdown to safe HTML, in one place.

Python-Markdown renders (tables, fenced code, footnotes, definition lists,
abbreviations, a table of contents, sane lists, and `[[wikilinks]]`); bleach then
keeps only an allowlist of tags, attributes and URL schemes, and marks external
links `rel="nofollow ugc noopener"`. The result is stored, so a page view never
renders.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import quote, urlsplit

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.inlinepatterns import InlineProcessor

from core.slugs import free_slug

WIKILINK_RE = r"\[\[([^\[\]|\n]{1,200}?)(?:\|([^\[\]\n]{1,200}?))?\]\]"
WIKI_PREFIX = "/wiki/"

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


_URL_CONTROLS = "".join(chr(code) for code in range(0x21))
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_scheme(value: str) -> str:
    """The scheme a browser would read from this URL ('' for a relative one).

    bleach leaves `javascript:123` alone (Python reads it as a path with a port), so
    every href and src is checked again here, the way a browser parses it.
    """
    cleaned = re.sub(r"[\t\n\r]", "", value).strip(_URL_CONTROLS)
    match = SCHEME_RE.match(cleaned)
    return match.group(1).lower() if match else ""


def _attribute_allowed(tag: str, name: str, value: str) -> bool:
    if name in {"href", "src"} and url_scheme(value) not in {"", *ALLOWED_PROTOCOLS}:
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
        return name in {"href", "title", "rel"}
    if tag == "img":
        return name in {"src", "alt", "title", "width", "height"}
    if tag in {"abbr", "acronym"}:
        return name == "title"
    if tag in {"th", "td"}:
        return name in {"align", "colspan", "rowspan"} and (
            name != "align" or value in {"left", "right", "center"})
    if tag == "ol":
        return name in {"start", "type"}
    if tag in {"td", "th"}:
        return name in {"colspan", "rowspan"}
    return False


def _external_rel(attrs, new=False):
    href = attrs.get((None, "href"), "")
    parts = urlsplit(href)
    if parts.scheme in {"http", "https"} or href.startswith("//"):
        attrs[(None, "rel")] = "nofollow ugc noopener"
    elif (None, "rel") in attrs:
        del attrs[(None, "rel")]
    return attrs


_cleaner = bleach.sanitizer.Cleaner(
    tags=ALLOWED_TAGS, attributes=_attribute_allowed, protocols=ALLOWED_PROTOCOLS, strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_external_rel], skip_tags={"pre", "code"},
                     parse_email=False)],
)


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


class WikiLinkExtension(Extension):
    def __init__(self, targets: list[str], **kwargs):
        self.targets = targets
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.inlinePatterns.register(_WikiLinkProcessor(WIKILINK_RE, md, self.targets),
                                   "wikilink", 175)


@dataclass
class Rendered:
    html: str
    toc: str = ""
    headings: int = 0
    links: list[str] = field(default_factory=list)  # wikilink target titles, in order


def render(text: str) -> Rendered:
    """Render member Markdown to sanitised HTML, with its table of contents and wikilinks."""
    targets: list[str] = []
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "footnotes", "def_list", "abbr", "toc",
                    "sane_lists", WikiLinkExtension(targets)],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "toc": {"slugify": _heading_id, "toc_depth": "2-3", "title": ""},
            "footnotes": {"BACKLINK_TITLE": "Back to the text of note %d"},
        },
        output_format="html",
    )
    html = md.convert(text or "")
    clean = _cleaner.clean(html)
    tokens = getattr(md, "toc_tokens", [])
    headings = sum(1 + len(token.get("children", [])) for token in tokens)
    toc = _cleaner.clean(md.toc) if headings >= 3 else ""
    return Rendered(html=clean, toc=toc, headings=headings,
                    links=list(dict.fromkeys(targets)))


def sanitise(html: str) -> str:
    """HTML from elsewhere (a restored backup) through the same sanitiser as rendering.
    Rendered HTML comes out unchanged: cleaning is idempotent."""
    return _cleaner.clean(html or "")


def render_inline(text: str) -> str:
    """Short member text (a blurb, a comment) rendered and sanitised the same way."""
    return render(text).html
