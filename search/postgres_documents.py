"""The PostgreSQL engine's documents: weighted tsvector rows, their words, the BM25 statistics."""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import delete, func, select, text

from core.extensions import db
from search.models import SearchDocument, SearchStat, SearchTerm

CONFIG = "english"
WORD_RE = re.compile(r"\w+")
# ts_headline's marks: characters a document never holds (sources strip them), so
# the snippet can be escaped first and marked after.
START, STOP = "\x02", "\x03"
STATISTICS = ("documents", "length_a", "length_b", "length_c")


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


_UPSERT = text("""
    INSERT INTO search_documents (key, kind, object_id, title, title_words, body, tags,
        sectors, author_name, url, solved, updated, stamp, document, length_a, length_b,
        length_c, overdue)
    SELECT :key, :kind, :object_id, :title, :title_words, :body, :tags, :sectors,
        :author_name, :url, :solved, :updated, :stamp, made.document,
        (SELECT count(*) FILTER (WHERE weight = 'A') FROM unnest(made.document) AS term,
            unnest(term.weights) AS weight),
        (SELECT count(*) FILTER (WHERE weight = 'B') FROM unnest(made.document) AS term,
            unnest(term.weights) AS weight),
        (SELECT count(*) FILTER (WHERE weight IN ('C', 'D')) FROM unnest(made.document)
            AS term, unnest(term.weights) AS weight),
        :overdue
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
        length_c = excluded.length_c, overdue = excluded.overdue
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
        "stamp": document.get("stamp") or "", "overdue": bool(document.get("overdue")),
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


def write_documents(documents: list[dict]) -> None:
    """Upsert these documents' rows and add their words to the spelling table."""
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
def count_changes(keys: list[str]):
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
