"""How a segment's postings are gathered and written: the same index files as Whoosh
writes, in about half the time of a rebuild. search.whoosh_speedups installs this with the
changes of search.storage, before any index is written.

Whoosh's SegmentWriter puts every posting of a segment, one tuple each, into a pool
that sorts them all at the end (and, past `limitmb`, sorts them in runs on disk and
merges the runs a posting at a time); then its field writer takes the sorted postings
one by one: six Python calls and a length look-up a posting, 370 postings a document.
Here:

- The pool keeps the postings grouped by term as they arrive. A segment's documents
  are added in order, so each term's postings are already in order: only the terms
  are sorted. Past `limitmb`, the groups go to a run on disk in term order, and the
  runs are merged term by term.
- A term's postings are written a block (128 postings) at a time, through the same
  W3PostingsWriter, with the block's statistics taken over the block at once.

The files are the same as Whoosh's own, byte for byte in their postings and term
table (tests/search/test_writing.py compares the two). A pool of any other kind, or
another codec's field writer, goes Whoosh's way.
"""

from __future__ import annotations

import contextlib
import heapq
import marshal
from array import array
from operator import lt

from whoosh import multiproc
from whoosh import writing as whoosh_writing
from whoosh.codec import whoosh3
from whoosh.util.text import utf8encode

from search import storage

WhooshPostingPool = whoosh_writing.PostingPool  # as Whoosh defines it (tests compare)
POSTING_BYTES = 72  # about what a posting costs in the pool: its number, weight, value
MAX_RUNS = 64  # runs on disk read back at once, at most


