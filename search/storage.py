"""Changes to how Whoosh writes and reads the index files, which make a query several
times cheaper. search.whoosh_speedups installs them (create_app does, unless
SEARCH_WHOOSH_SPEEDUPS is off), before any index is opened or written.

- Each segment gets a second copy of its longer posting lists (title, body, accepted
  answer and tags words in 128 documents or more): document numbers and weights
  only, compressed as arrays (".dps", in the segment's compound file); for a word in
  a quarter of the documents or more, its count in each document, a byte apiece. Whoosh's
  blocks hold every document's positions too, pickled; reading them costs ~350 ns a
  posting in Python, most of the time of a query. The copy reads in ~30 ns a
  posting. It is written by the same writer from the same postings (new segments,
  merges, rebuilds), so it always says what the blocks say; a segment without it
  (an index written before) is read from the blocks.
- Posting blocks are pickled with protocol 5 (Whoosh uses 2). In protocol 2 each
  document's positions, a bytes string, becomes a call to codecs.encode; reading a
  block of `body` postings took ~0.6 ms, most of the time of a query. Protocol 5
  keeps bytes as bytes and reads five times faster. Pickle knows its protocol, so
  indexes written before still read; a rebuild makes them fast.
- The stored fields of a segment are found through an array of offsets that Whoosh
  adds up from the documents' lengths, one Python step per document, every time a
  searcher opens the segment (every request): ~10 ms for 100,000 documents. The
  offsets are kept, found again by the lengths they come from.
- Opening a segment's term dictionary read its directory of 256 hash tables with
  256 reads of 8 bytes, most of the cost of opening a searcher; here, one read.
- A document's field length was read from the file at each call: once per posting
  when a segment is written (a tenth of the time of a rebuild), once per document
  scored by Whoosh. A reader now reads each field's lengths once, as bytes.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import struct
import zlib
from array import array
from collections import OrderedDict
from itertools import accumulate
from operator import sub
from threading import Lock

from whoosh.codec import whoosh3
from whoosh.columns import VarBytesColumn
from whoosh.filedb import filetables
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

PROTOCOL = 5
_OFFSETS: OrderedDict[tuple, array] = OrderedDict()
_OFFSETS_KEPT = 64  # arrays of offsets (one per segment and column)
_LOCK = Lock()
_read_offsets_and_lengths = VarBytesColumn.Reader._read_offsets_and_lengths
_read_doc_field_length = whoosh3.W3PerDocReader.doc_field_length


def _dumps(value, protocol=None) -> bytes:
    return pickle.dumps(value, PROTOCOL)


def _kept_offsets_and_lengths(reader) -> None:
    """VarBytesColumn.Reader._read_offsets_and_lengths, with the offsets (the sums of
    the lengths before each document) kept by the lengths they were summed from: the
    lengths are read at once, and summed only the first time they are seen."""
    dbfile = reader._dbfile
    lastbyte = reader._basepos + reader._length - 1
    code = chr(dbfile.get_byte(lastbyte))
    if code == "X":  # the offsets are stored: Whoosh reads them at once
        _read_offsets_and_lengths(reader)
        return
    size = struct.calcsize(code)
    lengths = dbfile.get_array(lastbyte - size * reader._doccount, code, reader._doccount)
    key = (code, hashlib.blake2b(lengths.tobytes(), digest_size=20).digest())
    with _LOCK:
        offsets = _OFFSETS.get(key)
        if offsets is not None:
            _OFFSETS.move_to_end(key)
    if offsets is None:
        offsets = array("L", accumulate(lengths, initial=0))
        offsets.pop()
        with _LOCK:
            _OFFSETS[key] = offsets
            while len(_OFFSETS) > _OFFSETS_KEPT:
                _OFFSETS.popitem(last=False)
    reader._offsets, reader._lengths, reader.had_stored_offsets = offsets, lengths, False


def _hash_reader_init(self, dbfile, length=None, magic=b"HSH3", startoffset=0) -> None:
    """filetables.HashReader.__init__ of Whoosh 2.7, reading the directory at once."""
    self.dbfile = dbfile
    self.startoffset = startoffset
    self.is_closed = False
    if length is None:
        dbfile.seek(0, os.SEEK_END)
        length = dbfile.tell() - startoffset
    dbfile.seek(startoffset)
    filemagic = dbfile.read(4)
    if filemagic != magic:
        raise filetables.FileFormatError(f"Unknown file header {filemagic!r}")
    self.hashtype = dbfile.read_byte()
    self.hashfn = filetables._hash_functions[self.hashtype]
    dbfile.read_int()  # unused
    dbfile.read_int()
    self.startofdata = dbfile.tell()
    exptr = startoffset + length - _INT_SIZE
    expos = exptr - dbfile.get_int(exptr)
    dbfile.seek(expos)
    self._read_extras()
    directory = dbfile.get(expos - filetables._directory_size, filetables._directory_size)
    self.tables = list(filetables._dir_entry.iter_unpack(directory))
    self.endofdata = self.tables[0][0]


BYTE_LENGTHS = [byte_to_length(value) for value in range(256)]


def field_lengths(reader, fieldname: str) -> bytes | None:
    """A W3PerDocReader's lengths of `fieldname`, a byte a document (0: none), read
    once per reader; None when the field keeps no lengths."""
    held = reader.__dict__.setdefault("_lengths_held", {})
    lengths = held.get(fieldname)
    if lengths is None:
        column = reader._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if column is None:
            lengths = held[fieldname] = False
        else:
            count = min(column._count, reader._doccount)
            lengths = held[fieldname] = column._dbfile.get(column._basepos, count)
    return lengths if lengths is not False else None


def _doc_field_length(self, docnum, fieldname, default=0):
    """W3PerDocReader.doc_field_length of Whoosh 2.7, from the field's lengths read
    once (the same answers, None included for a document without the field)."""
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    lengths = field_lengths(self, fieldname)
    if lengths is None:
        return default
    lbyte = lengths[docnum] if docnum < len(lengths) else 0
    if lbyte:
        return BYTE_LENGTHS[lbyte]
    return None


# ---------------------------------------------------------------- dense postings

DENSE_EXT = ".dps"
DENSE_FIELDS = frozenset({"title", "body", "accepted", "tags"})
DENSE_FROM = 128  # postings; shorter lists are a block or two, quick to read anyway
_TRAILER = struct.Struct("<QQ")  # where the table of terms starts, and its length
_start_term = whoosh3.W3FieldWriter.start_term
_add = whoosh3.W3FieldWriter.add
_finish_term = whoosh3.W3FieldWriter.finish_term
_close = whoosh3.W3FieldWriter.close


def _dense_start_term(self, btext) -> None:
    _start_term(self, btext)
    if self._fieldname in DENSE_FIELDS:
        self._dense_postings = ([], [])
    else:
        self._dense_postings = None


def _dense_add(self, docnum, weight, vbytes, length) -> None:
    _add(self, docnum, weight, vbytes, length)
    kept = self._dense_postings
    if kept is not None:
        kept[0].append(docnum)
        kept[1].append(weight)


def _dense_finish_term(self) -> None:
    _finish_term(self)
    kept = self._dense_postings
    if kept is None or len(kept[0]) < DENSE_FROM:
        return
    docnums, weights = kept
    if not hasattr(self, "_dense_file"):
        self._dense_file = self._create_file(DENSE_EXT)
        self._dense_terms = {}
    gaps = array("I", docnums[:1])
    gaps.extend(map(sub, docnums[1:], docnums))
    # Whoosh's blocks keep weights as 32-bit floats. A weight is the word's count in
    # the document times the field's boost: counts as bytes read faster than floats
    # (and take a quarter of the room), when they fit.
    weights = array("f", weights)
    boost = self._fieldobj.format.field_boost
    counts = [weight / boost for weight in weights]
    if all(count.is_integer() and 0 < count < 256 and count * boost == weight
           for count, weight in zip(counts, weights, strict=True)):
        code, scale, values = "B", boost, array("B", map(int, counts))
    else:
        code, scale, values = "f", 1.0, weights
    if code == "B" and docnums[-1] < 4 * len(docnums):
        # A common word: its count for every document (0 where absent) takes no more
        # room, and reads with no step per document.
        per_document = bytearray(docnums[-1] + 1)
        for docnum, count in zip(docnums, values, strict=True):
            per_document[docnum] = count
        code, blob = "T", zlib.compress(per_document, 1)
    else:
        blob = zlib.compress(gaps.tobytes() + values.tobytes(), 1)
    self._dense_terms[self._fieldname, self._btext] = (
        self._dense_file.tell(), len(blob), len(docnums), code, scale)
    self._dense_file.write(blob)


def _dense_close(self) -> None:
    if hasattr(self, "_dense_file"):
        table = pickle.dumps(self._dense_terms, PROTOCOL)
        start = self._dense_file.tell()
        self._dense_file.write(table)
        self._dense_file.write(_TRAILER.pack(start, len(table)))
        self._dense_file.close()
        del self._dense_file
    _close(self)


_DENSE_TABLES: OrderedDict[tuple, dict] = OrderedDict()
_DENSE_TABLES_KEPT = 64


def dense_postings(reader, fieldname: str, btext: bytes):
    """A term's postings from the segment's dense copy, as (document numbers, values,
    scale, counts): Whoosh's weight is a value times the scale (the field's boost, or
    1.0); for a common word, `counts` instead holds its count in every document (0
    where absent) and the lists are empty. None when the segment has no copy of the
    term (a short list, another field, an older index)."""
    if fieldname not in DENSE_FIELDS:
        return None
    table = reader.__dict__.get("_dense_table", False)
    if table is False:
        table = reader.__dict__["_dense_table"] = _dense_table(reader)
    found = table.get((fieldname, btext)) if table else None
    if found is None:
        return None
    offset, nbytes, count, code, scale = found
    dense = reader.storage().open_file(reader.segment().make_filename(DENSE_EXT))
    try:
        data = zlib.decompress(dense.get(offset, nbytes))
    finally:
        dense.close()
    if code == "T":
        return [], [], scale, data
    gaps = array("I")
    gaps.frombytes(data[:4 * count])
    values = array(code)
    values.frombytes(data[4 * count:])
    return list(accumulate(gaps)), values.tolist(), scale, None


def _dense_table(reader) -> dict | None:
    """The segment's table of dense posting lists, read once per reader (a request)
    and kept by its contents (under Hypothesis, segment names repeat)."""
    storage, segment = reader.storage(), reader.segment()
    name = segment.make_filename(DENSE_EXT) if segment is not None else None
    if name is None or not storage.file_exists(name):
        return None
    dense = storage.open_file(name)
    try:
        size = storage.file_length(name)
        start, length = _TRAILER.unpack(dense.get(size - _TRAILER.size, _TRAILER.size))
        table_bytes = dense.get(start, length)
    finally:
        dense.close()
    key = (segment.segment_id(), length, zlib.crc32(table_bytes))
    with _LOCK:
        table = _DENSE_TABLES.get(key)
        if table is not None:
            _DENSE_TABLES.move_to_end(key)
            return table
    table = pickle.loads(table_bytes)  # noqa: S301 - our own index file, as Whoosh's
    with _LOCK:
        _DENSE_TABLES[key] = table
        while len(_DENSE_TABLES) > _DENSE_TABLES_KEPT:
            _DENSE_TABLES.popitem(last=False)
    return table
