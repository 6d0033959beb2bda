"""Counting with bit sets: exact totals and facet counts, and the postings read once."""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sized
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from threading import Lock

from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.idsets import DocIdSet
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from search import storage, whoosh_speedups
from search.bm25f import Word
from search.engine import FACETS
from search.parsing import _has_error

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


def _recall(kept: OrderedDict, key: tuple):
    """What `kept` holds at `key`, marked the most recently used; None if nothing (or if
    the key names no segment: only a segment's contents never change)."""
    if not key[0]:
        return None
    with _VALUE_BITS_LOCK:
        found = kept.get(key)
        if found is not None:
            kept.move_to_end(key)
        return found


def _keep(kept: OrderedDict, key: tuple, value, most: int) -> None:
    """Keep `value` at `key` (if the key names a segment), dropping the least recently
    used entries past `most`."""
    if not key[0]:
        return
    with _VALUE_BITS_LOCK:
        kept[key] = value
        while len(kept) > most:
            kept.popitem(last=False)


def _value_bits(leaf: Searcher, fieldname: str) -> dict[str, int]:
    """{value: bit set of the segment's documents with it} for one facet field."""
    reader = leaf.reader()
    key = (_segment_key(reader), fieldname)
    cached = _recall(_VALUE_BITS, key)
    if cached is not None:
        return cached
    size = reader.doc_count_all()
    values = {}
    if fieldname in reader.schema and reader.schema[fieldname].indexed:
        from_bytes = reader.schema[fieldname].from_bytes
        for btext in reader.lexicon(fieldname):
            values[from_bytes(btext)] = _to_bits(reader.postings(fieldname, btext).all_ids(),
                                                 size)
    _keep(_VALUE_BITS, key, values, _VALUE_BITS_SEGMENTS * len(FACETS))
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
    cached = _recall(_POSTINGS, key)
    if cached is not None:
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
    if isinstance(matcher, W3LeafMatcher) and whoosh_speedups.installed():
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
    if isinstance(q, (query.Or, Word)):
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
    key = (_segment_key(reader), fieldname, text)
    cached = _recall(_TERM_BITS, key)
    if cached is not None:
        return cached
    bits = _postings(leaf, fieldname, text).bits(reader.doc_count_all())
    _keep(_TERM_BITS, key, bits, _TERM_BITS_KEPT)
    return bits


def _live(leaf: Searcher) -> int:
    """Every document of the segment that is not deleted."""
    reader = leaf.reader()
    size = reader.doc_count_all()
    if not reader.has_deletions():
        return (1 << size) - 1
    deleted = reader.deleted_docs_set
    key = (_segment_key(reader), "deleted", len(deleted))
    cached = _recall(_TERM_BITS, key)
    if cached is None:
        cached = ((1 << size) - 1) & ~_to_bits(deleted, size)
        _keep(_TERM_BITS, key, cached, _TERM_BITS_KEPT)
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

