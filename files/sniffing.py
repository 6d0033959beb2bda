"""What a file is, from its content alone, and a safe name for it.

Only what we accept is recognised, each by its own check: images by their signature and
then by Pillow decoding them (files.images); PDF by its header and pypdf reading its
structure; Word, Excel, PowerPoint and OpenDocument files by the members of their ZIP
container; CSV and plain text by decoding as UTF-8 with no markup at their start.
Anything else (HTML, SVG, scripts, executables, archives) is refused, and its refusal names
what it looks like (puremagic) so the member knows why. The name and the browser's claim
are never consulted; the stored name gets the extension of what the content is.
"""

from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from core.errors import ValidationFailed

HEAD = 8192
ACCEPTED = ("PNG, JPEG, GIF and WebP images; PDF; Word, Excel and PowerPoint files and their "
            "OpenDocument equivalents; CSV and plain text")


@dataclass(frozen=True)
class Kind:
    media_type: str
    extension: str
    label: str

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


IMAGES = {
    "PNG": Kind("image/png", "png", "PNG image"),
    "JPEG": Kind("image/jpeg", "jpg", "JPEG image"),
    "GIF": Kind("image/gif", "gif", "GIF image"),
    "WEBP": Kind("image/webp", "webp", "WebP image"),
}
PDF = Kind("application/pdf", "pdf", "PDF document")
CSV = Kind("text/csv", "csv", "CSV table")
TEXT = Kind("text/plain", "txt", "Plain text")
OFFICE = {
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "docx", "Word document"),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "xlsx", "Excel spreadsheet"),
    "pptx": Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                 "pptx", "PowerPoint presentation"),
    "odt": Kind("application/vnd.oasis.opendocument.text", "odt", "OpenDocument text"),
    "ods": Kind("application/vnd.oasis.opendocument.spreadsheet", "ods",
                "OpenDocument spreadsheet"),
    "odp": Kind("application/vnd.oasis.opendocument.presentation", "odp",
                "OpenDocument presentation"),
}
KINDS = {kind.media_type: kind for kind in
         [*IMAGES.values(), PDF, CSV, TEXT, *OFFICE.values()]}
# The OOXML part that says which kind of document a package is.
OOXML_MAIN = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx",
              "ppt/presentation.xml": "pptx"}
ODF_MIMETYPES = {"application/vnd.oasis.opendocument.text": "odt",
                 "application/vnd.oasis.opendocument.spreadsheet": "ods",
                 "application/vnd.oasis.opendocument.presentation": "odp"}
ZIP_MEMBERS_MAX = 5000
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MARKUP_START = re.compile(rb"^\s*<", re.DOTALL)
MARKUP_ANYWHERE = re.compile(rb"<\s*(?:script|svg|html|iframe|object|embed|body|head|meta|"
                             rb"!doctype|\?xml)\b", re.IGNORECASE)


def image_format(head: bytes) -> str | None:
    """The image format a file's signature claims (confirmed only by decoding it)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, "file")


def what_it_looks_like(head: bytes) -> str:
    """A few words on a refused file's content, for the message."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"<svg") or b"<svg" in stripped[:2048]:
        return "an SVG image"
    if MARKUP_START.match(head) or MARKUP_ANYWHERE.search(head[:2048]):
        return "HTML or XML markup"
    try:
        import puremagic

        found = puremagic.magic_string(head)
    except Exception:  # noqa: BLE001 - naming it is a courtesy; refusing it is the rule
        found = []
    if found:
        name = (found[0].name or "").strip()
        if name:
            return f"“{name[:80]}”"
    return "a kind of file we do not accept"


def _office_kind(stream: BinaryIO) -> Kind | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if len(names) > ZIP_MEMBERS_MAX:
                return None
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 200:
                    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                    if mimetype in ODF_MIMETYPES and "content.xml" in names:
                        return OFFICE[ODF_MIMETYPES[mimetype]]
            if "[Content_Types].xml" in names:
                for part, key in OOXML_MAIN.items():
                    if part in names:
                        return OFFICE[key]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError,
            NotImplementedError):
        return None
    finally:
        stream.seek(0)
    return None


def _pdf_ok(stream: BinaryIO) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(stream, strict=False)
        return len(reader.pages) >= 0
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError,
            AttributeError, IndexError):
        return False
    finally:
        stream.seek(0)


def _text_kind(stream: BinaryIO, head: bytes) -> Kind | None:
    """Plain text or CSV: UTF-8 throughout, no NUL or other control characters but tab and
    line ends, and no markup a browser would run if it ever rendered it."""
    if MARKUP_START.match(head.lstrip(b"\xef\xbb\xbf")) or MARKUP_ANYWHERE.search(head):
        return None
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := stream.read(1024 * 1024):
            text = decoder.decode(chunk)
            if _CONTROLS.search(text):
                return None
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    finally:
        stream.seek(0)
    sample = head.decode("utf-8", "ignore")
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    if len(lines) >= 2:
        try:
            dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t")
            counts = {line.count(dialect.delimiter) for line in lines[:-1]}
            if len(counts) == 1 and counts.pop() >= 1:
                return CSV
        except csv.Error:
            pass
    return TEXT


def detect(stream: BinaryIO) -> tuple[Kind, str | None]:
    """The kind of a file from its content: (kind, image format for Pillow or None).
    Raises ValidationFailed (field `file`) for anything we do not accept."""
    head = stream.read(HEAD)
    stream.seek(0)
    if not head:
        raise refuse("This file is empty (0 bytes). Choose the file again: it may not have "
                     "finished saving.")
    found = image_format(head)
    if found:
        return IMAGES[found], found
    if head.startswith(b"%PDF-"):
        if _pdf_ok(stream):
            return PDF, None
        raise refuse("This file starts like a PDF but could not be read as one. Save or "
                     "export it as PDF again and upload that.")
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(stream)
        if kind:
            return kind, None
        raise refuse("This is a ZIP archive (or a document we do not know). We accept "
                     f"{ACCEPTED}. Upload the documents inside it one by one.")
    looks = what_it_looks_like(head)
    if looks == "an SVG image":
        raise refuse("SVG images are not accepted, because they can carry scripts. Export "
                     "the drawing as PNG and upload that.")
    kind = _text_kind(stream, head)
    if kind:
        return kind, None
    raise refuse(f"This file's content is {looks}, which we do not accept (whatever its "
                 f"name says). We accept {ACCEPTED}.")


# ---------------------------------------------------------------- names

# Bidirectional controls (an RTL override makes "gpj.exe" read "exe.jpg"), zero-width
# characters and other format characters: never part of a name we show.
_FORMAT_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_UNSAFE_IN_NAME = re.compile(r"[^\w .,()+&'-]", re.UNICODE)
NAME_MAX = 120


def clean_name(name: str | None, extension: str) -> str:
    """A name to store and show: its last path part only (no ../), without NUL, control,
    format or bidirectional characters, Markdown or URL punctuation, leading dots or
    spaces; at most NAME_MAX characters; and ending in the extension of what the content
    is (a PNG named photo.jpg is photo.png)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(char for char in name
                   if unicodedata.category(char) not in _FORMAT_CATEGORIES)
    name = _UNSAFE_IN_NAME.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" ._")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem.strip(" ._")[: NAME_MAX - len(extension) - 1].rstrip(" ._") or "file"
    return f"{stem}.{extension}"
