"""Uploading: check who and how much, find the type from the content, make images anew,
store the bytes, write the record. A service: it flushes, never commits."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO
from urllib.parse import quote

from flask import current_app
from sqlalchemy import func, select

from core import permissions
from core.errors import Problems, RateLimited, ValidationFailed
from core.extensions import db
from core.text import check_text
from core.timeutil import utcnow
from files import images, sniffing
from files.models import FileVariant, StoredFile
from files.storage import get_storage, sha256_of

ALT_MAX = 500
DAY = timedelta(days=1)


def human_size(size: int) -> str:
    for unit, scale in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("kB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{size} bytes"


def file_url(record: StoredFile, sha: str | None = None) -> str:
    return f"/files/{sha or record.sha256}/{quote(record.name, safe='')}"


def markdown_for(record: StoredFile) -> str:
    """What goes into the text: an image with its alt text, or a link to a document."""
    url = file_url(record)
    if record.is_image:
        alt = "" if record.decorative else _escape_brackets(record.alt)
        return f"![{alt}]({url})"
    return f"[{_escape_brackets(record.name)}]({url})"


def _escape_brackets(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]") \
        .replace("\n", " ")


@dataclass
class Upload:
    stream: BinaryIO
    filename: str | None
    alt: str = ""
    decorative: bool = False


def _check_alt(alt: str, decorative: bool, problems: Problems) -> str:
    alt = " ".join((alt or "").split())
    problems.check(check_text, alt, "alt", "the description")
    if len(alt) > ALT_MAX:
        problems.add(f"Keep the description under {ALT_MAX} characters; a longer one "
                     "belongs in the text beside the image.", "alt")
    return alt


def _check_daily(uploader, size: int) -> None:
    limit = current_app.config["FILE_DAILY_BYTES"]
    used = db.session.scalar(select(func.coalesce(func.sum(StoredFile.size), 0)).where(
        StoredFile.uploader_id == uploader.id, StoredFile.created_at > utcnow() - DAY)) or 0
    if used + size > limit:
        raise RateLimited(f"You have uploaded {human_size(used)} in the last day; this file "
                          f"({human_size(size)}) would take you past the "
                          f"{human_size(limit)} a member may upload in a day. Try again "
                          "tomorrow, or ask an editor.")


def stream_size(stream: BinaryIO) -> int:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def upload(uploader, item: Upload, *, daily_limit: bool = True) -> StoredFile:
    """Check and store one uploaded file; returns its record (flushed). `daily_limit`
    False is for an admin's command (a wiki's files imported from a folder)."""
    permissions.require_member(uploader, "Please sign in to upload files.")
    permissions.require(permissions.may_upload_file(uploader),
                        "You may not upload files.")
    problems = Problems()
    alt = _check_alt(item.alt, item.decorative, problems)
    size = stream_size(item.stream)
    limit = current_app.config["FILE_MAX_BYTES"]
    if size == 0:
        problems.add("This file is empty (0 bytes). Choose the file again: it may not have "
                     "finished saving.", "file")
    elif size > limit:
        problems.add(f"This file is {human_size(size)}; we accept files up to "
                     f"{human_size(limit)}. Make it smaller (export a PDF at a lower "
                     "resolution, or split it) and upload it again.", "file")
    problems.raise_any()
    kind, fmt = problems.check(sniffing.detect, item.stream) or (None, None)
    problems.raise_any()
    if kind.is_image and not alt and not item.decorative:
        problems.add("Describe the image for people who cannot see it (what it shows that "
                     "matters to the text), or tick “decorative” if it adds nothing.", "alt")
    problems.raise_any()
    if daily_limit:
        _check_daily(uploader, size)
    storage = get_storage()
    record = StoredFile(media_type=kind.media_type,
                        name=sniffing.clean_name(item.filename, kind.extension),
                        uploader_id=uploader.id, created_at=utcnow(),
                        alt="" if item.decorative else alt,
                        decorative=bool(item.decorative and kind.is_image))
    if kind.is_image:
        processed = images.process(item.stream, fmt, current_app.config["FILE_MAX_PIXELS"])
        record.sha256, record.size = storage.put_bytes(processed.data)
        record.width, record.height = processed.width, processed.height
        for width, height, data in processed.variants:
            sha, vsize = storage.put_bytes(data)
            if db.session.get(FileVariant, (record.sha256, width)) is None:
                db.session.add(FileVariant(original_sha256=record.sha256, width=width,
                                           height=height, sha256=sha, size=vsize))
    else:
        item.stream.seek(0)
        record.sha256, record.size = storage.put(item.stream)
        record.text_state = "pending" if kind.media_type in EXTRACTABLE else "none"
    db.session.add(record)
    db.session.flush()
    if record.text_state == "pending":
        from files.extract import note_pending

        note_pending(record)
    return record


EXTRACTABLE = {sniffing.PDF.media_type, *(kind.media_type for kind in sniffing.OFFICE.values()),
               sniffing.CSV.media_type, sniffing.TEXT.media_type}


def check_upload_form(filename: str | None) -> None:
    if not filename:
        raise ValidationFailed("Choose a file to upload.", "file")


__all__ = ["Upload", "upload", "markdown_for", "file_url", "human_size", "sha256_of"]