class TermPool:
    """A segment's postings, grouped by (field name, term) as they are added; Whoosh's
    PostingPool interface (add, iter_postings, fieldnames, cleanup), plus `groups()`,
    which gives each term's postings at once."""

    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        self.tempstore = tempstore
        self.segment = segment
        self.limit = max(1, limitmb * 1024 * 1024 // POSTING_BYTES)  # postings held
        self.held = 0
        self.terms: dict[tuple[str, bytes], tuple[array, array, list]] = {}
        self.fieldnames: set[str] = set()
        self.runs: list[str] = []

    # -- adding

    def add(self, item) -> None:
        """One posting, as Whoosh's pool takes it (from a merge, or a spelling word).
        Its weights are kept as given (Whoosh writes a spelling word's 1 as an int)."""
        fieldname, btext, docnum, weight, vbytes = item
        self.fieldnames.add(fieldname)
        if docnum == -1:  # Whoosh's mark for a spelling word, which it does not write
            return
        key = (fieldname, btext)
        group = self.terms.get(key)
        if group is None:
            group = self.terms[key] = (array("I"), [], [])
        docnums, weights, values = group
        docnums.append(docnum)
        weights.append(weight)
        values.append(vbytes)
        self.held += 1
        if self.held >= self.limit:
            self.save()

    def add_field(self, fieldname: str, docnum: int, items, boost: float) -> int:
        """A document's (term, frequency, weight, value) items for one field; returns
        the sum of the frequencies (the field's length)."""
        self.fieldnames.add(fieldname)
        terms = self.terms
        length = count = 0
        for btext, freq, weight, vbytes in items:
            key = (fieldname, btext)
            group = terms.get(key)
            if group is None:
                group = terms[key] = (array("I"), array("d"), [])
            group[0].append(docnum)
            group[1].append(weight * boost)
            group[2].append(vbytes)
            length += freq
            count += 1
        self.held += count
        if self.held >= self.limit:
            self.save()
        return length

    # -- runs on disk

    def save(self) -> None:
        """Write the groups held to a run on disk, in term order, and let them go."""
        if not self.terms:
            return
        self.runs.append(self._write_run((*key, *group) for key, group in self._held()))
        self.terms.clear()
        self.held = 0
        if len(self.runs) >= MAX_RUNS:
            # Merge them into one, so that reading the runs back never holds more
            # than MAX_RUNS files open (Whoosh's pool does the same).
            merged = self._write_run(self._merged([self._read_run(name)
                                                   for name in self.runs]))
            self.cleanup()
            self.runs = [merged]

    def _write_run(self, groups) -> str:
        name = f"{whoosh_writing.random_name()}.run"
        with self.tempstore.create_file(name).raw_file() as run:
            for fieldname, btext, docnums, weights, values in groups:
                if isinstance(weights, array):
                    weights = weights.tobytes()
                marshal.dump(((fieldname, btext), docnums.tobytes(), weights, values), run)
        return name

    def _read_run(self, name):
        with self.tempstore.open_file(name).raw_file() as run:
            while True:
                try:
                    # A run this pool wrote a moment ago, in the index's own temp folder.
                    key, docnum_bytes, weights, values = marshal.load(run)  # noqa: S302
                except EOFError:
                    return
                docnums = array("I")
                docnums.frombytes(docnum_bytes)
                if isinstance(weights, bytes):
                    as_bytes, weights = weights, array("d")
                    weights.frombytes(as_bytes)
                yield key, (docnums, weights, values)

    def _held(self):
        for key in sorted(self.terms):
            yield key, self.terms[key]

    # -- reading back

    def groups(self):
        """(field name, term, document numbers, weights, values) for each term, in
        term order, each term's postings in document order."""
        return self._merged([self._read_run(name) for name in self.runs] + [self._held()])

    @staticmethod
    def _merged(sources):
        merged = heapq.merge(*(((key, order, group) for key, group in source)
                               for order, source in enumerate(sources)))
        current, parts = None, []
        for key, _order, group in merged:
            if key != current:
                if parts:
                    yield _joined(current, parts)
                current, parts = key, []
            parts.append(group)
        if parts:
            yield _joined(current, parts)

    def iter_postings(self):
        for fieldname, btext, docnums, weights, values in self.groups():
            for docnum, weight, value in zip(docnums, weights, values, strict=True):
                yield fieldname, btext, docnum, weight, value

    items = iter_postings

    def reduce_to(self, *args, **kwargs):
        # Whoosh's multi-process writer merges its workers' pools only without
        # multisegment=True; search.indexer.rebuild always passes it.
        raise NotImplementedError("Use multisegment=True with procs > 1.")

    def cleanup(self) -> None:
        for name in self.runs:
            with contextlib.suppress(OSError):
                self.tempstore.delete_file(name)
        self.runs = []
        self.terms.clear()


def _copy(weights):
    return array("d", weights) if isinstance(weights, array) else list(weights)


def _joined(key, parts):
    """One term's postings from its parts (runs in the order written, then memory),
    in the order Whoosh's sort gives: by document, then weight, then value."""
    docnums, weights, values = parts[0]
    if len(parts) > 1:
        docnums, weights, values = array("I", docnums), _copy(weights), list(values)
        for more_docnums, more_weights, more_values in parts[1:]:
            docnums.extend(more_docnums)
            if isinstance(weights, array) and not isinstance(more_weights, array):
                weights = list(weights)
            weights.extend(more_weights)
            values.extend(more_values)
    if len(docnums) > 1 and not all(map(lt, docnums, docnums[1:])):
        # Out of order or repeated (a merge of segments, or the postings of a separate
        # spelling field, all at document 0): sort them as Whoosh's pool would.
        ordered = sorted(zip(docnums, weights, values, strict=True))
        docnums = array("I", (row[0] for row in ordered))
        weights = [row[1] for row in ordered]
        values = [row[2] for row in ordered]
    return key[0], key[1], docnums, weights, values


# ---------------------------------------------------------------- writing the groups

def write_groups(fieldwriter, schema, lengths, groups) -> None:
    """FieldWriter.add_postings for W3FieldWriter, a term and a block at a time."""
    current_field = None
    field_lengths = None
    for fieldname, btext, docnums, weights, values in groups:
        if fieldname != current_field:
            if current_field is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            current_field = fieldname
            field_lengths = _field_lengths(lengths, fieldname)
        fieldwriter.start_term(btext)
        postings = fieldwriter._postwriter
        limit = postings._blocklimit
        total = len(docnums)
        for start in range(0, total, limit):
            end = min(start + limit, total)
            if start:  # Whoosh writes a full block when the next posting arrives
                postings._write_block()  # and starts the next one
            _fill_block(postings, docnums[start:end], weights[start:end],
                        values[start:end], field_lengths)
        if getattr(fieldwriter, "_dense_postings", None) is not None:
            fieldwriter._dense_postings = (docnums.tolist(), list(weights))
        fieldwriter.finish_term()
    if current_field is not None:
        fieldwriter.finish_field()


def _fill_block(postings, docnums, weights, values, field_lengths) -> None:
    """Fill W3PostingsWriter's buffer as its add_posting would, posting by posting."""
    postings._ids = docnums
    postings._weights = array("f", weights)
    postings._values = [value for value in values if value]
    postings._maxweight = max(0, max(weights))
    if field_lengths is not None:
        found = bytes(field_lengths[docnum] if docnum < len(field_lengths) else 0
                      for docnum in docnums)
        largest = max(found)
        if largest:
            postings._minlength = storage.BYTE_LENGTHS[min(found.replace(b"\0", b""))]
            postings._maxlength = storage.BYTE_LENGTHS[largest]


def _field_lengths(lengths, fieldname):
    """The field's length bytes, one a document (0: none), or None when there are no
    lengths to look up (no reader, or a field without lengths)."""
    if lengths is None or lengths.doc_count_all() == 0:
        return None
    return storage.field_lengths(lengths, fieldname) or None


# ---------------------------------------------------------------- SegmentWriter

_add_document = whoosh_writing.SegmentWriter.add_document
_flush_segment = whoosh_writing.SegmentWriter._flush_segment


def add_document(self, **fields) -> None:
    """SegmentWriter.add_document of Whoosh 2.7, the same, with each field's postings
    handed to the pool together."""
    if not isinstance(self.pool, TermPool):
        _add_document(self, **fields)
        return
    self._check_state()
    perdocwriter = self.perdocwriter
    schema = self.schema
    docnum = self.docnum
    pool = self.pool

    docboost = self._doc_boost(fields)
    fieldnames = sorted([name for name in fields if not name.startswith("_")])
    self._check_fields(schema, fieldnames)

    perdocwriter.start_doc(docnum)
    vbytes = None  # as in Whoosh, the value of the last posting added, in any field
    try:
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]

            length = 0
            if field.indexed:
                fieldboost = self._field_boost(fields, fieldname, docboost)
                items = list(field.index(value))
                length = pool.add_field(fieldname, docnum, items, fieldboost)
                if not field.scorable:
                    length = 0
                if items:
                    vbytes = items[-1][3]

            if field.separate_spelling():
                spellfield = field.spelling_fieldname(fieldname)
                for word in field.spellable_words(value):
                    # As Whoosh: at document 0, with the value of the last posting.
                    pool.add((spellfield, utf8encode(word)[0], 0, 1, vbytes))

            vformat = field.vector
            if vformat:
                vitems = vformat.word_values(value, field.analyzer, mode="index")
                vitems = sorted((text, weight, vb) for text, _, weight, vb in vitems)
                perdocwriter.add_vector_items(fieldname, field, vitems)

            customval = fields.get(f"_stored_{fieldname}", value)
            stored = customval if field.stored else None
            perdocwriter.add_field(fieldname, field, stored, length)

            column = field.column_type
            if column and customval is not None:
                perdocwriter.add_column_value(fieldname, column,
                                              field.to_column_value(customval))
    except Exception:
        perdocwriter.cancel_doc()
        raise

    perdocwriter.finish_doc()
    self._added = True
    self.docnum += 1


def flush_segment(self) -> None:
    """SegmentWriter._flush_segment, writing a TermPool's groups a term at a time."""
    if not isinstance(self.pool, TermPool) or \
            not isinstance(self.fieldwriter, whoosh3.W3FieldWriter):
        _flush_segment(self)
        return
    self.perdocwriter.close()
    lengths = self.per_document_reader() if self.codec.length_stats else None
    write_groups(self.fieldwriter, self.schema, lengths, self.pool.groups())
    self.fieldwriter.close()
    if lengths:
        lengths.close()


def _mp_writer_init(self, ix, procs=None, batchsize=100, subargs=None, multisegment=False,
                    **kwargs) -> None:
    """MpWriter.__init__, refusing at once what TermPool cannot do: without
    multisegment=True, Whoosh merges its workers' pools, and a worker's error would
    only be printed, the documents lost."""
    if not multisegment:
        raise ValueError("Pass multisegment=True to index with several processes.")
    _MP_WRITER_INIT(self, ix, procs=procs, batchsize=batchsize, subargs=subargs,
                    multisegment=multisegment, **kwargs)


_MP_WRITER_INIT = multiproc.MpWriter.__init__
