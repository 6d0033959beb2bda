"""Text inside PDFs and office documents, read by a job (off the request path) so that
search finds the article that attaches them.

An upload of a document leaves its record `pending`; after the upload's commit the job
`files.extract` is queued for it, and a periodic sweep takes any still pending (a job lost
with a crashed consumer). Reading is bounded: pages, characters, the size of each XML
part decompressed, and the ZIP members read. Each document's text is stored on its
record; search reads it through files.search (the attachments of an article's current
revision are part of the article's document).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from flask import Flask, current_app, g
from sqlalchemy import select

from core import signals
from core.extensions import db
from files import sniffing
from files.models import FileUse, StoredFile
from files.storage import get_storage

TEXT_MAX = 100_000
PAGES_MAX = 200
PART_MAX = 20 * 1024 * 1024  # the most any one XML part may decompress to
SWEEP_BATCH = 20
_SPACE = re.compile(r"\s+")
OOXML_TEXT_PARTS = {
    "docx": re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$"),
    "xlsx": re.compile(r"^xl/sharedStrings\.xml$"),
    "pptx": re.compile(r"^ppt/slides/slide\d+\.xml$"),
}


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\x00", "")).strip()[:TEXT_MAX]


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    parts, total = [], 0
    for page in reader.pages[:PAGES_MAX]:
        text = page.extract_text() or ""
        parts.append(text)
        total += len(text)
        if total > TEXT_MAX:
            break
    return _squeeze(" ".join(parts))


def _xml_text(archive: zipfile.ZipFile, name: str) -> str:
    info = archive.getinfo(name)
    if info.file_size > PART_MAX:
        return ""
    with archive.open(info) as part:
        data = part.read(PART_MAX + 1)
    if len(data) > PART_MAX or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return ""  # no entity expansion, ever
    root = ElementTree.fromstring(data)  # noqa: S314 - no DTD or entities (checked above)
    return " ".join(text for text in root.itertext() if text.strip())


def office_text(data: bytes, extension: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if extension in ("odt", "ods", "odp"):
            wanted = [name for name in names if name == "content.xml"]
        else:
            pattern = OOXML_TEXT_PARTS[extension]
            wanted = sorted((name for name in names if pattern.match(name)),
                            key=lambda name: [int(n) if n.isdigit() else n
                                              for n in re.split(r"(\d+)", name)])
        parts, total = [], 0
        for name in wanted[:PAGES_MAX]:
            text = _xml_text(archive, name)
            parts.append(text)
            total += len(text)
            if total > TEXT_MAX:
                break
    return _squeeze(" ".join(parts))


def text_of(media_type: str, data: bytes) -> str:
    kind = sniffing.KINDS.get(media_type)
    if kind is None:
        return ""
    if kind is sniffing.PDF:
        return pdf_text(data)
    if kind.extension in sniffing.OFFICE:
        return office_text(data, kind.extension)
    if media_type.startswith("text/"):
        return _squeeze(data[: TEXT_MAX * 4].decode("utf-8", "replace"))
    return ""


def extract(file_id: int) -> str:
    """Read one document's text into its record (a job: commits itself). Idempotent."""
    record = db.session.get(StoredFile, file_id)
    if record is None or record.text_state != "pending":
        return "nothing to do"
    try:
        data = get_storage().read(record.sha256)
        text = text_of(record.media_type, data)
        record.text, record.text_state = text, "done" if text else "none"
    except Exception:  # noqa: BLE001 - a hostile document fails alone, never the worker
        current_app.logger.warning("text of file %s could not be read", file_id,
                                   exc_info=True)
        record.text, record.text_state = None, "failed"
    db.session.flush()
    _reindex_users_of(record.sha256)
    db.session.commit()
    return record.text_state


def _reindex_users_of(sha: str) -> None:
    """Articles whose current revision uses the file: search reads them again."""
    from wiki.models import Article

    ids = db.session.scalars(select(Article.id).join(
        FileUse, (FileUse.kind == "revision")
        & (FileUse.object_id == Article.current_revision_id))
        .where(FileUse.sha256 == sha)).all()
    for article_id in ids:
        signals.send(signals.content_changed, kind="article", object_id=article_id)


def extract_pending() -> int:
    """The periodic sweep: documents still pending (their job lost). Returns how many."""
    ids = db.session.scalars(select(StoredFile.id).where(StoredFile.text_state == "pending")
                             .order_by(StoredFile.id).limit(SWEEP_BATCH)).all()
    db.session.rollback()
    for file_id in ids:
        extract(file_id)
    return len(ids)


def note_pending(record: StoredFile) -> None:
    """Queue the record's extraction once the upload has committed."""
    g.setdefault("files_to_extract", []).append(record.id)


def _after_commit(_app, session=None, **_) -> None:
    from flask import has_request_context

    if not has_request_context():
        return
    pending = g.pop("files_to_extract", [])
    if not pending:
        return
    from jobs import enqueue

    for file_id in pending:
        try:
            enqueue("files.extract", file_id)
        except Exception:  # noqa: BLE001 - the sweep will take it
            current_app.logger.warning("could not queue extraction of %s", file_id,
                                       exc_info=True)


def install(app: Flask) -> None:
    from jobs import register

    register(app, "files.extract", extract, retries=2, retry_delay=30)
    register(app, "files.extract_pending", extract_pending, every={"minute": "*/5"})
    signals.connect(app, signals.transaction_committed, _after_commit)
