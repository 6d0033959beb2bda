"""The one Whoosh index: its schema, analysis and where it lives."""

from __future__ import annotations

import pickle
import re
from operator import sub
from pathlib import Path

from whoosh import scoring
from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    CharsetFilter,
    StemmingAnalyzer,
    Token,
)
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.lang import porter
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

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
    return EnglishAnalyzer()


def reference_analyzer():
    """What EnglishAnalyzer does, composed from Whoosh's parts (tests compare them)."""
    return StemmingAnalyzer(minsize=2, stoplist=STOP_LIST) | CharsetFilter(accent_map)


class EnglishAnalyzer(Analyzer):
    """RegexTokenizer | LowercaseFilter | StopFilter | StemFilter | CharsetFilter in
    one loop, token for token the same as `reference_analyzer()`.

    Whoosh's chain is a generator per step and a least-frequently-used cache around
    the stemmer; indexing spends a fifth of its time there. One loop and a plain dict
    of stems do the same work in well under half the time.
    """

    is_morph = True  # a separate spelling field keeps the words unstemmed

    def __init__(self, stoplist=STOP_LIST, minsize: int = 2):
        self.stoplist = frozenset(stoplist)
        self.minsize = minsize

    def __call__(self, value: str, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 no_morph=False, **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if tokenize:
            matches = default_pattern.finditer(value)
        else:
            token.original = value
            matches = [_Whole(value)]
        stoplist, minsize = self.stoplist, self.minsize
        renumbered = None
        for number, match in enumerate(matches):
            text = match.group()
            token.boost = 1.0
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + number
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            text = text.lower()
            if len(text) >= minsize and text not in stoplist:
                if positions:  # stop words leave no gaps in the positions
                    if renumbered is None:
                        renumbered = token.pos
                    else:
                        renumbered += 1
                        token.pos = renumbered
                token.stopped = False
                if not no_morph:  # the stem, folded: the fold below changes it no more
                    term = _TERMS.get(text)
                    text = _term(text) if term is None else term
            elif removestops:
                continue
            else:
                token.stopped = True
            # The fold changes nothing in lower-case ASCII.
            token.text = text if text.isascii() else text.translate(accent_map)
            yield token


    def word_positions(self, value: str) -> dict[str, list[int]]:
        """{term: its positions}, as `self(value, positions=True)` yields them, in one
        loop without tokens: what indexing a text field needs."""
        stoplist, minsize, terms = self.stoplist, self.minsize, _TERMS
        # Lower-casing the whole text first finds the same words when each character
        # lower-cases to one character (one that is a word character exactly when it
        # was: true of every code point) without regard to its neighbours (true of all
        # but the capital sigma, whose small form depends on what follows).
        lowered = value.lower()
        if len(lowered) == len(value) and "\u03a3" not in value:
            words = _WORDS(lowered)
        else:
            words = [word.lower() for word in _WORDS(value)]
        found: dict[str, list[int]] = {}
        position = None
        for number, text in enumerate(words):
            if len(text) < minsize or text in stoplist:
                continue
            # The first word keeps its place; stop words after it leave no gaps.
            position = number if position is None else position + 1
            term = terms.get(text)
            if term is None:
                term = _term(text)
            if term in found:
                found[term].append(position)
            else:
                found[term] = [position]
        return found


# default_pattern's words, found at once (its group made non-capturing for findall).
_WORDS = re.compile(default_pattern.pattern.replace("(\\.?", "(?:\\.?"),
                    default_pattern.flags).findall
_TERMS: dict[str, str] = {}  # a lower-cased word: its stem, accents folded


def _term(word: str) -> str:
    if len(_TERMS) > 200_000:
        _TERMS.clear()
    term = porter.stem(word)
    if not term.isascii():
        term = term.translate(accent_map)
    _TERMS[word] = term
    return term


class IndexPositions(Positions):
    """Whoosh's Positions format, the same postings, with a text's words and their
    positions found by EnglishAnalyzer in one loop: Whoosh's word_values walks a
    chain of generators and a token object per word, half the time of indexing."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, EnglishAnalyzer) or not isinstance(value, str) \
                or set(kwargs) - {"mode"}:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word, positions in analyzer.word_positions(value).items():
            yield word, len(positions), len(positions) * boost, _encode(positions)

    def index_items(self, value, analyzer) -> list[tuple[bytes, int, float, bytes]]:
        """TEXT.index's (term as UTF-8, frequency, weight, positions) for each word,
        at once."""
        boost = self.field_boost
        return [(word.encode("utf-8"), len(positions), len(positions) * boost,
                 _encode(positions))
                for word, positions in analyzer.word_positions(value).items()]


_ONCE: dict[int, bytes] = {}  # a word found once, at this position: its value


def _encode(positions: list[int]) -> bytes:
    """Positions.encode: the count, then the gaps between positions, pickled."""
    if len(positions) == 1:
        position = positions[0]
        encoded = _ONCE.get(position)
        if encoded is None:
            encoded = pack_uint(1) + pickle.dumps(positions, 2)
            if len(_ONCE) < 65_536:
                _ONCE[position] = encoded
        return encoded
    gaps = [positions[0]]
    gaps.extend(map(sub, positions[1:], positions))
    return pack_uint(len(positions)) + pickle.dumps(gaps, 2)


class IndexedText(TEXT):
    """TEXT, whose index() finds a text's words, positions and values in one pass
    (IndexPositions.index_items) rather than a generator and a UTF-8 step a word."""

    def index(self, value, **kwargs):
        format_ = self.format
        if isinstance(format_, IndexPositions) and isinstance(self.analyzer, EnglishAnalyzer) \
                and isinstance(value, str) and set(kwargs) <= {"mode"}:
            return format_.index_items(value, self.analyzer)
        return super().index(value, **kwargs)


class _Whole:
    """The whole value as one match, for tokenize=False."""

    def __init__(self, value: str):
        self.value = value

    def group(self) -> str:
        return self.value

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return len(self.value)


def _text(text_analyzer, **options) -> TEXT:
    field_ = IndexedText(analyzer=text_analyzer, **options)
    field_.format = IndexPositions(field_boost=field_.format.field_boost)
    return field_


def make_schema() -> Schema:
    text = analyzer()
    return Schema(
        key=ID(unique=True, stored=True),              # "article:12", "question:7"
        type=ID(stored=True),                          # article, question
        object_id=NUMERIC(stored=True, signed=False),
        # Titles' words, unstemmed, are the first dictionary for "did you mean": the
        # words people name things with. Tags are whole words already. The bodies'
        # words are found through their stems at query time (query._nearest): a
        # spelling field for bodies would double the cost of indexing.
        title=_text(text, stored=True, field_boost=3.0, spelling=True),
        title_prefix=KEYWORD(lowercase=True, commas=True),  # for suggestions
        body=_text(text, stored=True),
        accepted=_text(text, field_boost=1.5),  # the accepted answer of a solution
        tags=KEYWORD(stored=True, commas=True, lowercase=True, scorable=True,
                     field_boost=1.5),
        sectors=KEYWORD(stored=True, commas=True),
        workgroup=ID(stored=True),
        authors=KEYWORD(stored=True, commas=True, lowercase=True),
        author_name=STORED(),
        url=STORED(),
        solved=BOOLEAN(stored=True),
        # An article six months past its check-by date ranks a little lower.
        overdue=BOOLEAN(stored=True),
        updated=DATETIME(stored=True, sortable=True),
        # Changes whenever the source changes; `flask search check` compares it.
        stamp=STORED(),
    )


def weighting() -> scoring.WeightingModel:
    """BM25's usual k1 and b (bm25s's and Lucene's b; bm25s's k1): the query's words
    are scored by BM25F across their fields (search.bm25f), a lone term or a phrase by
    Whoosh's BM25F with the same k1 and b. bench/bench_search_relevance.py has the
    figures on LISA, CISI and Cranfield."""
    return scoring.BM25F(B=0.75, K1=1.5)


_OPENED: dict[str, object] = {}


def _add_new_fields(opened) -> None:
    """An index made before a field was added to the schema gets the field (empty until its
    documents are next written, or `flask search rebuild`), so writing it never fails."""
    from whoosh.index import LockError

    missing = [name for name in make_schema().names() if name not in opened.schema]
    if not missing:
        return
    try:
        writer = opened.writer(timeout=1.0)
    except LockError:
        return  # the writer that holds the lock is an older process; the next open tries
    fresh = make_schema()
    for name in missing:
        writer.add_field(name, fresh[name])
    writer.commit()


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
        _add_new_fields(opened)
    else:
        opened = storage.create_index(make_schema(), indexname=INDEX_NAME)
    _OPENED[directory] = opened
    return opened
