"""The one Whoosh index: its schema, analysis and where it lives."""

from __future__ import annotations

import os
from pathlib import Path

from whoosh import scoring
from whoosh.analysis import STOP_WORDS, CharsetFilter, StemmingAnalyzer
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.support.charset import accent_map

INDEX_NAME = "commonplace"


# Whoosh's own short list, plus the pronouns, auxiliaries and connectives that carry
# no topic ("I would be grateful for anything about..."). Words that can be a topic
# or part of a name stay searchable: who (WHO), up, out, over, no, more, few, own.
# Tuned on LISA: +0.004 nDCG@10, +0.014 MAP (bench/bench_search_relevance.py).
STOP_LIST = STOP_WORDS | frozenset("""
    i me my myself our ours ourselves yours yourself yourselves he him his himself she
    her hers herself its itself they them their theirs themselves what which whom these
    those am was were been being has had having do does did doing would should could
    about into through during before after above below between because until while
    then there here where why how both each any other some such than so just very but now
    """.split())


def analyzer():
    """English stemming, stop words removed, accents folded ("café" finds "cafe")."""
    return StemmingAnalyzer(minsize=2, stoplist=STOP_LIST) | CharsetFilter(accent_map)


def make_schema() -> Schema:
    text = analyzer()
    return Schema(
        key=ID(unique=True, stored=True),              # "article:12", "question:7"
        type=ID(stored=True),                          # article, question
        object_id=NUMERIC(stored=True, signed=False),
        # Titles' words are the dictionary for "did you mean": the words people
        # name things with. (Bodies too would double the cost of indexing.)
        title=TEXT(analyzer=text, stored=True, field_boost=3.0, spelling=True),
        title_prefix=KEYWORD(lowercase=True, commas=True),  # for suggestions
        body=TEXT(analyzer=text, stored=True),
        accepted=TEXT(analyzer=text, field_boost=1.5),  # the accepted answer of a solution
        tags=KEYWORD(stored=True, commas=True, lowercase=True, scorable=True,
                     field_boost=1.5),
        sectors=KEYWORD(stored=True, commas=True),
        workgroup=ID(stored=True),
        authors=KEYWORD(stored=True, commas=True, lowercase=True),
        author_name=STORED(),
        url=STORED(),
        solved=BOOLEAN(stored=True),
        updated=DATETIME(stored=True, sortable=True),
        # Changes whenever the source changes; `flask search check` compares it.
        stamp=STORED(),
    )


def weighting() -> scoring.WeightingModel:
    """BM25F, tuned on the LISA collection (bench/bench_search_relevance.py)."""
    return scoring.BM25F()


_OPENED: dict[str, object] = {}


def open_or_create(directory: str):
    """The index in `directory` (created empty if there is none).

    The handle is kept: it holds no open files, and every searcher or writer made
    from it reads the index's current table of contents, so it stays right when a
    rebuild swaps a new index into the directory.
    """
    opened = _OPENED.get(directory)
    if opened is not None and opened.latest_generation() > -1:
        return opened
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    # Read the index files through plain file handles: with memory maps, Whoosh copies
    # every segment file it opens into memory, which costs more than the whole query
    # once the index is large (and a searcher is opened for every request).
    storage = FileStorage(str(path), supports_mmap=False)
    if storage.index_exists(INDEX_NAME):
        opened = storage.open_index(INDEX_NAME)
    else:
        opened = storage.create_index(make_schema(), indexname=INDEX_NAME)
    _OPENED[directory] = opened
    return opened


def writable(directory: str) -> bool:
    return os.access(directory, os.W_OK)
