"""A wiki's files (`flask import mediawiki DUMP --files DIR`): each file in the folder,
named as the wiki's File: pages name it, is uploaded through the files part's upload
service (its type found from its content, an image made anew), before the pages, so that
their image and file links can point at it. A file the upload refuses is reported and
skipped; the links to it stay links to the source wiki.

Re-running reuses a file whose bytes are unchanged (matched by the wiki name and the
bytes' SHA-256); the storage keeps bytes once per hash in any case.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from core import permissions
from core.errors import CommonplaceError, ValidationFailed
from core.extensions import db
from files.models import StoredFile
from files.storage import sha256_of
from files.uploads import Upload, file_url, upload
from transfer.models import ImportedFile

NAME_MAX = 255
FILES_MAX = 100_000  # files read from one folder


@dataclass(frozen=True)
class FileLink:
    """What a converted link needs to know about an imported file."""

    url: str
    name: str
    is_image: bool
    alt: str  # the text describing the image when the link gives none: its name


def wiki_file_key(name: str) -> str:
    """A File: name as MediaWiki compares them: spaces for underscores, single spaces,
    the first letter in capitals, NFC."""
    name = unicodedata.normalize("NFC", " ".join(name.replace("_", " ").split()))
    prefix, colon, rest = name.partition(":")
    if colon and prefix.strip().lower() in {"file", "image", "media"}:
        name = rest.strip()
    return (name[:1].upper() + name[1:])[:NAME_MAX]


def name_as_alt(name: str) -> str:
    """An image's name as words: “Reading room 2019” for Reading_room_2019.jpg."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return " ".join(stem.replace("_", " ").split())[:200] or "Image"


class WikiFiles:
    """The files of one import: uploaded from a folder, then looked up by wiki name."""

    def __init__(self, importer):
        self.importer = importer
        self.report = importer.report
        self.links: dict[str, FileLink] = {}

    def load(self, folder: str | Path) -> None:
        if not self.importer.dry_run and not permissions.may_upload_file(
                self.importer.uploader):
            raise ValidationFailed("Importing a wiki's files needs a member who may upload "
                                   "them (--uploader).", "uploader")
        paths = sorted(path for path in Path(folder).iterdir()
                       if path.is_file() and not path.name.startswith("."))[:FILES_MAX]
        for path in paths:
            self.one(path)
        if not self.importer.dry_run:
            self.importer.commit()

    def one(self, path: Path) -> None:
        key = wiki_file_key(path.name)
        if self.importer.dry_run:
            self.report.files_imported += 1
            return
        record = db.session.scalar(select(ImportedFile).where(
            ImportedFile.source == self.importer.source, ImportedFile.wiki_name == key))
        try:
            with path.open("rb") as stream:
                raw_sha, _size = sha256_of(stream)
                if record is not None and record.raw_sha256 == raw_sha:
                    self.report.files_already += 1
                    self.remember(key, record.file)
                    return
                stream.seek(0)
                with db.session.begin_nested():
                    item = Upload(stream=stream, filename=path.name, alt=name_as_alt(key))
                    stored = upload(self.importer.uploader, item, daily_limit=False)
        except (CommonplaceError, OSError) as error:
            self.report.files_refused.append((path.name, _message(error)))
            return
        if record is None:
            db.session.add(ImportedFile(source=self.importer.source, wiki_name=key,
                                        raw_sha256=raw_sha, file_id=stored.id))
        else:
            record.raw_sha256, record.file_id = raw_sha, stored.id
        db.session.flush()
        self.report.files_imported += 1
        self.remember(key, stored)

    def remember(self, key: str, stored: StoredFile) -> None:
        self.links[key] = FileLink(url=file_url(stored), name=stored.name,
                                   is_image=stored.is_image,
                                   alt=stored.alt or name_as_alt(key))

    def link(self, name: str) -> FileLink | None:
        return self.links.get(wiki_file_key(name))

    def known(self) -> None:
        """The files an earlier run imported, for a run without --files."""
        rows = db.session.execute(
            select(ImportedFile.wiki_name, StoredFile)
            .join(StoredFile, StoredFile.id == ImportedFile.file_id)
            .where(ImportedFile.source == self.importer.source)).all()
        for key, stored in rows:
            self.remember(key, stored)


def _message(error: Exception) -> str:
    if isinstance(error, OSError):
        return f"could not be read ({error.strerror or error})"
    text = " ".join(message for _field, message in error.errors) or str(error)
    return " ".join(text.split())[:300]
