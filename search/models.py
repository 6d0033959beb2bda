"""The search outbox: written in the content's own transaction, drained after commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.timeutil import utcnow


class SearchOutbox(db.Model):
    """'This object changed: bring its index document up to date.' Never lost: a row
    leaves only after the index holding the change has been committed."""

    __tablename__ = "search_outbox"
    __table_args__ = (Index("ix_search_outbox_kind_object", "kind", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# The PostgreSQL engine's tables (search/postgres_engine.py). They are created on every
# database so that the models and the migrations say the same everywhere; only the
# PostgreSQL engine writes them, and on PostgreSQL the document column is a tsvector
# behind a GIN index.
DOCUMENT_VECTOR = TSVECTOR().with_variant(Text(), "sqlite")


class SearchDocument(db.Model):
    """One searchable document, as search.sources builds it, with its weighted
    tsvector (title A, tags and the accepted answer B, body C)."""

    __tablename__ = "search_documents"
    __table_args__ = (Index("ix_search_documents_document", "document",
                            postgresql_using="gin"),)

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    title_words: Mapped[str] = mapped_column(Text)  # for suggestions: ",word,word,"
    body: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text)  # ",tag,tag," (lower case)
    sectors: Mapped[str] = mapped_column(Text)  # ",sector,"
    author_name: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    solved: Mapped[bool]
    updated: Mapped[datetime | None]
    stamp: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(DOCUMENT_VECTOR)
    # How many words (stop words aside) the document has where, for BM25F's length
    # normalisation per field: the title (A), tags and accepted answer (B), body (C).
    length_a: Mapped[int] = mapped_column(default=0, server_default="0")
    length_b: Mapped[int] = mapped_column(default=0, server_default="0")
    length_c: Mapped[int] = mapped_column(default=0, server_default="0")
    # An article six months past its check-by date ranks a little lower (wiki.checking).
    overdue: Mapped[bool] = mapped_column(default=False, server_default="false")


class SearchTerm(db.Model):
    """How many documents hold a lexeme (its document frequency, for BM25's idf):
    kept by the PostgreSQL engine in the same transaction as the documents."""

    __tablename__ = "search_terms"

    lexeme: Mapped[str] = mapped_column(Text, primary_key=True)
    documents: Mapped[int]


class SearchStat(db.Model):
    """The documents' count and their total lengths per field ("documents",
    "length_a", "length_b", "length_c"): kept with the documents, as SearchTerm."""

    __tablename__ = "search_stats"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class SearchWord(db.Model):
    """A word of the indexed titles, tags and bodies, as written (lower case, accents
    folded), for "did you mean" by trigram similarity. `field`: where it was seen
    first in order of preference (1 title, 2 tag, 3 body)."""

    __tablename__ = "search_words"

    word: Mapped[str] = mapped_column(String(100), primary_key=True)
    field: Mapped[int] = mapped_column(SmallInteger)
