"""The query service: one interface for /search, suggestions and similar questions.

Whoosh today; a PostgreSQL full-text backend could implement the same `search` and
`suggest` for a site that runs several web hosts.
"""

from __future__ import annotations

import copy
import heapq
import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sized
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import neg
from threading import Lock

from flask import current_app, g
from markupsafe import Markup, escape
from whoosh import highlight, qparser, query, scoring
from whoosh.analysis import Token
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.fields import DATETIME
from whoosh.idsets import DocIdSet
from whoosh.matching.wrappers import FilterMatcher
from whoosh.qparser import syntax
from whoosh.reading import TermNotFound
from whoosh.searching import Results as WhooshResults
from whoosh.searching import Searcher
from whoosh.support.levenshtein import levenshtein

from search import schema, storage

SEARCH_FIELDS = ["title", "body", "accepted", "tags"]
TYPES = {"article": "Article", "question": "Question", "solution": "Solution"}
PER_PAGE = 10
EXCERPT_CHARS = 20_000
MARKED_WORDS = 64  # the most words of one query that snippets look for
SYNTAX_RE = re.compile(r'[(){}\[\]"\'^~*?:\\/+\-!&|<>=]')
SYNTAX_WORDS_RE = re.compile(r'[(){}\[\]"^~*?:\\/+!&|<>=]|\b(AND|OR|NOT|TO)\b')
WORD_RE = re.compile(r"\w+", re.UNICODE)
# "Which titles?" asks a question: a question mark ending a word is not a wildcard.
QUESTION_MARK_RE = re.compile(r"(?<=\w)\?+(?=[\s,.;:!)]|$)")
OPERATORS_RE = re.compile(r"\b(AND|OR|NOT|ANDNOT|ANDMAYBE|TO)\b")
FACETS = ("type", "tags", "sectors")


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
    any_word: bool = False  # no result had all the words; these have any of them
    corrected_from: str | None = None  # nothing matched this; these match `query`

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def searcher() -> Searcher:
    """One searcher per request, closed at teardown."""
    if "search_searcher" not in g:
        ix = schema.open_or_create(current_app.config["SEARCH_INDEX_DIR"])
        g.search_searcher = ix.searcher(weighting=schema.weighting())
    elif not g.search_searcher.up_to_date():
        # Not Searcher.refresh(): it reuses segment readers by segment id, and a
        # segment keeps its id when documents in it are deleted (every update).
        g.search_searcher.close()
        ix = schema.open_or_create(current_app.config["SEARCH_INDEX_DIR"])
        g.search_searcher = ix.searcher(weighting=schema.weighting())
    return g.search_searcher


def close_searcher(_error=None) -> None:
    current = g.pop("search_searcher", None)
    if current is not None:
        current.close()


# Queries of up to this many words (after parsing: stop words and NOT clauses do not
# count) need every word, as in library catalogues and FTS5; longer ones, which read
# like a request ("I would like papers on..."), rank documents with any of their
# words. bench/bench_search_relevance.py --short shows the evidence.
ALL_WORDS_UP_TO = 3


