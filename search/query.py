"""The query service: one interface for /search, suggestions and similar questions.

Whoosh today; a PostgreSQL full-text backend could implement the same `search` and
`suggest` for a site that runs several web hosts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, g
from markupsafe import Markup, escape
from whoosh import qparser, query, sorting
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.searching import Searcher

from search import schema

SEARCH_FIELDS = ["title", "body", "accepted", "tags"]
TYPES = {"article": "Article", "question": "Question", "solution": "Solution"}
PER_PAGE = 10
EXCERPT_CHARS = 20_000
SYNTAX_RE = re.compile(r'[(){}\[\]"\'^~*?:\\/+\-!&|<>=]')
SYNTAX_WORDS_RE = re.compile(r'[(){}\[\]"^~*?:\\/+!&|<>=]|\b(AND|OR|NOT|TO)\b')
WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass
class Hit:
    key: str
    type: str
    title: str
    url: str
    snippet: Markup
    author: str
    updated: datetime | None
    solved: bool
    tags: list[str]


@dataclass
class Results:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    error: str | None = None

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def searcher() -> Searcher:
    """One searcher per request, closed at teardown; reopened if the index has moved on."""
    current = g.get("search_searcher")
    if current is not None and not current.up_to_date():
        current.close()
        current = None
    if current is None:
        ix = schema.open_or_create(current_app.config["SEARCH_INDEX_DIR"])
        current = g.search_searcher = ix.searcher()
    return current


def close_searcher(_error=None) -> None:
    current = g.pop("search_searcher", None)
    if current is not None:
        current.close()


def _parser(ix_schema) -> qparser.MultifieldParser:
    parser = qparser.MultifieldParser(SEARCH_FIELDS, ix_schema,
                                      group=qparser.OrGroup.factory(0.9))
    return parser


def parse(text: str, ix_schema):
    """Whoosh syntax when it parses; plain terms when it does not."""
    try:
        parsed = _parser(ix_schema).parse(text)
    except Exception:  # noqa: BLE001 - a malformed query falls back to plain words
        parsed = query.NullQuery
    return _plain(text, ix_schema) if _has_error(parsed) else parsed


def _plain(text: str, ix_schema):
    """The query's words alone, without any operator or syntax."""
    words = [word for word in SYNTAX_RE.sub(" ", text).split()
             if word not in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO")]
    return _parser(ix_schema).parse(" ".join(words)) if words else query.NullQuery


def _has_error(parsed) -> bool:
    """Whoosh turns what it cannot parse ("AND OR", "field:[x TO") into the null query."""
    return parsed is query.NullQuery or isinstance(parsed, query.qcore._NullQuery)


def _filters(type_: str | None, tag: str | None, sector: str | None,
             solved: str | None):
    terms = []
    if type_ == "solution":
        terms += [query.Term("type", "question"), query.Term("solved", True)]
    elif type_:
        terms.append(query.Term("type", type_))
    if tag:
        terms.append(query.Term("tags", tag.lower()))
    if sector:
        terms.append(query.Term("sectors", sector))
    if solved in ("yes", "no"):
        terms.append(query.Term("solved", solved == "yes"))
    return query.And(terms) if terms else None


def search(text: str, *, type_: str | None = None, tag: str | None = None,
           sector: str | None = None, solved: str | None = None, sort: str = "relevance",
           page: int = 1, per_page: int = PER_PAGE) -> Results:
    text = (text or "").strip()[:500]
    results = Results(query=text, page=max(1, page))
    searching = searcher()
    ix_schema = searching.schema
    parsed = parse(text, ix_schema) if text else query.Every()
    filters = _filters(type_, tag, sector, solved)
    sortedby = sorting.FieldFacet("updated", reverse=True) if sort == "newest" or not text \
        else None
    page_hits = searching.search_page(parsed, results.page, pagelen=per_page, filter=filters,
                                      sortedby=sortedby, terms=True)
    if text and len(page_hits) == 0 and SYNTAX_WORDS_RE.search(text):
        # "makerspace AND OR" parses, but finds nothing: try the plain words.
        parsed = _plain(text, ix_schema)
        page_hits = searching.search_page(parsed, results.page, pagelen=per_page,
                                          filter=filters, sortedby=sortedby, terms=True)
    results.total = len(page_hits)
    results.pages = (results.total + per_page - 1) // per_page
    page_hits.results.fragmenter = ContextFragmenter(maxchars=240, surround=60)
    page_hits.results.formatter = HtmlFormatter(tagname="mark", between=" … ")
    for hit in page_hits:
        results.hits.append(_hit(hit))
    results.facets = facets(searching, parsed, filters)
    if text and results.total < 5:
        results.suggestion = did_you_mean(searching, text)
    return results


def _hit(hit) -> Hit:
    body = hit.get("body") or ""
    snippet = ""
    if body:
        snippet = hit.highlights("body", text=body[:EXCERPT_CHARS], top=2)
    if not snippet:
        snippet = str(escape(body[:240])) + ("…" if len(body) > 240 else "")
    solved = bool(hit.get("solved"))
    kind = hit["type"]
    return Hit(key=hit["key"], type="solution" if kind == "question" and solved else kind,
               title=hit["title"], url=hit["url"], snippet=Markup(snippet),  # noqa: S704 - Whoosh's HtmlFormatter escapes the text
               author=hit.get("author_name") or "", updated=hit.get("updated"), solved=solved,
               tags=[tag for tag in (hit.get("tags") or "").split(",") if tag])


def facets(searching: Searcher, parsed, filters) -> dict[str, list[tuple[str, int]]]:
    groups = {"type": sorting.FieldFacet("type"),
              "tags": sorting.FieldFacet("tags", allow_overlap=True),
              "sectors": sorting.FieldFacet("sectors", allow_overlap=True)}
    found = searching.search(parsed, filter=filters, groupedby=groups, maptype=sorting.Count,
                             limit=1)
    counted = {}
    for name in groups:
        counts = found.groups(name)
        counted[name] = sorted(((str(value), count) for value, count in counts.items() if value),
                               key=lambda item: (-item[1], item[0]))
    return counted


def did_you_mean(searching: Searcher, text: str, parsed=None) -> str | None:
    """The query with each word the index does not know replaced by its nearest known word."""
    analyzer = searching.schema["body"].analyzer
    reader = searching.reader()
    changed = False
    words = []
    for word in text.split():
        plain = word.lower()
        if WORD_RE.fullmatch(plain) and len(plain) > 2 and not _known(reader, analyzer, plain):
            replacement = _nearest(searching, plain)
            if replacement:
                words.append(replacement)
                changed = True
                continue
        words.append(word)
    return " ".join(words) if changed else None


def _known(reader, analyzer, word: str) -> bool:
    terms = [token.text for token in analyzer(word)]
    return not terms or any(reader.doc_frequency(field, term) for term in terms
                            for field in ("title", "body"))


def _nearest(searching: Searcher, word: str) -> str | None:
    for name in ("title", "body"):
        found = searching.corrector(name).suggest(word, limit=1, maxdist=2, prefix=1)
        if found:
            return found[0]
    return None


def suggest(prefix: str, limit: int = 8) -> list[dict]:
    """Titles whose words start with what the member has typed so far."""
    from search.sources import title_words

    words = title_words(prefix).split(",") if prefix.strip() else []
    words = [word for word in words if word]
    if not words:
        return []
    *complete, last = words
    clauses = [query.Term("title_prefix", word) for word in complete]
    clauses.append(query.Prefix("title_prefix", last))
    found = searcher().search(query.And(clauses), limit=limit)
    return [{"title": hit["title"], "url": hit["url"], "type": hit["type"]} for hit in found]


def similar_questions(text: str, limit: int = 5) -> list[dict]:
    """Questions and solutions like this title, for the ask page."""
    text = (text or "").strip()
    if not text:
        return []
    searching = searcher()
    parsed = _plain(text, searching.schema)
    found = searching.search(parsed, limit=limit, filter=query.Term("type", "question"))
    return [{"title": hit["title"], "url": hit["url"], "type": "question",
             "solved": bool(hit.get("solved"))} for hit in found]
