"""THE ONE PLACE WHERE COMMONPLACE CHANGES WHOOSH'S OWN CODE.

Every replacement of a Whoosh name is listed in `patches()` and made by `install()`,
which `create_app` calls (through the Whoosh engine) when SEARCH_WHOOSH_SPEEDUPS is
on (the default); `uninstall()` puts Whoosh's own code back. Nothing is patched at
import. What each change does, and why it is safe, is written where it is defined:

- search/storage.py: a compact second copy of long posting lists (".dps"), posting
  blocks pickled with protocol 5, stored-field offsets kept, one read of a term
  dictionary's directory, field lengths read once per reader.
- search/writing.py: a segment's postings gathered by term and written a block at a
  time (the same files, byte for byte in postings and term table).

The query side needs no patch: search/bitsets.py and search/ranking.py count and rank
with bit sets and BM25F through Whoosh's readers; they read a segment's ".dps" copy
when there is one, and Whoosh's own blocks otherwise (`bitsets._read_blocks` reads
W3LeafMatcher's blocks directly only while the speed-ups are installed).

Differential tests compare each change with the unpatched library
(tests/search/test_writing.py, tests/search/test_indexing.py, tests/search/test_query.py),
and the search suite runs with and without the speed-ups
(`SEARCH_WHOOSH_SPEEDUPS=false make test-search`).

The patches are process-wide: the app created last in a process decides whether they
are installed (a test run sets SEARCH_WHOOSH_SPEEDUPS for the whole process).

Which Whoosh: whoosh3 3.54.0 (the maintained line, the same `import whoosh`), which
replaced Whoosh-Reloaded 2.7.5 (Whoosh 2.7.4's code). Every name patched below exists
in both with the same role, and the search suite (the differential tests included)
passes on both, with the speed-ups and without; whoosh3 also reads an index written by
2.7.5. A new whoosh3 release needs the same check before its pin moves: the patches
name private attributes of whoosh.codec.whoosh3, whoosh.writing,
whoosh.filedb.filetables and whoosh.columns.
"""

from __future__ import annotations

from whoosh import multiproc
from whoosh import writing as whoosh_writing
from whoosh.codec import whoosh3
from whoosh.columns import VarBytesColumn
from whoosh.filedb import filetables

from search import storage, writing

_ORIGINALS: dict[tuple[object, str], object] = {}


def patches() -> list[tuple[object, str, object]]:
    """(owner, name, replacement) for every Whoosh name the speed-ups replace."""
    return [
        (whoosh3, "dumps", storage._dumps),
        (VarBytesColumn.Reader, "_read_offsets_and_lengths",
         storage._kept_offsets_and_lengths),
        (filetables.HashReader, "__init__", storage._hash_reader_init),
        (whoosh3.W3PerDocReader, "doc_field_length", storage._doc_field_length),
        (whoosh3.W3FieldWriter, "start_term", storage._dense_start_term),
        (whoosh3.W3FieldWriter, "add", storage._dense_add),
        (whoosh3.W3FieldWriter, "finish_term", storage._dense_finish_term),
        (whoosh3.W3FieldWriter, "close", storage._dense_close),
        (whoosh_writing, "PostingPool", writing.TermPool),
        (whoosh_writing.SegmentWriter, "add_document", writing.add_document),
        (whoosh_writing.SegmentWriter, "_flush_segment", writing.flush_segment),
        (multiproc.MpWriter, "__init__", writing._mp_writer_init),
    ]


def install() -> None:
    """Replace Whoosh's names with the faster ones (again: nothing changes)."""
    for owner, name, replacement in patches():
        if (owner, name) not in _ORIGINALS:
            _ORIGINALS[owner, name] = owner.__dict__[name] if isinstance(owner, type) \
                else getattr(owner, name)
        setattr(owner, name, replacement)


def uninstall() -> None:
    """Whoosh's own code again."""
    for (owner, name), original in _ORIGINALS.items():
        setattr(owner, name, original)
    _ORIGINALS.clear()


def installed() -> bool:
    return bool(_ORIGINALS)
