"""The PostgreSQL engine: full-text search in the site's own database.

- Each document (search.sources builds it, as for Whoosh) is a row of
  `search_documents` with a weighted tsvector: title A, tags and the accepted answer
  B, body C; a GIN index finds the matches. Accents are folded in Python before the
  text reaches `to_tsvector` (and the query before `websearch_to_tsquery`), so
  "cafe" finds "Café" without the unaccent extension.
- Rows are written in the content's own transaction: `record_change` notes what
  changed, and just before the commit (`before_commit`, on the signal
  `transaction_committing`) the documents are built from the flushed state and
  upserted. A rolled-back change takes its rows with it; the index can never drift
  from the database.
- A short query (up to ALL_WORDS_UP_TO words or phrases) needs all its words
  (`websearch_to_tsquery`: quotes, `or`, `-word`); a longer one, which reads like a
  request, is the OR of its lexemes (its -words still excluded, whatever other syntax
  it holds), ranked by BM25F in SQL (below), never cut. When no document has every
  word, any word will do (and the page says so).
- The statistics BM25F needs (document frequencies, the documents' count and field
  lengths) are kept in `search_terms` and `search_stats` with the documents, in the
  same transaction, and read by each query (not counted by it).
- Snippets: `ts_headline`, for the page of hits only; counts and facets in SQL over
  every match; "did you mean" from pg_trgm's similarity over `search_words`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache

from markupsafe import Markup, escape
from sqlalchemy import Text, cast, delete, func, literal, select, text
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
from sqlalchemy.orm import Session

from core.extensions import db
from search import sources
from search.engine import PER_PAGE, Hit, Results, SearchEngine
from search.models import SearchDocument, SearchStat, SearchTerm, SearchWord
from search.parsing import _tidy
from search.snippets import EXCERPT_CHARS

CONFIG = "english"
ALL_WORDS_UP_TO = 3  # as the Whoosh engine (search.parsing.ALL_WORDS_UP_TO)
BATCH = 500
WORD_RE = re.compile(r"\w+")
# ts_headline's marks: characters a document never holds (sources strip them), so
# the snippet can be escaped first and marked after.
START, STOP = "\x02", "\x03"
HEADLINE = (f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=20, "
            "MaxFragments=2, FragmentDelimiter=\" … \"")
MAX_SPELLING_DISTANCE = 2
PREFIX_RE = re.compile(r"(?<![\w-])(\w{3,})\*")
# title:word, tags:word, tags:"a phrase": the words in that field's weight only.
FIELDED_RE = re.compile(r'(?<![\w"])(title|tags):(?:"([^"]*)"?|(\w+))', re.IGNORECASE)
WEIGHTS = {"title": "A", "tags": "B"}
EXCLUDED_RE = re.compile(r"(?:^|(?<=\s))-(\w+)")
PHRASE_RE = re.compile(r'"([^"]*)"?')
FIELD_RE = re.compile(r"(?<![\w\"])\w+:(?=[\w\"(])")


@dataclass
class Query:
    """A tsquery (what matches) and the lexemes it looks for (what ranks), with how
    often the query says each."""

    tsquery: object
    lexemes: list[str]
    counts: dict[str, int] = dataclass_field(default_factory=dict)


# Ranking: BM25F (as the Whoosh engine, search.bm25f) over the tsvector, in SQL. A
# lexeme's count in each field (title A, tags and accepted answer B, body C, told
# apart by the weight of each position) is weighted (3, 1.5, 1) and normalised by that
# field's length (search_documents.length_a/b/c: the field's words, stop words aside)
# against the field's average; the sum is saturated once (k1), times Lucene's idf,
# times how often the query says the lexeme. ts_rank and ts_rank_cd know no idf and
# gave half of bm25s's nDCG@10 on CISI. The document frequencies and the totals that
# idf and the averages need are kept in search_terms and search_stats, in the same
# transaction as the documents (`_count_changes`), not counted for every query.
K1, B = 1.5, 0.75  # as search.schema.weighting
FIELD_WEIGHTS = {"A": 3.0, "B": 1.5, "C": 1.0, "D": 1.0}
_BM25 = text("""(
    SELECT coalesce(sum(word.idf * word.x * :k1_plus_1 / (word.x + :k1)), 0)
    FROM (
        SELECT given.idf, sum(CASE weight
            WHEN 'A' THEN :wa / (1 - :b + :b * search_documents.length_a / :avg_a)
            WHEN 'B' THEN :wb / (1 - :b + :b * search_documents.length_b / :avg_b)
            ELSE :wc / (1 - :b + :b * search_documents.length_c / :avg_c) END) AS x
        FROM unnest(search_documents.document) AS term(lexeme, positions, weights)
        JOIN unnest(CAST(:lexemes AS text[]), CAST(:idfs AS float8[])) AS given(lexeme, idf)
            ON given.lexeme = term.lexeme
        CROSS JOIN LATERAL unnest(term.weights) AS weight
        GROUP BY given.lexeme, given.idf) AS word
) DESC""")  # an ORDER BY clause: the best first
STATISTICS = ("documents", "length_a", "length_b", "length_c")


def _websearch(text_: str) -> str:
    """Whoosh's syntax as websearch_to_tsquery reads it: NOT word as -word, AND
    between words dropped, a field's name dropped (every field is searched)."""
    text_ = FIELD_RE.sub("", text_)
    text_ = re.sub(r"\bNOT\s+", "-", text_)
    text_ = re.sub(r"\bAND\b", " ", text_)
    return re.sub(r"[()]", " ", text_)


