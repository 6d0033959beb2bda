"""Two changes to how Whoosh writes and reads the index files, which make a query
several times cheaper. search.schema applies them on import, before any index is
opened or written.

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
from array import array
from collections import OrderedDict
from itertools import accumulate
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


_BYTE_LENGTHS = [byte_to_length(value) for value in range(256)]


def _doc_field_length(self, docnum, fieldname, default=0):
    """W3PerDocReader.doc_field_length of Whoosh 2.7, from the field's lengths read
    once (the same answers, None included for a document without the field)."""
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    held = self.__dict__.setdefault("_lengths_held", {})
    lengths = held.get(fieldname)
    if lengths is None:
        reader = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if reader is None:
            lengths = held[fieldname] = False
        else:
            count = min(reader._count, self._doccount)
            lengths = held[fieldname] = reader._dbfile.get(reader._basepos, count)
    if lengths is False:
        return default
    lbyte = lengths[docnum] if docnum < len(lengths) else 0
    if lbyte:
        return _BYTE_LENGTHS[lbyte]
    return None


def install() -> None:
    whoosh3.dumps = _dumps
    VarBytesColumn.Reader._read_offsets_and_lengths = _kept_offsets_and_lengths
    filetables.HashReader.__init__ = _hash_reader_init
    whoosh3.W3PerDocReader.doc_field_length = _doc_field_length
