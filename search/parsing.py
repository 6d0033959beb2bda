"""A query's text made into a Whoosh query: syntax when it parses, plain words when it
does not; all words for a short query, any word for a long one; patterns bounded."""

from __future__ import annotations

import copy
import heapq
import re
from dataclasses import dataclass

from whoosh import qparser, query
from whoosh.fields import DATETIME
from whoosh.qparser import syntax
from whoosh.searching import Searcher

from search import schema
from search.bm25f import Word

SEARCH_FIELDS = ["title", "body", "accepted", "tags"]
SYNTAX_RE = re.compile(r'[(){}\[\]"\'^~*?:\\/+\-!&|<>=]')
SYNTAX_WORDS_RE = re.compile(r'[(){}\[\]"^~*?:\\/+!&|<>=]|\b(AND|OR|NOT|TO)\b')
WORD_RE = re.compile(r"\w+", re.UNICODE)
# "Which titles?" asks a question: a question mark ending a word is not a wildcard.
QUESTION_MARK_RE = re.compile(r"(?<=\w)\?+(?=[\s,.;:!)]|$)")
OPERATORS_RE = re.compile(r"\b(AND|OR|NOT|ANDNOT|ANDMAYBE|TO)\b")


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
        parsed = _answerable(parsed, ix_schema).normalize()
        return _skipping(_exclusions(_words(parsed, ix_schema, _counts(text, ix_schema))))
    except Exception:  # noqa: BLE001 - a malformed query falls back to plain words
        return query.NullQuery


TEXT_FIELDS = ("title", "body", "accepted")


def _counts(text: str, ix_schema) -> dict[str, int]:
    """How often the query says each word (as the text fields index it): a long
    request that names its topic three times means it more than a word said once."""
    counts: dict[str, int] = {}
    if "body" in ix_schema:
        for token in ix_schema["body"].analyzer(text):
            counts[token.text] = counts.get(token.text, 0) + 1
    return counts


def _words(q, ix_schema, counts: dict[str, int]):
    """Each word's terms in the search fields gathered into one `Word` (scored as
    one by BM25F, search.bm25f), counted as often as the query says it."""
    if isinstance(q, query.Term) and q.fieldname in SEARCH_FIELDS:
        key = _key(q, ix_schema)
        return Word([q], count=counts.get(key, 1))
    if type(q) is query.Or:
        grouped: dict[str, list] = {}
        subqueries: list = []
        for sub in q.subqueries:
            if isinstance(sub, query.Term) and sub.fieldname in SEARCH_FIELDS:
                key = _key(sub, ix_schema)
                if key not in grouped:
                    grouped[key] = []
                    subqueries.append(key)
                grouped[key].append(sub)
            else:
                subqueries.append(_words(sub, ix_schema, counts))
        subqueries = [Word(grouped[sub], count=counts.get(sub, 1)) if isinstance(sub, str)
                      else sub for sub in subqueries]
        if len(subqueries) == 1 and q.boost == 1:
            return subqueries[0]
        return query.Or(subqueries, boost=q.boost)
    if isinstance(q, (query.BinaryQuery, query.Not)):
        return q.apply(lambda sub: _words(sub, ix_schema, counts))
    if isinstance(q, query.CompoundQuery) and not isinstance(q, Word):
        q = copy.copy(q)
        q.subqueries = [_words(sub, ix_schema, counts) for sub in q.subqueries]
    return q


def _key(term: query.Term, ix_schema) -> str:
    """The word a term stands for, as the text fields index it: a tag is a word as
    written ("problems"), the text fields hold its stem ("problem")."""
    if term.fieldname in TEXT_FIELDS or "body" not in ix_schema:
        return term.text
    stems = [token.text for token in ix_schema["body"].analyzer(str(term.text))]
    return stems[0] if len(stems) == 1 else str(term.text)


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
             solved: str | None, within: frozenset[str] | None = None,
             not_sectors: frozenset[str] | None = None):
    terms = []
    if not_sectors:  # from other sectors than these: of another named sector, none of these
        from search.engine import NAMED_SECTORS

        terms.append(query.Or([query.Term("sectors", name) for name in NAMED_SECTORS
                               if name not in not_sectors] or [query.NullQuery]))
        terms.append(query.Not(query.Or([query.Term("sectors", name)
                                         for name in sorted(not_sectors)])))
    if within is not None:  # these documents only (none at all when it is empty)
        terms.append(query.Or([query.Term("key", key) for key in sorted(within)]))
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