def fold(value: str) -> str:
    """Accents folded character for character ("Café" -> "Cafe"), control characters
    and the snippet marks made spaces: the same length as `value`, so that a passage
    found in the folded text is at the same place in the text as written."""
    return "".join(_fold_char(char) for char in value or "")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isascii():
        return " " if char < " " or char == "\x7f" else char
    if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
        return " "
    base = "".join(part for part in unicodedata.normalize("NFKD", char)
                   if not unicodedata.combining(part))
    return base if len(base) == 1 else char


def _listed(values: str) -> str:
    """"a,b" as ",a,b,": a value is then found with LIKE '%,a,%'."""
    items = [item.strip().lower() for item in (values or "").split(",") if item.strip()]
    return "," + ",".join(items) + "," if items else ""


def _quoted(lexeme: str) -> str:
    """A lexeme as a tsquery's operand."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_UPSERT = text("""
    INSERT INTO search_documents (key, kind, object_id, title, title_words, body, tags,
        sectors, author_name, url, solved, updated, stamp, document, length_a, length_b,
        length_c)
    SELECT :key, :kind, :object_id, :title, :title_words, :body, :tags, :sectors,
        :author_name, :url, :solved, :updated, :stamp, made.document,
        (SELECT count(*) FILTER (WHERE weight = 'A') FROM unnest(made.document) AS term,
            unnest(term.weights) AS weight),
        (SELECT count(*) FILTER (WHERE weight = 'B') FROM unnest(made.document) AS term,
            unnest(term.weights) AS weight),
        (SELECT count(*) FILTER (WHERE weight IN ('C', 'D')) FROM unnest(made.document)
            AS term, unnest(term.weights) AS weight)
    FROM (SELECT setweight(to_tsvector('english', :title_f), 'A')
        || setweight(to_tsvector('english', :tags_f), 'B')
        || setweight(to_tsvector('english', :accepted_f), 'B')
        || setweight(to_tsvector('english', :body_f), 'C') AS document) AS made
    ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, object_id = excluded.object_id,
        title = excluded.title, title_words = excluded.title_words, body = excluded.body,
        tags = excluded.tags, sectors = excluded.sectors,
        author_name = excluded.author_name, url = excluded.url, solved = excluded.solved,
        updated = excluded.updated, stamp = excluded.stamp, document = excluded.document,
        length_a = excluded.length_a, length_b = excluded.length_b,
        length_c = excluded.length_c
