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

This module holds the engine (indexing, searching, facets, suggestions, spelling);
writing the rows and their statistics is in `search.postgres_documents`, reading a
query and BM25F in `search.postgres_query`, the hits' snippets in
`search.postgres_snippets`.
"""

from __future__ import annotations

import math
from collections import defaultdict

from sqlalchemy import Text, cast, delete, func, literal, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
from sqlalchemy.orm import Session

from core.extensions import db
from search import sources
from search.engine import NAMED_SECTORS, PER_PAGE, SIMILAR_TERMS, Hit, Results, SearchEngine
from search.models import SearchDocument, SearchTerm, SearchWord
from search.postgres_documents import (
    CONFIG,
    WORD_RE,
    count_changes,
    ensure_trigrams,
    fold,
    refresh_statistics,
    statistics,
    write_documents,
)
from search.postgres_query import FIELD_WEIGHTS, Query, bm25_order, parse_query
from search.postgres_snippets import HEADLINE, as_hit
from search.snippets import EXCERPT_CHARS

BATCH = 500
MAX_SPELLING_DISTANCE = 2
# A document's lexemes with how many of their positions are in the title (A), the tags
# and accepted answer (B) and the body (C, D): what `similar_documents` weighs.
_KEY_TERMS = sql_text("""
    SELECT term.lexeme,
        (SELECT count(*) FROM unnest(term.weights) AS weight WHERE weight = 'A'),
        (SELECT count(*) FROM unnest(term.weights) AS weight WHERE weight = 'B'),
        (SELECT count(*) FROM unnest(term.weights) AS weight WHERE weight IN ('C', 'D'))
    FROM search_documents, unnest(search_documents.document) AS term
    WHERE search_documents.key = :key
""")


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
            with count_changes(keys):
                if gone:
                    db.session.execute(delete(SearchDocument)
                                       .where(SearchDocument.key.in_(gone)))
                write_documents([document for document in documents.values() if document])
        return len(ids)

    def delete(self, kind: str, ids: list[int]) -> None:
        keys = [sources.key(kind, object_id) for object_id in ids]
        with count_changes(keys):
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
                write_documents(documents)
                count += len(documents)
                if progress:
                    progress(kind, len(chunk))
        refresh_statistics()
        db.session.commit()
        return count

    def stamps(self) -> dict[str, str | None]:
        return dict(db.session.execute(select(SearchDocument.key, SearchDocument.stamp)).all())

    # -- reading

    def _filtered(self, statement, type_, tag, sector, solved, within=None, not_sectors=None):
        tag, sector = fold(tag or "").strip(), fold(sector or "").strip()
        if not_sectors:  # of another named sector, and of none of these
            statement = statement.where(or_(*[
                SearchDocument.sectors.like(f"%,{name},%") for name in NAMED_SECTORS
                if name not in not_sectors] or [literal(False)]), *[
                SearchDocument.sectors.not_like(f"%,{_like(name)},%", escape="\\")
                for name in sorted(not_sectors)])
        if within is not None:  # these documents only (none at all when it is empty)
            statement = statement.where(SearchDocument.key.in_(sorted(within)))
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
               within: frozenset[str] | None = None,
               sort: str = "relevance", page: int = 1, per_page: int = PER_PAGE,
               not_sectors: frozenset[str] | None = None) -> Results:
        text_ = (text_ or "").strip()[:500]
        results = Results(query=text_, page=max(1, page))
        filters = (type_, tag, sector, solved, within, not_sectors)
        tsquery = parse_query(text_) if text_ else None
        if text_ and tsquery is None:  # only stop words or punctuation: nothing to find
            return results
        matching = self._matching(tsquery, filters).subquery()
        results.total = db.session.scalar(select(func.count()).select_from(matching)) or 0
        if text_ and not results.total:
            wider = parse_query(text_, any_word=True)
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
        rank = bm25_order(found)
        return statement.order_by(rank, SearchDocument.updated.desc().nulls_last(),
                                  SearchDocument.key)

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
        return [as_hit(row, headline) for row, headline in zip(rows, headlines, strict=True)]

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
        tsquery = parse_query(text_)
        if tsquery is None:
            return []
        found = db.session.scalars(self._ranked(tsquery, (None,) * 4, False)
                                   .with_only_columns(SearchDocument.key).limit(limit)).all()
        if not found:
            wider = parse_query(text_, any_word=True)
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
        tsquery = parse_query(text_, any_word=True) if text_ else None
        if tsquery is None:
            return []
        rows = db.session.scalars(self._ranked(tsquery, ("question", None, None, None), False)
                                  .limit(limit)).all()
        return [{"title": row.title, "url": row.url, "type": "question",
                 "solved": row.solved} for row in rows]

    def similar_documents(self, key: str, sectors, limit: int = 20) -> list[dict] | None:
        others = [name for name in NAMED_SECTORS if name not in sectors]
        if not others:
            return []
        # The document's own weighted terms: each lexeme's positions weighted by field
        # (title 3, tags 1.5, body 1) times its idf; the best SIMILAR_TERMS make the query.
        weighted = db.session.execute(_KEY_TERMS, {"key": key}).all()
        if not weighted:
            known = db.session.scalar(select(SearchDocument.key).where(SearchDocument.key == key))
            return [] if known else None
        total = statistics()["documents"] or 1
        frequencies = dict(db.session.execute(
            select(SearchTerm.lexeme, SearchTerm.documents)
            .where(SearchTerm.lexeme.in_([lexeme for lexeme, _a, _b, _c in weighted]))).all())
        scored = []
        for lexeme, in_a, in_b, in_c in weighted:
            found = frequencies.get(lexeme, 1)
            if found < 2:
                continue  # a word only this document has finds nothing like it
            idf = math.log(1 + (total - found + 0.5) / (found + 0.5))
            weight = in_a * FIELD_WEIGHTS["A"] + in_b * FIELD_WEIGHTS["B"] + in_c
            scored.append((math.log1p(weight) * idf, lexeme))
        lexemes = sorted(lexeme for _score, lexeme in sorted(scored, reverse=True)
                         [:SIMILAR_TERMS])
        if not lexemes:
            return []
        ored = " | ".join("'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"
                          for lexeme in lexemes)
        found_query = Query(cast(literal(ored, Text()), TSQUERY), lexemes,
                            dict.fromkeys(lexemes, 1))
        statement = (select(SearchDocument)
                     .where(SearchDocument.document.op("@@")(found_query.tsquery),
                            SearchDocument.key != key,
                            (SearchDocument.kind == "article")
                            | ((SearchDocument.kind == "question")
                               & SearchDocument.solved.is_(True)),
                            or_(*[SearchDocument.sectors.like(f"%,{name},%")
                                  for name in others]),
                            *[SearchDocument.sectors.not_like(f"%,{name},%")
                              for name in sectors if name])
                     .order_by(bm25_order(found_query), SearchDocument.key).limit(limit))
        return [{"key": row.key, "type": "solution" if row.kind == "question" else row.kind,
                 "title": row.title, "url": row.url,
                 "sectors": [name for name in row.sectors.split(",") if name]}
                for row in db.session.scalars(statement)]

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

