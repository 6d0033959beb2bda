"""Uploaded files: one row per upload (`StoredFile`), the bytes kept once per SHA-256 by the
storage (files.storage), image sizes made for display (`FileVariant`), and which content
uses a file (`FileUse`).

A file is immutable: its bytes are addressed by their hash, so the same upload twice is
stored once and a URL always means the same bytes. A file is used by revisions of
articles (each revision records the files its text uses, so history keeps them), and by
questions and answers (their current text). Who may fetch a file follows the content that
uses it (files.access).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.timeutil import utcnow

# What a use is of: "revision" (an article's revision), "question", "answer", "chat_reply".
USE_KINDS = ("revision", "question", "answer", "chat_reply")


class StoredFile(db.Model):
    __tablename__ = "files"
    __table_args__ = (
        Index("ix_files_uploader_created", "uploader_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    # The media type its content was found to be (files.sniffing), never the name's.
    media_type: Mapped[str] = mapped_column(String(100))
    # The name it was uploaded with, cleaned (files.sniffing.clean_name), its extension
    # the content's.
    name: Mapped[str] = mapped_column(String(160))
    uploader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Images only.
    width: Mapped[int | None]
    height: Mapped[int | None]
    alt: Mapped[str] = mapped_column(String(500), default="")
    decorative: Mapped[bool] = mapped_column(default=False)
    # Text read from a PDF or office document by a job (files.extract): pending, done,
    # none (no text, or not a document), failed.
    text_state: Mapped[str] = mapped_column(String(8), default="none")
    text: Mapped[str | None] = mapped_column(Text)

    uploader: Mapped[User | None] = relationship()

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")

    def __repr__(self) -> str:
        return f"<StoredFile {self.sha256[:12]} {self.name}>"


class FileVariant(db.Model):
    """A smaller copy of an image, made at upload for display on narrow screens."""

    __tablename__ = "file_variants"

    original_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    width: Mapped[int] = mapped_column(primary_key=True)
    height: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]


class FileUse(db.Model):
    """Content that uses a file: a revision of an article, a question or an answer."""

    __tablename__ = "file_uses"
    __table_args__ = (Index("ix_file_uses_object", "kind", "object_id"),)

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    object_id: Mapped[int] = mapped_column(primary_key=True)


class FileBlob(db.Model):
    """The bytes of a file, with FILE_STORAGE=database (several web hosts, one database)."""

    __tablename__ = "file_blobs"
    # Backups carry the bytes as files/<sha256> members (core.backup), not as rows.
    __table_args__ = {"info": {"backup": False}}

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