""")  # the weighted tsvector: title A, tags and the accepted answer B, body C (CONFIG),
# and the words in each (the positions of each weight)
_COUNTED_TERMS = text("""
    SELECT lexeme, count(*) FROM search_documents,
        unnest(tsvector_to_array(document)) AS lexeme
    WHERE key = ANY(CAST(:keys AS text[])) GROUP BY lexeme
""")
_COUNTED_TOTALS = text("""
    SELECT count(*), coalesce(sum(length_a), 0), coalesce(sum(length_b), 0),
        coalesce(sum(length_c), 0)
    FROM search_documents WHERE key = ANY(CAST(:keys AS text[]))
""")
# Lexemes in order, then the totals: concurrent writers take the rows' locks in the
# same order (after their documents' rows), so they wait for each other, never deadlock.
_ADD_TERMS = text("""
    INSERT INTO search_terms (lexeme, documents)
    SELECT lexeme, change FROM unnest(CAST(:lexemes AS text[]), CAST(:changes AS int[]))
        AS given(lexeme, change) ORDER BY lexeme
    ON CONFLICT (lexeme) DO UPDATE SET documents = search_terms.documents + excluded.documents
""")
_ADD_TOTALS = text("""
    INSERT INTO search_stats (name, value)
    SELECT name, change FROM unnest(CAST(:names AS text[]), CAST(:changes AS bigint[]))
        AS given(name, change) ORDER BY name
    ON CONFLICT (name) DO UPDATE SET value = search_stats.value + excluded.value
""")
_WORDS = text("""
    INSERT INTO search_words (word, field) SELECT word, min(field) FROM
        unnest(CAST(:words AS text[]), CAST(:fields AS smallint[])) AS given(word, field)
        GROUP BY word
    ON CONFLICT (word) DO UPDATE SET field = least(search_words.field, excluded.field)
