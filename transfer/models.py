"""What an import remembers: which wiki page became which article, which wiki revision
became which of its revisions (so a re-run adds only the new ones), the placeholder
members standing for the wiki's contributors, and claims on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from files.models import StoredFile


class ImportedPage(db.Model):
    """A wiki page (of one source wiki) and the article it became."""

    __tablename__ = "imported_pages"
    __table_args__ = (UniqueConstraint("source", "page_id", name="uq_imported_pages_page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(120))
    page_id: Mapped[int] = mapped_column(BigInteger)
    wiki_title: Mapped[str] = mapped_column(String(255))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    # The last wiki revision imported, the article's revision it became, and its text as
    # converted: the base of a three-way merge when the article was edited here since.
    last_wiki_revision_id: Mapped[int] = mapped_column(BigInteger, default=0)
    last_local_number: Mapped[int] = mapped_column(default=0)
    wiki_markdown: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class ImportedRevision(db.Model):
    """A wiki revision and the article revision it became (none: merged away or a talk
    page's), with what the conversion could not translate."""

    __tablename__ = "imported_revisions"
    __table_args__ = (
        UniqueConstraint("source", "wiki_revision_id", name="uq_imported_revisions_wiki"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(120))
    wiki_revision_id: Mapped[int] = mapped_column(BigInteger)
    revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True)
    # [{"name": "Infobox library", "params": {"name": "...", ...}}, ...]
    dropped: Mapped[list] = mapped_column(JSON, default=list)


class Placeholder(db.Model):
    """A member account standing for a contributor of an imported wiki: it has no
    password and cannot sign in; a real member can claim it (an admin approves)."""

    __tablename__ = "placeholders"
    __table_args__ = (
        UniqueConstraint("source", "wiki_username", name="uq_placeholders_wiki_user"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    source: Mapped[str] = mapped_column(String(120))
    wiki_name: Mapped[str] = mapped_column(String(200), default="")
    # "" for the one placeholder all anonymous (IP) edits of a wiki are credited to.
    wiki_username: Mapped[str] = mapped_column(String(255), default="")
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                 ondelete="SET NULL"))
    claimed_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])

    @property
    def anonymous(self) -> bool:
        return self.wiki_username == ""


class PlaceholderClaim(db.Model):
    """A member's request to be credited with a placeholder's edits."""

    __tablename__ = "placeholder_claims"
    __table_args__ = (Index("ix_placeholder_claims_status", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placeholder_id: Mapped[int] = mapped_column(
        ForeignKey("placeholders.user_id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                           index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # approved, refused
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                 ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    placeholder: Mapped[Placeholder] = relationship()
    member: Mapped[User] = relationship(foreign_keys=[member_id])


class ImportedFile(db.Model):
    """A file of an imported wiki (`--files DIR`), by its name on the wiki, and the upload
    it became: a re-run with the same bytes reuses it, changed bytes make a new upload."""

    __tablename__ = "imported_files"
    __table_args__ = (UniqueConstraint("source", "wiki_name", name="uq_imported_files_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(120))
    wiki_name: Mapped[str] = mapped_column(String(255))
    # The SHA-256 of the bytes in the folder (an image is stored re-encoded, so its
    # stored hash differs).
    raw_sha256: Mapped[str] = mapped_column(String(64))
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id", ondelete="CASCADE"),
                                         index=True)

    file: Mapped[StoredFile] = relationship()
