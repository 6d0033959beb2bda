"""Ranking: the one path from a query's text to its ranked documents (BM25F by
terms over bit sets, newest first, or Whoosh's own matcher tree)."""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import lru_cache
from operator import neg

from whoosh import query, scoring
from whoosh.searching import Results as WhooshResults
from whoosh.searching import Searcher

from search import bm25f, storage
from search.bitsets import _TERM_BITS, _VALUE_BITS_LOCK, Matches, _postings, _segment_key
from search.bm25f import Word
from search.engine import PER_PAGE
from search.parsing import (
    ALL_WORDS_UP_TO,
    SYNTAX_WORDS_RE,
    Parsed,
    _capped,
    _plain,
    _tidy,
    any_word,
    parse,
)


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

def _scored_terms(q) -> list[query.Term | Word] | None:
    """The terms and words whose scores add up to a document's score, or None when the
    query holds anything else (a phrase, a wildcard, a range, a boost)."""
    if type(q) is query.Term:
        return [q] if q.boost == 1 else None
    if type(q) is Word:
        return [q] if q.boost == 1 and q.terms_only() else None
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


def _rank_by_terms(searching: Searcher, parsed, terms: list[query.Term | Word],
                   matched: Matches, limit: int) -> WhooshResults:
    """The `limit` best matching documents, scored as Whoosh's matcher tree scores them:
    a Word by BM25F (search.bm25f), a lone term by Whoosh's BM25F."""
    weighting = searching.weighting
    K1, B = weighting.K1, weighting.B  # noqa: N806 - BM25's names
    scorers = []
    for term in terms:
        if type(term) is Word:
            for sub in term.subqueries:
                if not searching.schema[sub.fieldname].scorable:
                    raise _NotByTerms
            scorers.append((term, bm25f.Scorer(searching, term), None, None))
            continue
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

        def found(fieldname: str, text, flags=flags, matching=matching,
                  candidates=candidates, leaf=leaf):
            """(docnum, Whoosh's weight, field length) for each matching document."""
            postings = _postings(leaf, fieldname, text)
            if not postings:
                return
            lengths = _field_lengths(leaf, fieldname)
            scale = postings.scale
            byte_lengths = storage.BYTE_LENGTHS
            for docnum, weight in postings.matching(flags, matching, candidates):
                # Whoosh's weight: the word's count times the boost
                yield docnum, weight * scale, byte_lengths[lengths[docnum]]

        for term, idf, b, avgfl in scorers:
            if b is None:  # a Word: its fields' shares first, then saturated once
                scorer = idf
                shares: dict[int, float] = {}
                for sub in term.subqueries:
                    for docnum, tf, fl in found(sub.fieldname, sub.text):
                        shares[docnum] = shares.get(docnum, 0.0) + scorer.normalised(
                            sub.fieldname, tf, fl)
                for docnum, x in shares.items():
                    scores[docnum] = get(docnum, 0.0) + scorer.saturated(x)
                continue
            k1_plus_1, one_minus_b = K1 + 1, 1 - b
            for docnum, tf, fl in found(term.fieldname, term.text):
                # whoosh.scoring.bm25, as written there (the same rounding)
                scores[docnum] = get(docnum, 0.0) + idf * (
                    (tf * k1_plus_1) / (tf + K1 * (one_minus_b + b * fl / avgfl)))
        for docnum in _overdue(leaf) & scores.keys():
            scores[docnum] *= OVERDUE_WEIGHT
        top = heapq.nlargest(limit, zip(scores.values(), map(neg, scores), strict=True))
        best.extend((score, negated - offset) for score, negated in top)
    best = heapq.nlargest(limit, best)
    return WhooshResults(searching, parsed, [(score, -negated) for score, negated in best])


# An article six months past its check-by date (wiki.checking) ranks a little lower: its
# score is scaled by this, as the PostgreSQL engine scales it (search.postgres_query).
OVERDUE_WEIGHT = 0.85


def _overdue(leaf: Searcher) -> set[int]:
    """The documents of this segment marked overdue (few: one small posting list)."""
    if "overdue" not in leaf.schema:
        return set()
    return set(leaf.docs_for_query(query.Term("overdue", True)))


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