""")


def _row(document: dict) -> dict:
    title, body = document["title"] or "", (document["body"] or "").replace(START, " ")
    body = body.replace(STOP, " ")
    tags = document.get("tags") or ""
    accepted = document.get("accepted") or ""
    return {
        "key": document["key"], "kind": document["type"], "object_id": document["object_id"],
        "title": title, "title_words": _listed(document.get("title_prefix") or ""),
        "body": body, "tags": _listed(tags), "sectors": _listed(document.get("sectors") or ""),
        "author_name": document.get("author_name") or "", "url": document["url"],
        "solved": bool(document.get("solved")), "updated": document.get("updated"),
        "stamp": document.get("stamp") or "",
        "title_f": fold(title), "tags_f": fold(tags.replace(",", " , ")),
        "accepted_f": fold(accepted), "body_f": fold(body),
    }


def _words(row: dict) -> dict[str, int]:
    """{word: field} for the spelling table: title words 1, tags 2, body words 3."""
    found: dict[str, int] = {}
    for field, value in ((3, row["body_f"]), (2, row["tags_f"]), (1, row["title_f"])):
        for word in WORD_RE.findall(value.lower()):
            if 2 < len(word) <= 100 and not word.isdigit():
                found[word] = field
    return found


class PostgresEngine(SearchEngine):
    name = "postgres"

    def __init__(self, app):
        super().__init__(app)
        url = app.config.get("SQLALCHEMY_DATABASE_URI") or ""
        if not url.startswith("postgresql"):
            raise ValueError("SEARCH_ENGINE=postgres needs a PostgreSQL DATABASE_URL")
        self.trigrams_checked = False

    # -- keeping the index equal to the database, in the same transaction

    def record_change(self, kind: str, object_id: int) -> None:
        if kind in sources.SOURCES:
            db.session.info.setdefault("search_changed", set()).add((kind, object_id))

    def before_commit(self, session: Session) -> None:
        # Building the documents may flush and load; a change noted meanwhile is taken
        # in the next round.
        for _ in range(10):
            session.flush()
            changed = session.info.pop("search_changed", None)
            if not changed:
                return
            # Build from the flushed rows, as the Whoosh drainer does after commit, not
            # from collections still held in memory in the order they were appended
            # (an article's tags, its authors): everything is flushed, so nothing is lost.
            session.expire_all()
            by_kind: dict[str, set[int]] = defaultdict(set)
            for kind, object_id in changed:
                by_kind[kind].add(object_id)
            for kind, ids in by_kind.items():
                self.index(kind, sorted(ids))

    def index(self, kind: str, ids: list[int]) -> int:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            documents = sources.SOURCES[kind].documents(chunk)
            keys = [sources.key(kind, object_id) for object_id in chunk]
            gone = [key for key, object_id in zip(keys, chunk, strict=True)
                    if documents.get(object_id) is None]
            with _count_changes(keys):
                if gone:
                    db.session.execute(delete(SearchDocument)
                                       .where(SearchDocument.key.in_(gone)))
                self._write([document for document in documents.values() if document])
        return len(ids)

    def _write(self, documents: list[dict]) -> None:
        if not documents:
            return
        rows = [_row(document) for document in documents]
        db.session.execute(_UPSERT, rows)
        words: dict[str, int] = {}
        for row in rows:
            for word, field in _words(row).items():
                words[word] = min(field, words.get(word, field))
        if words:
            db.session.execute(_WORDS, {"words": list(words), "fields": list(words.values())})

    def delete(self, kind: str, ids: list[int]) -> None:
        keys = [sources.key(kind, object_id) for object_id in ids]
        with _count_changes(keys):
            db.session.execute(delete(SearchDocument).where(SearchDocument.key.in_(keys)))

    def rebuild(self, progress=None, procs: int | None = None) -> int:
        """Every document afresh, in one transaction: searches see the old index until
        the commit, then the new one."""
        db.session.execute(delete(SearchDocument))
        db.session.execute(delete(SearchWord))
        count = 0
        for kind, source in sources.SOURCES.items():
            ids = [object_id for object_id, _stamp in source.stamps()]
            for start in range(0, len(ids), BATCH):
                chunk = ids[start:start + BATCH]
                documents = [doc for doc in source.documents(chunk).values() if doc]
                self._write(documents)
                count += len(documents)
                if progress:
                    progress(kind, len(chunk))
        refresh_statistics()
        db.session.commit()
        return count

    def stamps(self) -> dict[str, str | None]:
        return dict(db.session.execute(select(SearchDocument.key, SearchDocument.stamp)).all())

    # -- reading

    def _query(self, text_: str, any_word: bool = False):
        """A tsquery for the text: all its words (websearch syntax: "a phrase", or,
        -word; NOT and word* as Whoosh reads them) when it asks for up to
        ALL_WORDS_UP_TO words or phrases; any of its lexemes (its -words still
        excluded) when longer, as a request in sentences is, or when asked; None when
        it holds no word to look for."""
        folded = fold(_tidy(text_))
        fielded = [(WEIGHTS[name.lower()], word)
                   for name, phrase, single in FIELDED_RE.findall(folded)
                   for word in WORD_RE.findall(phrase or single)]
        words = _websearch(FIELDED_RE.sub(" ", folded))
        wanted = EXCLUDED_RE.sub(" ", words)
        counts = self._lexemes(wanted.replace("*", " ") + " "
                               + " ".join(word for _, word in fielded))
        lexemes = sorted(counts)
        if not lexemes:
            return None
        phrases = PHRASE_RE.findall(wanted)
        clauses = len(self._lexemes(PHRASE_RE.sub(" ", wanted).replace("*", " "))) \
            + len(fielded) + sum(1 for phrase in phrases if self._lexemes(phrase))
        if not any_word and clauses <= ALL_WORDS_UP_TO:
            prefixes = PREFIX_RE.findall(words)
            found = func.websearch_to_tsquery(CONFIG, PREFIX_RE.sub(" ", words))
            for prefix in prefixes:
                found = found.op("&&")(func.to_tsquery(CONFIG, prefix + ":*"))
            for weight, word in fielded:
                found = found.op("&&")(func.to_tsquery(CONFIG, f"{word}:{weight}"))
            return Query(found, lexemes, counts)
        ored = " | ".join([_quoted(lexeme) for lexeme in lexemes]
                          + [_quoted(prefix.lower()) + ":*"
                             for prefix in PREFIX_RE.findall(wanted)])
        found = cast(literal(ored, Text()), TSQUERY)
        unwanted = sorted(self._lexemes(" ".join(EXCLUDED_RE.findall(words))))
        if unwanted:
            found = found.op("&&")(cast(literal(
                "!(" + " | ".join(_quoted(lexeme) for lexeme in unwanted) + ")", Text()),
                TSQUERY))
        return Query(found, lexemes, counts)

    @staticmethod
    def _lexemes(words: str) -> dict[str, int]:
        """{lexeme: how often the words say it}, as to_tsvector reads them."""
        if not words.strip():
            return {}
        return dict(db.session.execute(_QUERY_LEXEMES, {"words": words}).all())

    def _filtered(self, statement, type_, tag, sector, solved):
        tag, sector = fold(tag or "").strip(), fold(sector or "").strip()
        if type_ == "solution":
            statement = statement.where(SearchDocument.kind == "question",
                                        SearchDocument.solved.is_(True))
        elif type_:
            statement = statement.where(SearchDocument.kind == type_)
        if tag:
            statement = statement.where(SearchDocument.tags.like(
                f"%,{_like(tag.lower())},%", escape="\\"))
        if sector:
            statement = statement.where(SearchDocument.sectors.like(
                f"%,{_like(sector)},%", escape="\\"))
        if solved in ("yes", "no"):
            statement = statement.where(SearchDocument.solved.is_(solved == "yes"))
        return statement

    def _matching(self, found: Query | None, filters):
        statement = select(SearchDocument.key)
        if found is not None:
            statement = statement.where(SearchDocument.document.op("@@")(found.tsquery))
        return self._filtered(statement, *filters)

    def search(self, text_: str, *, type_: str | None = None, tag: str | None = None,
               sector: str | None = None, solved: str | None = None,
               sort: str = "relevance", page: int = 1, per_page: int = PER_PAGE) -> Results:
        text_ = (text_ or "").strip()[:500]
        results = Results(query=text_, page=max(1, page))
        filters = (type_, tag, sector, solved)
        tsquery = self._query(text_) if text_ else None
        if text_ and tsquery is None:  # only stop words or punctuation: nothing to find
            return results
        matching = self._matching(tsquery, filters).subquery()
        results.total = db.session.scalar(select(func.count()).select_from(matching)) or 0
        if text_ and not results.total:
            wider = self._query(text_, any_word=True)
            if wider is not None:
                matching = self._matching(wider, filters).subquery()
                total = db.session.scalar(select(func.count()).select_from(matching)) or 0
                if total:
                    tsquery, results.total, results.any_word = wider, total, True
        results.pages = (results.total + per_page - 1) // per_page
        if results.total:
            results.hits = self._page(tsquery, filters, sort == "newest" or not text_,
                                      (results.page - 1) * per_page, per_page)
            results.facets = self._facets(matching)
        if text_ and (results.total < 5 or results.any_word):
            results.suggestion = self.correct(text_)
        return results

    def _ranked(self, found: Query | None, filters, newest: bool):
        statement = self._filtered(select(SearchDocument), *filters)
        if found is not None:
            statement = statement.where(SearchDocument.document.op("@@")(found.tsquery))
        if newest or found is None:
            return statement.order_by(SearchDocument.updated.desc().nulls_last(),
                                      SearchDocument.key)
        rank = self._bm25(found)
        return statement.order_by(rank, SearchDocument.updated.desc().nulls_last(),
                                  SearchDocument.key)

    def _bm25(self, found: Query):
        """ORDER BY a document's BM25F score for the query's lexemes, best first."""
        totals = statistics()
        total = totals["documents"] or 1
        frequencies = dict(db.session.execute(
            select(SearchTerm.lexeme, SearchTerm.documents)
            .where(SearchTerm.lexeme.in_(found.lexemes))).all())
        idfs = [math.log(1 + (total - frequencies.get(lexeme, 0) + 0.5)
                         / (frequencies.get(lexeme, 0) + 0.5)) * found.counts.get(lexeme, 1)
                for lexeme in found.lexemes]
        averages = {name: float(totals[f"length_{name}"]) / total or 1.0 for name in "abc"}
        return _BM25.bindparams(
            lexemes=found.lexemes, idfs=idfs, k1=K1, k1_plus_1=K1 + 1, b=B,
            avg_a=averages["a"], avg_b=averages["b"], avg_c=averages["c"],
            wa=FIELD_WEIGHTS["A"], wb=FIELD_WEIGHTS["B"], wc=FIELD_WEIGHTS["C"])

    def _page(self, found: Query | None, filters, newest: bool, offset: int,
              limit: int) -> list[Hit]:
        tsquery = found.tsquery if found is not None else None
        rows = db.session.scalars(self._ranked(found, filters, newest)
                                  .offset(offset).limit(limit)).all()
        headlines = [None] * len(rows)
        if tsquery is not None and rows:
            # ts_headline for this page only, over the text folded as it was indexed
            # (the same length, so the passages map back onto the text as written).
            bodies = [fold(row.body[:EXCERPT_CHARS]) for row in rows]
            given = func.unnest(cast(literal(bodies), ARRAY(Text()))) \
                .table_valued("body", with_ordinality="n").render_derived()
            headlines = db.session.scalars(
                select(func.ts_headline(CONFIG, given.c.body, tsquery, HEADLINE))
                .order_by(given.c.n)).all()
        return [_hit(row, headline) for row, headline in zip(rows, headlines, strict=True)]

    def _facets(self, matching) -> dict[str, list[tuple[str, int]]]:
        facets: dict[str, list[tuple[str, int]]] = {}
        documents = select(SearchDocument).join(
            matching, matching.c.key == SearchDocument.key).subquery()
        kinds = db.session.execute(select(documents.c.kind, func.count())
                                   .group_by(documents.c.kind)).all()
        facets["type"] = sorted(((kind, count) for kind, count in kinds),
                                key=lambda item: (-item[1], item[0]))
        for name in ("tags", "sectors"):
            column = getattr(documents.c, name)
            values = select(func.unnest(func.string_to_array(func.trim(column, ","), ","))
                            .label("value")).where(column != "").subquery()
            rows = db.session.execute(select(values.c.value, func.count())
                                      .group_by(values.c.value)).all()
            facets[name] = sorted(((item, count) for item, count in rows if item),
                                  key=lambda item: (-item[1], item[0]))
        return facets

    def ranked_keys(self, text_: str, limit: int = 1000, **_options) -> list[str]:
        tsquery = self._query(text_)
        if tsquery is None:
            return []
        found = db.session.scalars(self._ranked(tsquery, (None,) * 4, False)
                                   .with_only_columns(SearchDocument.key).limit(limit)).all()
        if not found:
            wider = self._query(text_, any_word=True)
            found = db.session.scalars(self._ranked(wider, (None,) * 4, False)
                                       .with_only_columns(SearchDocument.key)
                                       .limit(limit)).all()
        return list(found)

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        words = WORD_RE.findall(fold(prefix).lower())
        if not words:
            return []
        *complete, last = words
        statement = select(SearchDocument.title, SearchDocument.url, SearchDocument.kind)
        for word in complete:
            statement = statement.where(SearchDocument.title_words.like(
                f"%,{_like(word)},%", escape="\\"))
        statement = statement.where(SearchDocument.title_words.like(
            f"%,{_like(last)}%", escape="\\"))
        rows = db.session.execute(statement.order_by(SearchDocument.title).limit(limit))
        return [{"title": title, "url": url, "type": kind} for title, url, kind in rows]

    def similar(self, text_: str, limit: int = 5) -> list[dict]:
        text_ = (text_ or "").strip()
        tsquery = self._query(text_, any_word=True) if text_ else None
        if tsquery is None:
            return []
        rows = db.session.scalars(self._ranked(tsquery, ("question", None, None, None), False)
                                  .limit(limit)).all()
        return [{"title": row.title, "url": row.url, "type": "question",
                 "solved": row.solved} for row in rows]

    def correct(self, text_: str) -> str | None:
        from search.spelling import correct_words

        return correct_words(text_, self._known, self._nearest,
                             plain=lambda word: fold(word).lower())

    def _known(self, word: str) -> bool:
        tsquery = func.plainto_tsquery(CONFIG, word)
        if not db.session.scalar(select(func.numnode(tsquery))):
            return True  # a stop word
        return bool(db.session.scalar(select(
            select(SearchDocument.key).where(SearchDocument.document.op("@@")(tsquery))
            .exists())))

    def _nearest(self, word: str) -> str | None:
        """The known word nearest in spelling: one edit away before two; among those, a
        title's word, then a tag, then a word of the bodies; then the most similar."""
        from whoosh.support.levenshtein import levenshtein

        if not self.trigrams_checked:  # made by the migration; databases made otherwise
            ensure_trigrams(db.session.connection())
            self.trigrams_checked = True
        similarity = func.public.similarity(SearchWord.word, word)
        candidates = db.session.execute(
            select(SearchWord.word, SearchWord.field, similarity)
            .where(similarity > 0.2, SearchWord.word != word)
            .order_by(similarity.desc(), SearchWord.word).limit(30)).all()
        scored = []
        for candidate, field, score in candidates:
            distance = levenshtein(word, candidate, limit=MAX_SPELLING_DISTANCE + 1)
            if distance <= MAX_SPELLING_DISTANCE and candidate[:1] == word[:1]:
                scored.append((distance, field, -score, candidate))
        return min(scored)[3] if scored else None