class _Multifield(qparser.MultifieldPlugin):
    """An unfielded word in every search field, except that a stop word is not looked
    for in `tags`: the text fields drop it, and "history of the library" must not
    need a document tagged "of"."""

    def do_multifield(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.do_multifield(parser, node)
            elif node.has_fieldname and node.fieldname is None:
                stop = (isinstance(node, syntax.WordNode)
                        and node.text.lower() in schema.STOP_LIST)
                copies = []
                for name in self.fieldnames:
                    if stop and name == "tags":
                        continue
                    copy_ = copy.copy(node)
                    copy_.set_fieldname(name)
                    copy_.set_boost(self.boosts.get(name, 1.0))
                    copies.append(copy_)
                group[i] = self.group(copies)
        return group


def _parser(ix_schema, group=qparser.OrGroup) -> qparser.QueryParser:
    # Words ranked by BM25F. No coordination bonus (OrGroup.factory): it made no
    # difference to relevance on LISA, CISI or Cranfield, and it costs a walk of the
    # matcher tree for every document scored, and it defeats block skipping.
    parser = qparser.QueryParser(None, ix_schema, group=group)
    parser.add_plugin(_Multifield(SEARCH_FIELDS))
    return parser


def _tidy(text: str) -> str:
    """What people type, made into what the parser should read.

    A question mark ending a word asks a question ("which titles?") rather than
    standing for one letter. A query typed in capitals throughout ("NON-USERS OF
    PUBLIC LIBRARIES AND WHY") is words: its AND, OR and NOT are not operators.
    """
    text = QUESTION_MARK_RE.sub(" ", text)
    if OPERATORS_RE.search(text) and not any(char.islower() for char in text):
        text = text.lower()
    return text


def parse(text: str, ix_schema, all_words_up_to: int = ALL_WORDS_UP_TO) -> Parsed:
    """Whoosh syntax when it parses; plain words when it does not. A short query needs
    all of its words; a long one ranks documents with any of them."""
    text = _tidy(text)
    parsed = _parse(text, ix_schema, qparser.AndGroup)
    if _has_error(parsed):
        return _plain(text, ix_schema, all_words_up_to)
    wanted = _wanted_clauses(parsed)
    if 1 < wanted <= all_words_up_to:
        return Parsed(parsed, all_words=True)
    if wanted > 1:
        parsed = _parse(text, ix_schema, qparser.OrGroup)
        if _has_error(parsed):
            return _plain(text, ix_schema, all_words_up_to)
    return Parsed(parsed)


def any_word(text: str, ix_schema) -> Parsed:
    """The query with any of its words enough (syntax kept)."""
    text = _tidy(text)
    parsed = _parse(text, ix_schema, qparser.OrGroup)
    if _has_error(parsed):
        return _plain(text, ix_schema, 0)
    return Parsed(parsed)


def _parse(text: str, ix_schema, group):
    try:
        parsed = _parser(ix_schema, group).parse(text)
        return _skipping(_exclusions(_answerable(parsed, ix_schema).normalize()))
    except Exception:  # noqa: BLE001 - a malformed query falls back to plain words
        return query.NullQuery


def _wanted_clauses(q) -> int:
    """How many clauses the query requires at its top (an exclusion is not one)."""
    if isinstance(q, query.AndNot):
        return _wanted_clauses(q.a)
    if isinstance(q, query.And):
        return sum(1 for sub in q.subqueries if not isinstance(sub, query.Not))
    return 0 if isinstance(q, query.Not) else 1


def _exclusions(q):
    """"teens NOT makerspace" means teens without makerspace. Whoosh reads it as teens
    OR (anything without makerspace) with any-word grouping, and scores a document by
    walking every non-match with all-words grouping."""
    if isinstance(q, (query.Or, query.And)):
        subqueries = [_exclusions(sub) for sub in q.subqueries]
        wanted = [sub for sub in subqueries if not isinstance(sub, query.Not)]
        unwanted = [sub.query for sub in subqueries if isinstance(sub, query.Not)]
        if wanted and unwanted:
            kept = type(q)(wanted, boost=q.boost) if len(wanted) > 1 else wanted[0]
            return query.AndNot(kept, query.Or(unwanted))
    if isinstance(q, query.CompoundQuery):
        q = copy.copy(q)
        q.subqueries = [_exclusions(sub) for sub in q.subqueries]
    return q


def _answerable(q, ix_schema):
    """The query, with what Whoosh would raise an error for made into what it means.

    A phrase in a field without word positions ("Smith, John" in `tags`, a keyword
    field) becomes its words, all of them needed. A term a field cannot hold (letters
    in a number field) matches nothing.
    """
    if isinstance(q, query.Phrase):
        if q.fieldname not in ix_schema:
            return query.NullQuery
        if not _has_positions(ix_schema[q.fieldname]):
            terms = [_answerable(query.Term(q.fieldname, word, boost=q.boost), ix_schema)
                     for word in q.words]
            if not terms:
                return query.NullQuery
            return terms[0] if len(terms) == 1 else query.And(terms)
        return q
    if isinstance(q, query.Term):
        if q.fieldname not in ix_schema:
            return query.NullQuery
        try:
            ix_schema[q.fieldname].to_bytes(q.text)
        except (ValueError, TypeError, ArithmeticError):
            return query.NullQuery
        return q
    if isinstance(q, (query.PatternQuery, query.TermRange)):
        return _bounded_pattern(q, ix_schema)
    if type(q) is query.Every and q.fieldname not in (None, "", "*"):
        return query.NullQuery  # "*" in a field: every word of it, the whole index
    if isinstance(q, query.CompoundQuery):
        q = copy.copy(q)
        q.subqueries = [_answerable(sub, ix_schema) for sub in q.subqueries]
    elif isinstance(q, query.qcore.Query) and q.children():
        q = q.apply(lambda sub: _answerable(sub, ix_schema))
    return q


# A pattern stands for at most this many words, the ones most documents have: the cost
# of a query grows with the postings it reads.
PATTERN_WORDS = 12


def _capped(parsed: Parsed, searching: Searcher) -> Parsed:
    """Each pattern ("con*") as the words of the index it matches, at most
    PATTERN_WORDS of them: "con*" matches some 800 words at 10,000 documents and
    reading all their postings took 4 s."""
    reader = searching.reader()

    def cap(q):
        if isinstance(q, query.PatternQuery) and q.fieldname in searching.schema:
            words = list(q._btexts(reader))  # noqa: SLF001 - Whoosh's own expansion
            if len(words) > PATTERN_WORDS:
                words = heapq.nlargest(PATTERN_WORDS, words, key=lambda word:
                                       reader.doc_frequency(q.fieldname, word))
            if not words:
                return query.NullQuery
            # As plain words, so that the ranking by postings (_rank_by_terms) takes them.
            field_ = searching.schema[q.fieldname]
            terms = [query.Term(q.fieldname, field_.from_bytes(word), boost=q.boost)
                     for word in sorted(words)]
            return terms[0] if len(terms) == 1 else query.Or(terms)
        if isinstance(q, query.CompoundQuery):
            q = copy.copy(q)
            q.subqueries = [cap(sub) for sub in q.subqueries]
        elif q.children():
            q = q.apply(cap)
        return q

    return Parsed(_skipping(cap(parsed.query).normalize()), parsed.all_words)


# A pattern expands to every word of the index it matches, and each of their postings is
# read: "*" or "a*" read the whole index (20 s at 10,000 documents, where a word takes
# 35 ms). A pattern needs this many letters before its first wildcard.
PATTERN_PREFIX = 3


def _bounded_pattern(q, ix_schema):
    """"librar*" as typed; "*", "a*", "?ook" and ranges of words ("[a TO z]") by the
    letters they start with, as a word, since they would read the whole index."""
    if q.fieldname not in ix_schema:
        return query.NullQuery
    if isinstance(q, query.TermRange):
        return q if isinstance(ix_schema[q.fieldname], DATETIME) else query.NullQuery
    text = q.text
    literal = re.split(r"[*?]", text, maxsplit=1)[0] if isinstance(q, query.Wildcard) \
        else text
    if len(literal) >= PATTERN_PREFIX:
        return q
    return _answerable(query.Term(q.fieldname, literal, boost=q.boost), ix_schema) \
        if literal else query.NullQuery


def _has_positions(field_) -> bool:
    return bool(field_.format) and field_.format.supports("positions")


def _plain(text: str, ix_schema, all_words_up_to: int = 0) -> Parsed:
    """The query's words alone, without any operator or syntax."""
    words = [word for word in SYNTAX_RE.sub(" ", text).split()
             if word not in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO")]
    if not words:
        return Parsed(query.NullQuery)
    all_words = 1 < len(words) <= all_words_up_to  # roughly: stop words still count
    parsed = _parse(" ".join(words), ix_schema,
                    qparser.AndGroup if all_words else qparser.OrGroup)
    return Parsed(parsed, all_words=all_words and _wanted_clauses(parsed) > 1)


def _skipping(q):
    """Match any-word queries with Whoosh's tree of union matchers, always.

    For segments of up to 5,000 documents Whoosh otherwise loads every match of every
    word into arrays, which cannot skip blocks of postings that cannot reach the top
    ten: it scored all ~3,300 matches of a two-word query where the tree scores ~500,
    for the same top ten. (Queries of terms alone are ranked by _rank_by_terms; this
    is for those Whoosh still ranks: phrases, ranges.)
    """
    if isinstance(q, query.Or):
        q.matcher_type = query.Or.DEFAULT_MATCHER
    for child in q.children():
        _skipping(child)
    return q


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


@dataclass
class Parsed:
    """A query's text made into a Whoosh query, and whether it needs all its words."""

    query: query.Query
    all_words: bool = False


@dataclass
class Ranked:
    """A query's top documents, and every document it matches, as bit sets."""

    parsed: query.Query
    results: object           # whoosh.searching.Results, the top `limit` documents
    matched: Matches
    any_word: bool = False    # no document had all the words: these have any of them


def rank(searching: Searcher, text: str, *, filters=None, newest: bool = False,
         limit: int = PER_PAGE, all_words_up_to: int = ALL_WORDS_UP_TO) -> Ranked:
    """The one path from a query's text to its ranked documents; `search` and the
    relevance benchmark both go through it."""
    ix_schema = searching.schema
    parsed = _capped(parse(text, ix_schema, all_words_up_to), searching) if text \
        else Parsed(query.Every())
    matched = Matches.of(searching, parsed.query, filters)
    if text and not matched.total and SYNTAX_WORDS_RE.search(text):
        # "makerspace AND OR" parses, but finds nothing: try the plain words.
        parsed = _plain(_tidy(text), ix_schema, all_words_up_to)
        matched = Matches.of(searching, parsed.query, filters)
    relaxed = False
    if parsed.all_words and not matched.total:
        parsed = _capped(any_word(text, ix_schema), searching)
        matched = Matches.of(searching, parsed.query, filters)
        relaxed = True
    if not matched.total:
        found = WhooshResults(searching, parsed.query, [])
    elif newest:
        found = _newest_first(searching, parsed.query, matched, limit)
    else:
        found = _ranked(searching, parsed.query, matched, limit)
    return Ranked(parsed.query, found, matched, any_word=relaxed and matched.total > 0)


def _ranked(searching: Searcher, parsed, matched: Matches, limit: int) -> WhooshResults:
    terms = _scored_terms(parsed)
    if terms is not None and type(searching.weighting) is scoring.BM25F:
        try:
            return _rank_by_terms(searching, parsed, terms, matched, limit)
        except _NotByTerms:
            pass
    return searching.search(parsed, limit=limit, filter=matched.allowed())


def ranked_keys(text: str, limit: int = 1000, all_words_up_to: int = ALL_WORDS_UP_TO,
                ) -> list[str]:
    """The keys of the documents a query finds, best first (for relevance testing)."""
    return [hit["key"] for hit in
            rank(searcher(), text, limit=limit, all_words_up_to=all_words_up_to).results]


def search(text: str, *, type_: str | None = None, tag: str | None = None,
           sector: str | None = None, solved: str | None = None, sort: str = "relevance",
           page: int = 1, per_page: int = PER_PAGE) -> Results:
    text = (text or "").strip()[:500]
    results = Results(query=text, page=max(1, page))
    searching = searcher()
    filters = _filters(type_, tag, sector, solved)
    ranked = rank(searching, text, filters=filters, newest=sort == "newest" or not text,
                  limit=results.page * per_page)
    results.total = ranked.matched.total
    results.any_word = ranked.any_word
    results.pages = (results.total + per_page - 1) // per_page
    marked = _wanted_terms(ranked.parsed, searching, "body")
    for hit in ranked.results[(results.page - 1) * per_page:results.page * per_page]:
        results.hits.append(_hit(hit, marked))
    results.facets = ranked.matched.facets()
    if text and (results.total < 5 or results.any_word):
        results.suggestion = did_you_mean(searching, text)
    return results


def search_or_correct(text: str, **options) -> Results:
    """search(); when nothing at all matches and "did you mean" has a suggestion that
    does match, the suggestion's results instead, saying what was typed
    (`corrected_from`), as a catalogue or a web search engine does."""
    results = search(text, **options)
    if results.total or not results.suggestion or results.error:
        return results
    corrected = search(results.suggestion, **options)
    if not corrected.total:
        return results
    corrected.corrected_from = results.query
    corrected.suggestion = None
    return corrected


def _hit(hit, marked: frozenset[str]) -> Hit:
    body = hit.get("body") or ""
    snippet = _snippet(hit, body[:EXCERPT_CHARS], marked) if body else ""
    if not snippet:
        snippet = str(escape(body[:240])) + ("…" if len(body) > 240 else "")
    solved = bool(hit.get("solved"))
    kind = hit["type"]
    return Hit(key=hit["key"], type="solution" if kind == "question" and solved else kind,
               title=hit["title"], url=hit["url"], snippet=Markup(snippet),  # noqa: S704 - Whoosh's HtmlFormatter escapes the text
               author=hit.get("author_name") or "", updated=hit.get("updated"), solved=solved,
               tags=[tag for tag in (hit.get("tags") or "").split(",") if tag])


def _wanted_terms(q, searching: Searcher, fieldname: str) -> frozenset[str]:
    """The words in `fieldname` that the query looks for (not those it excludes), with
    wildcards and prefixes expanded to the words in the index."""
    if isinstance(q, query.AndNot):
        return _wanted_terms(q.a, searching, fieldname)
    if isinstance(q, query.Not):
        return frozenset()
    if isinstance(q, query.CompoundQuery):
        return frozenset().union(*(_wanted_terms(sub, searching, fieldname)
                                   for sub in q.subqueries))
    if type(q) is query.Term:  # a word as typed: no need to ask the index
        return frozenset((q.text,)) if q.fieldname == fieldname else frozenset()
    from_bytes = searching.schema[fieldname].from_bytes
    words = sorted(from_bytes(text) for name, text in
                   q.existing_terms(searching.reader(), expand=True) if name == fieldname)
    return frozenset(words[:MARKED_WORDS])  # "a*" may expand to thousands


class _Passages(highlight.PinpointFragmenter):
    """Whoosh's PinpointFragmenter, trimming a passage to whole words only where it
    cuts one: Whoosh drops the first and last words always, even the text's own first
    and last ("Weeding is short." gave "Weeding is")."""

    @staticmethod
    def _autotrim(fragment) -> None:
        text, start, end = fragment.text, fragment.startchar, fragment.endchar
        if start > 0 and not text[start - 1].isspace():
            space = text.find(" ", start, end)
            if space > -1:
                start = space + 1
        if end < len(text) and not text[end].isspace():
            space = text.rfind(" ", start, end)
            if space > -1:
                end = space
        if fragment.matches:
            start = min(start, fragment.matches[0].startchar)
            end = max(end, fragment.matches[-1].endchar)
        fragment.startchar, fragment.endchar = start, end


def _snippet(hit, text: str, terms: frozenset[str]) -> str:
    """The best two passages of `text` around the words the hit matched, marked.

    Whoosh's highlighter would analyse the whole excerpt, every word through the
    stemmer, for every hit. Instead a plain text search finds the few words that
    could stem to a matched term (they begin with most of it), the analyser checks
    just those, and Whoosh's own fragmenter, scorer and formatter do the rest.
    """
    if not terms:
        return ""
    analyzer = hit.searcher.schema["body"].analyzer
    checked: dict[str, bool] = {}
    tokens = []
    for start, end in _candidate_spans(text, terms):
        word = text[start:end]
        found = checked.get(word)
        if found is None:
            found = checked[word] = any(token.text in terms for token in analyzer(word))
        if found:
            tokens.append(Token(text=word, startchar=start, endchar=end, matched=True))
    if not tokens:
        return ""
    fragmenter = _Passages(maxchars=240, surround=60, autotrim=True)
    fragments = highlight.top_fragments(fragmenter.fragment_matches(text, tokens), 2,
                                        highlight.BasicFragmentScorer(), highlight.FIRST)
    marked = highlight.HtmlFormatter(tagname="mark", between=" … ").format(fragments)
    # Say where the passages leave text out, before and after, as between them.
    if fragments and fragments[0].startchar > 0:
        marked = "… " + marked
    if fragments and fragments[-1].endchar < len(text.rstrip()):
        marked += " …"
    return marked


WORD_AT_RE = re.compile(r"\w+(?:\.?\w+)*")  # a token, as the analyser's tokenizer sees it


def _candidate_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each word that may stem to one of `terms`, in text order."""
    if not text.isascii():
        return [match.span() for match in _candidates(terms, False).finditer(text)]
    lowered = text.lower()  # ASCII: the same length, so the same offsets
    spans = []
    for prefix in {term[:max(3, len(term) - 2)] for term in terms}:
        at = lowered.find(prefix)
        while at >= 0:
            if at == 0 or not (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
                match = WORD_AT_RE.match(text, at)
                if match:
                    spans.append(match.span())
                at = match.end() if match else at + 1
            else:
                at += 1
            at = lowered.find(prefix, at)
    return sorted(set(spans))


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str], ascii_text: bool) -> re.Pattern:
    """Words that may stem to one of `terms`: a stem is its word less a changed ending
    ("librari" from "library"). In a text with accents, every word holding a letter
    beyond ASCII is checked as well ("cafe" finds "café")."""
    prefixes = "|".join(sorted({re.escape(term[:max(3, len(term) - 2)]) for term in terms},
                               key=len, reverse=True))
    accented = "" if ascii_text else r"|\w*[^\x00-\x7f]\w*"
    return re.compile(rf"(?<!\w)(?:(?:{prefixes})\w*{accented})(?:\.?\w+)*", re.IGNORECASE)


# ---------------------------------------------------------------- counting with bit sets
#
# The number of results and the facet counts are exact for the whole result set, yet
# cost neither scoring every match nor reading a field per matching document. In each
# segment, the documents a query matches become one bit set (an int: bit i is document
# i); each facet value's documents are another, built once per segment and kept (a
# segment never changes, apart from deletions, which the query's bit set already
# excludes). A count is then `(matched & value).bit_count()`.

_VALUE_BITS: OrderedDict[tuple[str, str], dict[str, int]] = OrderedDict()
_VALUE_BITS_LOCK = Lock()
_VALUE_BITS_SEGMENTS = 64


def _segment_key(reader) -> str | None:
    segment = reader.segment()
    return segment.segment_id() if segment is not None else None


def _value_bits(leaf: Searcher, fieldname: str) -> dict[str, int]:
    """{value: bit set of the segment's documents with it} for one facet field."""
    reader = leaf.reader()
    key = (_segment_key(reader), fieldname)
    with _VALUE_BITS_LOCK:
        cached = _VALUE_BITS.get(key) if key[0] else None
        if cached is not None:
            _VALUE_BITS.move_to_end(key)
            return cached
    size = reader.doc_count_all()
    values = {}
    if fieldname in reader.schema and reader.schema[fieldname].indexed:
        from_bytes = reader.schema[fieldname].from_bytes
        for btext in reader.lexicon(fieldname):
            values[from_bytes(btext)] = _to_bits(reader.postings(fieldname, btext).all_ids(),
                                                 size)
    if key[0]:
        with _VALUE_BITS_LOCK:
            _VALUE_BITS[key] = values
            while len(_VALUE_BITS) > _VALUE_BITS_SEGMENTS * len(FACETS):
                _VALUE_BITS.popitem(last=False)
    return values


_POSTINGS: OrderedDict[tuple, _Postings] = OrderedDict()
_POSTINGS_KEPT = 400_000  # postings kept decoded, in all (~70 bytes each)
_postings_held = 0


@dataclass
class _Postings:
    """A term's postings in one segment, deleted documents included. Whoosh's weight
    for a document is its value times `scale`. For a common word, `counts` holds its
    count in every document instead (0 where absent: a byte per document), and the
    lists are empty."""

    docnums: list[int]
    values: list
    scale: float = 1.0
    counts: bytes | None = None

    def __bool__(self) -> bool:
        return bool(self.docnums) or bool(self.counts)

    @property
    def held(self) -> int:
        """Roughly how many postings' worth of memory this takes."""
        return len(self.docnums) if self.counts is None else len(self.counts) // 16

    def bits(self, size: int) -> int:
        if self.counts is None:
            return _to_bits(self.docnums, size)
        return int(self.counts.translate(_NONZERO_DIGITS)[::-1], 2) if self.counts else 0

    def matching(self, flags: bytes, matching: int, candidates) -> Iterable[tuple[int, float]]:
        """(document number, value) of the documents flagged in `flags` (`matching`
        of them; `candidates()` lists them)."""
        counts = self.counts
        if counts is not None:  # a step per matching document, none per posting
            end = len(counts)
            found = []
            for docnum in candidates():
                if docnum >= end:
                    break
                if counts[docnum]:
                    found.append((docnum, counts[docnum]))
            return found
        docnums, values = self.docnums, self.values
        if matching * 3 < len(docnums):
            # Few matching documents (all words): look each one up in the postings.
            found = []
            at, end = 0, len(docnums)
            for docnum in candidates():
                at = bisect_left(docnums, docnum, at)
                if at == end:
                    break
                if docnums[at] == docnum:
                    found.append((docnum, values[at]))
            return found
        # Many: walk the postings, keeping the matching documents.
        return compress(zip(docnums, values, strict=True), map(flags.__getitem__, docnums))


_NONZERO_DIGITS = bytes.maketrans(bytes(range(256)), b"0" + b"1" * 255)


def _postings(leaf: Searcher, fieldname: str, text) -> _Postings:
    """A term's postings in the segment, kept for the next query that needs them (the
    bit sets and the ranking both do). A long list comes from the segment's compact
    copy; a short one (or one in an index written before the copies) from Whoosh's
    blocks, a block at a time: Whoosh's own reading makes three calls per posting.
    """
    global _postings_held
    reader = leaf.reader()
    segment = _segment_key(reader)
    key = (segment, fieldname, text)
    if segment:
        with _VALUE_BITS_LOCK:
            cached = _POSTINGS.get(key)
            if cached is not None:
                _POSTINGS.move_to_end(key)
                return cached
    # The segment's compact copy of a long list (search/storage.py), or Whoosh's blocks.
    dense = storage.dense_postings(reader, fieldname, leaf.schema[fieldname].to_bytes(text))
    if dense is not None:
        found = _Postings(*dense)
    else:
        try:
            found = _Postings(*_read_blocks(reader.postings(fieldname, text)))
        except TermNotFound:
            return _Postings([], [])
    if segment and found.held < _POSTINGS_KEPT // 4:
        with _VALUE_BITS_LOCK:
            if key not in _POSTINGS:
                _POSTINGS[key] = found
                _postings_held += found.held
            while _postings_held > _POSTINGS_KEPT:
                _key, dropped = _POSTINGS.popitem(last=False)
                _postings_held -= dropped.held
    return found


def _read_blocks(matcher) -> tuple[list[int], list[float]]:
    # Lists, not arrays: reading an array makes a new int for every document number.
    docnums: list[int] = []
    weights: list[float] = []
    if isinstance(matcher, FilterMatcher):  # deleted documents are left out later,
        matcher = matcher.child               # but the filter has moved past some
        matcher.reset()
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            gaps, weight = matcher._data[0], matcher._data[1]
            docnums += gaps if matcher._byteids else accumulate(gaps)
            if weight is None or isinstance(weight, float):
                weights += repeat(1.0 if weight is None else weight, matcher._blocklength)
            else:
                weights += weight
            matcher._next_block()
    else:
        while matcher.is_active():
            docnums.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return docnums, weights


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _to_bits(docnums, size: int) -> int:
    if not isinstance(docnums, Sized) or len(docnums) * 16 < size:
        bits = bytearray((size + 7) // 8)
        for docnum in docnums:
            bits[docnum >> 3] |= 1 << (docnum & 7)
        return int.from_bytes(bits, "little")
    # Many: a byte per document is set faster than a bit, and int() reads the bytes
    # as binary digits at C speed (the highest document first).
    flags = bytearray(size)
    for docnum in docnums:
        flags[docnum] = 1
    return int(flags.translate(_DIGITS)[::-1], 2) if size else 0


def _query_bits(leaf: Searcher, q) -> int:
    """The segment's documents that match `q` (deleted documents never do)."""
    return _bits(leaf, q) & _live(leaf)


def _bits(leaf: Searcher, q) -> int:
    """Documents matching `q`; deleted ones may be among them where cheaper."""
    if isinstance(q, query.Term):
        return _term_bits(leaf, q.fieldname, q.text)
    if type(q) is query.Every and q.fieldname in (None, "", "*"):
        return _live(leaf)
    if isinstance(q, query.And) and q.subqueries:
        bits = -1
        for sub in q.subqueries:
            bits &= _bits(leaf, sub)
        return bits
    if isinstance(q, query.Or):
        bits = 0
        for sub in q.subqueries:
            bits |= _bits(leaf, sub)
        return bits
    if isinstance(q, query.AndNot):
        return _bits(leaf, q.a) & ~_bits(leaf, q.b)
    if isinstance(q, query.Not):
        return _live(leaf) & ~_bits(leaf, q.query)
    if isinstance(q, query.AndMaybe):
        return _bits(leaf, q.a)
    # Phrases, wildcards, ranges...: ask Whoosh's matcher.
    return _to_bits(q.matcher(leaf, leaf.boolean_context()).all_ids(), leaf.doc_count_all())


_TERM_BITS: OrderedDict[tuple, int] = OrderedDict()
_TERM_BITS_KEPT = 4096


def _term_bits(leaf: Searcher, fieldname: str, text) -> int:
    """The segment's postings of one term (deleted documents included), kept per
    segment: popular query words are read once, not once per query."""
    reader = leaf.reader()
    if fieldname in FACETS:
        return _value_bits(leaf, fieldname).get(text, 0)
    segment = _segment_key(reader)
    key = (segment, fieldname, text)
    if segment:
        with _VALUE_BITS_LOCK:
            cached = _TERM_BITS.get(key)
            if cached is not None:
                _TERM_BITS.move_to_end(key)
                return cached
    bits = _postings(leaf, fieldname, text).bits(reader.doc_count_all())
    if segment:
        with _VALUE_BITS_LOCK:
            _TERM_BITS[key] = bits
            while len(_TERM_BITS) > _TERM_BITS_KEPT:
                _TERM_BITS.popitem(last=False)
    return bits


def _live(leaf: Searcher) -> int:
    """Every document of the segment that is not deleted."""
    reader = leaf.reader()
    size = reader.doc_count_all()
    if not reader.has_deletions():
        return (1 << size) - 1
    deleted = reader.deleted_docs_set
    key = (_segment_key(reader), "deleted", len(deleted))
    with _VALUE_BITS_LOCK:
        cached = _TERM_BITS.get(key) if key[0] else None
    if cached is None:
        cached = ((1 << size) - 1) & ~_to_bits(deleted, size)
        if key[0]:
            with _VALUE_BITS_LOCK:
                _TERM_BITS[key] = cached
    return cached


# ---------------------------------------------------------------- ranking by terms
#
# A query made of terms alone (any word, all words, a word in several fields, NOT)
# is ranked here rather than by Whoosh's matcher tree. Its matching documents are
# already known exactly, as bit sets (Matches); a document's BM25F score is the sum
# of its terms' scores in each field. So each term's postings are read once, block by
# block, and only the matching documents are scored. Whoosh's tree instead moves a
# cursor per field per word from document to document, and cannot skip much for all
# words: a word's bound is the sum of its title and body bounds, which nearly every
# document could reach. The scores are Whoosh's own: the same BM25F, idf, average
# lengths and stored field lengths (tests/search compare the two).

def _scored_terms(q) -> list[query.Term] | None:
    """The terms whose scores add up to a document's score, or None when the query
    holds anything else (a phrase, a wildcard, a range, a boost)."""
    if type(q) is query.Term:
        return [q] if q.boost == 1 else None
    if type(q) is query.AndNot:
        return _scored_terms(q.a)
    if type(q) in (query.And, query.Or) and q.boost == 1 and q.subqueries:
        terms = []
        for sub in q.subqueries:
            found = _scored_terms(sub)
            if found is None:
                return None
            terms += found
        return terms
    return None


def _field_lengths(leaf: Searcher, fieldname: str) -> bytes:
    """The segment's stored length of `fieldname` per document, one byte each."""
    reader = leaf.reader()
    key = (_segment_key(reader), "lengths", fieldname)
    with _VALUE_BITS_LOCK:
        cached = _TERM_BITS.get(key) if key[0] else None
    if cached is None:
        lengths = storage.field_lengths(reader._perdoc, fieldname) or b""
        cached = lengths.ljust(reader.doc_count_all(), b"\0")
        if key[0]:
            with _VALUE_BITS_LOCK:
                _TERM_BITS[key] = cached
    return cached


def _rank_by_terms(searching: Searcher, parsed, terms: list[query.Term], matched: Matches,
                   limit: int) -> WhooshResults:
    """The `limit` best matching documents by BM25F, as Whoosh would rank them."""
    weighting = searching.weighting
    K1, B = weighting.K1, weighting.B  # noqa: N806 - BM25's names
    scorers = []
    for term in terms:
        field_ = searching.schema[term.fieldname]
        if not field_.scorable:
            raise _NotByTerms
        avgfl = searching.avg_field_length(term.fieldname) or 1
        idf = searching.idf(term.fieldname, term.text)
        b = weighting._field_B.get(term.fieldname, B)
        scorers.append((term, idf, b, avgfl))
    best: list[tuple[float, int]] = []
    for leaf, offset, bits in matched.leaves:
        if not bits:
            continue
        size = leaf.doc_count_all()
        flags = _flags(bits, size)
        matching = bits.bit_count()
        scores: dict[int, float] = {}
        get = scores.get

        @lru_cache(maxsize=1)
        def candidates(flags=flags) -> list[int]:
            return _members(flags)

        for term, idf, b, avgfl in scorers:
            postings = _postings(leaf, term.fieldname, term.text)
            if not postings:
                continue
            lengths = _field_lengths(leaf, term.fieldname)
            found = postings.matching(flags, matching, candidates)
            scale = postings.scale
            k1_plus_1, one_minus_b = K1 + 1, 1 - b
            byte_lengths = storage.BYTE_LENGTHS
            for docnum, weight in found:
                tf = weight * scale  # Whoosh's weight: the word's count times the boost
                # whoosh.scoring.bm25, as written there (the same rounding)
                fl = byte_lengths[lengths[docnum]]
                scores[docnum] = get(docnum, 0.0) + idf * (
                    (tf * k1_plus_1) / (tf + K1 * (one_minus_b + b * fl / avgfl)))
        top = heapq.nlargest(limit, zip(scores.values(), map(neg, scores), strict=True))
        best.extend((score, negated - offset) for score, negated in top)
    best = heapq.nlargest(limit, best)
    return WhooshResults(searching, parsed, [(score, -negated) for score, negated in best])


_ONE_RE = re.compile(b"\x01")
_FLAGS = bytes.maketrans(b"01", b"\x00\x01")


def _flags(bits: int, size: int) -> bytes:
    """A bit set as a byte per document (1 where set): `flags[docnum]` is one step."""
    if not bits:
        return bytes(size)
    return bin(bits)[:1:-1].encode().translate(_FLAGS).ljust(size, b"\0")


def _members(flags: bytes) -> list[int]:
    """The document numbers whose flag is set, in order."""
    return [match.start() for match in _ONE_RE.finditer(flags)]


class _NotByTerms(Exception):
    """The query cannot be ranked by its terms here: Whoosh ranks it."""


def _newest_first(searching: Searcher, parsed, matched: Matches, limit: int) -> WhooshResults:
    """The `limit` most recently updated matching documents, newest first.

    Sorting by a column makes Whoosh read the column for every matching document (all
    of them, for the empty query that opens /search). Each segment's documents are
    ordered by date once and kept; a page then takes the first matching ones.
    """
    newest = []
    for leaf, offset, bits in matched.leaves:
        if not bits:
            continue
        member = bits.to_bytes((leaf.doc_count_all() + 7) // 8 or 1, "little")
        order, dates = _by_date(leaf)
        taken = 0
        for docnum in order:
            if member[docnum >> 3] >> (docnum & 7) & 1:
                newest.append((dates[docnum], -(offset + docnum)))
                taken += 1
                if taken == limit:
                    break
    newest.sort(reverse=True)
    return WhooshResults(searching, parsed, [(date, -negated) for date, negated in
                                             newest[:limit]])


def _by_date(leaf: Searcher) -> tuple[list[int], list]:
    """The segment's document numbers, most recently updated first, and their dates."""
    reader = leaf.reader()
    key = (_segment_key(reader), "by date")
    with _VALUE_BITS_LOCK:
        cached = _TERM_BITS.get(key) if key[0] else None
    if cached is None:
        if reader.has_column("updated"):
            dates = list(reader.column_reader("updated", translate=False))
        else:
            dates = [0] * reader.doc_count_all()
        order = sorted(range(len(dates)), key=lambda docnum: (-dates[docnum], docnum))
        cached = (order, dates)
        if key[0]:
            with _VALUE_BITS_LOCK:
                _TERM_BITS[key] = cached
    return cached


class _Allowed(DocIdSet):
    """Membership in a bit set, for Whoosh's `filter=`: `docnum in allowed`."""

    def __init__(self, data: bytes, count: int):
        self.data, self.count = data, count

    def __contains__(self, docnum: int) -> bool:
        return docnum >> 3 < len(self.data) and bool(self.data[docnum >> 3] >> (docnum & 7) & 1)

    def __bool__(self) -> bool:
        return True  # an empty set still filters (everything out)

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        return (docnum for docnum in range(len(self.data) * 8) if docnum in self)


@dataclass
class Matches:
    """Per segment: (segment searcher, document offset, bit set of matching documents)."""

    leaves: list[tuple[Searcher, int, int]]
    filtered: bool

    @classmethod
    def of(cls, searching: Searcher, parsed, filters) -> Matches:
        leaves = []
        for leaf, offset in searching.leaf_searchers():
            bits = _query_bits(leaf, parsed) if not _has_error(parsed) else 0
            if filters is not None and bits:
                bits &= _query_bits(leaf, filters)
            leaves.append((leaf, offset, bits))
        return cls(leaves, filters is not None)

    @property
    def total(self) -> int:
        return sum(bits.bit_count() for _leaf, _offset, bits in self.leaves)

    def allowed(self) -> _Allowed | None:
        """The filter for ranking: only when a filter narrows the documents."""
        if not self.filtered:
            return None
        every = 0
        size = 0
        for leaf, offset, bits in self.leaves:
            every |= bits << offset
            size = max(size, offset + leaf.doc_count_all())
        return _Allowed(every.to_bytes((size + 7) // 8 or 1, "little"), self.total)

    def facets(self) -> dict[str, list[tuple[str, int]]]:
        """Exact counts of each facet value over every matching document."""
        counted = {}
        for name in FACETS:
            counts: dict[str, int] = {}
            for leaf, _offset, bits in self.leaves:
                if not bits:
                    continue
                for value, value_bits in _value_bits(leaf, name).items():
                    count = (bits & value_bits).bit_count()
                    if count and value:
                        counts[value] = counts.get(value, 0) + count
            counted[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return counted


def facets(searching: Searcher, parsed, filters) -> dict[str, list[tuple[str, int]]]:
    return Matches.of(searching, parsed, filters).facets()


MAX_SPELLING_DISTANCE = 2  # edits between a word as typed and its suggestion
NEAREST_TRIED = 5  # body stems near a misspelt word's stem, most common first


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
    return (not terms or reader.doc_frequency("tags", word) > 0
            or any(reader.doc_frequency(field, term) for term in terms
                   for field in ("title", "body")))


def _nearest(searching: Searcher, word: str) -> str | None:
    """The known word nearest in spelling: one edit away before two; among those, a
    title's word, then a tag, then a word of the bodies.

    Titles keep their words unstemmed for this (see schema.make_schema); tags are
    whole words already. The bodies are not indexed a second time: their stems are
    searched, and a body holding the nearest stem says how the word is written. That
    costs a few milliseconds, and only for a word the index does not know.
    """
    titles = searching.corrector("title")
    tags = searching.corrector("tags")
    for distance in (1, 2):
        found = titles.suggest(word, limit=1, maxdist=distance, prefix=1)
        found = found or [tag for tag in tags.suggest(word, limit=5, maxdist=distance,
                                                      prefix=1) if WORD_RE.fullmatch(tag)]
        found = found or _nearest_in_bodies(searching, word, distance)
        if found:
            return found[0]
    return None


def _nearest_in_bodies(searching: Searcher, word: str, distance: int) -> list[str]:
    reader = searching.reader()
    stems = [token.text for token in searching.schema["body"].analyzer(word)]
    if len(stems) != 1:
        return []
    # The first two letters are taken as typed: it keeps the walk of the lexicon short.
    near = [stem for stem in reader.terms_within("body", stems[0], distance, prefix=2)
            if stem != stems[0]]
    near.sort(key=lambda stem: (reader.doc_frequency("body", stem), stem), reverse=True)
    for stem in near[:NEAREST_TRIED]:
        # Stems close together can be written far apart ("weed", "week": "weeding"
        # is not a misspelling of "week"): the word as written must be near too.
        written = _written(searching, stem)
        if written and levenshtein(word, written, limit=MAX_SPELLING_DISTANCE + 1) \
                <= MAX_SPELLING_DISTANCE:
            return [written]
    return []


def _written(searching: Searcher, stem: str) -> str | None:
    """How the first body that holds `stem` most often writes it ("checksums" for
    "checksum")."""
    try:
        postings = searching.reader().postings("body", stem)
    except TermNotFound:
        return None
    if not postings.is_active():
        return None
    body = searching.stored_fields(postings.id()).get("body") or ""
    analyzer = searching.schema["body"].analyzer
    forms: dict[str, int] = {}
    start = re.escape(stem[:max(3, len(stem) - 2)])
    for match in re.finditer(rf"(?<!\w){start}\w*", body[:EXCERPT_CHARS], re.IGNORECASE):
        form = match.group().lower()
        if any(token.text == stem for token in analyzer(form)):
            forms[form] = forms.get(form, 0) + 1
    return max(forms, key=lambda form: (forms[form], form)) if forms else None


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
    parsed = _plain(text, searching.schema).query
    found = searching.search(parsed, limit=limit, filter=query.Term("type", "question"))
    return [{"title": hit["title"], "url": hit["url"], "type": "question",
             "solved": bool(hit.get("solved"))} for hit in found]