def _hit(row, headline: str | None) -> Hit:
    body = row.body or ""
    snippet = _snippet(body[:EXCERPT_CHARS], headline) if headline else ""
    if not snippet:
        snippet = str(escape(body[:240])) + ("…" if len(body) > 240 else "")
    solved = bool(row.solved)
    return Hit(key=row.key, type="solution" if row.kind == "question" and solved else row.kind,
               title=row.title, url=row.url, snippet=Markup(snippet),  # noqa: S704 - _snippet escapes
               author=row.author_name or "", updated=row.updated, solved=solved,
               tags=[tag for tag in (row.tags or "").split(",") if tag])


def _snippet(text_: str, headline: str) -> str:
    """ts_headline's passages of the folded text, as the text is written, escaped, the
    matched words marked as the Whoosh engine marks them, "…" where text is left out."""
    if START not in headline:
        return ""
    folded = fold(text_)
    terms: dict[str, int] = {}
    parts, at, first, end = [], 0, None, 0
    for fragment in headline.split(" … "):
        plain = fragment.replace(START, "").replace(STOP, "")
        start = folded.find(plain, at)
        if start < 0:
            start = folded.find(plain)
        if start < 0 or not plain.strip():
            continue
        end = start + len(plain)
        # Whole words: a passage starts and ends at a space (or the text's ends).
        before = start
        while before > 0 and not text_[before - 1].isspace():
            before -= 1
        after = end
        while after < len(text_) and not text_[after].isspace():
            after += 1
        first = before if first is None else first
        html, offset = [str(escape(text_[before:start]))], start
        for piece in re.split(f"({START}[^{STOP}]*{STOP})", fragment):
            if piece.startswith(START):
                word = text_[offset:offset + len(piece) - 2]
                number = terms.setdefault(word.lower(), len(terms))
                html.append(f'<mark class="match term{number}">{escape(word)}</mark>')
                offset += len(piece) - 2
            else:
                html.append(str(escape(text_[offset:offset + len(piece)])))
                offset += len(piece)
        html.append(str(escape(text_[end:after])))
        parts.append("".join(html))
        end = at = after
    if not parts:
        return ""
    marked = " … ".join(parts)
    if first:
        marked = "… " + marked
    rest = text_[end:]
    if rest.strip(" .!?;:,)\"'\n"):
        marked += " …"
    else:
        marked += str(escape(rest.rstrip()))
    return marked


_QUERY_LEXEMES = text("""
    SELECT lexeme, cardinality(positions) FROM unnest(to_tsvector('english', :words))
""")  # the query's lexemes, each with how often it is said


def statistics() -> dict[str, int]:
    """The documents' count and their total lengths per field (search_stats); counted
    from the documents when the table was never filled (a database made before it)."""
    totals = dict(db.session.execute(select(SearchStat.name, SearchStat.value)).all())
    if set(STATISTICS) <= set(totals):
        return totals
    row = db.session.execute(select(
        func.count(), func.coalesce(func.sum(SearchDocument.length_a), 0),
        func.coalesce(func.sum(SearchDocument.length_b), 0),
        func.coalesce(func.sum(SearchDocument.length_c), 0))).one()
    return dict(zip(STATISTICS, row, strict=True))


def refresh_statistics() -> None:
    """search_terms and search_stats counted afresh from every document (a rebuild)."""
    db.session.execute(delete(SearchTerm))
    db.session.execute(delete(SearchStat))
    db.session.execute(text("""
        INSERT INTO search_terms (lexeme, documents)
        SELECT lexeme, count(*) FROM search_documents,
            unnest(tsvector_to_array(document)) AS lexeme GROUP BY lexeme
    """))
    db.session.execute(text("""
        INSERT INTO search_stats (name, value)
        SELECT 'documents', count(*) FROM search_documents
        UNION ALL SELECT 'length_a', coalesce(sum(length_a), 0) FROM search_documents
        UNION ALL SELECT 'length_b', coalesce(sum(length_b), 0) FROM search_documents
        UNION ALL SELECT 'length_c', coalesce(sum(length_c), 0) FROM search_documents
    """))


@contextmanager
def _count_changes(keys: list[str]):
    """Keep search_terms and search_stats equal to the documents across a change to
    the documents `keys`: what they counted before is taken away, what they count
    after is added, in the change's own transaction."""
    keys = sorted(set(keys))
    db.session.execute(select(SearchDocument.key).where(SearchDocument.key.in_(keys))
                       .order_by(SearchDocument.key).with_for_update())
    before = _counted(keys)
    yield
    after = _counted(keys)
    lexemes = sorted(set(before[0]) | set(after[0]))
    changes = [after[0].get(lexeme, 0) - before[0].get(lexeme, 0) for lexeme in lexemes]
    changed = [(lexeme, change) for lexeme, change in zip(lexemes, changes, strict=True)
               if change]
    if changed:
        db.session.execute(_ADD_TERMS, {"lexemes": [lexeme for lexeme, _ in changed],
                                        "changes": [change for _, change in changed]})
        gone = [lexeme for lexeme, change in changed if change < 0]
        if gone:  # a lexeme no document holds any more leaves the table
            db.session.execute(delete(SearchTerm).where(SearchTerm.lexeme.in_(gone),
                                                        SearchTerm.documents <= 0))
    db.session.execute(_ADD_TOTALS, {
        "names": list(STATISTICS),
        "changes": [new - old for new, old in zip(after[1], before[1], strict=True)]})


def _counted(keys: list[str]) -> tuple[dict[str, int], tuple[int, ...]]:
    """What the documents `keys` add to search_terms and search_stats."""
    terms = dict(db.session.execute(_COUNTED_TERMS, {"keys": keys}).all())
    totals = tuple(int(value) for value in
                   db.session.execute(_COUNTED_TOTALS, {"keys": keys}).one())
    return terms, totals


def ensure_trigrams(connection) -> None:
    """pg_trgm in the public schema (the migration does this; test databases built by
    create_all call it). Concurrent callers may race: the loser finds it made."""
    from sqlalchemy.exc import IntegrityError, ProgrammingError

    try:
        with connection.begin_nested():
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public"))
    except (IntegrityError, ProgrammingError):
        pass
