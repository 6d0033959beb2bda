"""Uploaded images at the size the screen needs: after rendering (core.markup's
`after_render` steps), each <img> whose src is one of our uploads gets the width and height
of the image (no layout shift while it loads) and, when smaller widths were made at upload
(FileVariant), a `srcset` of them and `sizes` for the text column. Every value is built
here from our own records; member text never supplies them (core.markup strips theirs)."""

from __future__ import annotations

import re
from urllib.parse import quote

from sqlalchemy import select

from core.extensions import db
from core.markup import IMAGE_SIZES, IMG_TAG_RE
from files.models import FileVariant, StoredFile

# nh3 writes attributes as name="value" with `"` escaped: these read them exactly.
_SRC = re.compile(r'\ssrc="/files/([0-9a-f]{64})/[^"]*"')
_HAS_SIZE = re.compile(r'\s(?:width|height)="')
MAX_IMAGES = 200  # the images of one text given sizes (more is not an article's)


def srcset_for(record: StoredFile, variants: list[FileVariant]) -> str:
    name = quote(record.name, safe="")
    candidates = [f"/files/{variant.sha256}/{name} {variant.width}w"
                  for variant in sorted(variants, key=lambda v: v.width)]
    candidates.append(f"/files/{record.sha256}/{name} {record.width}w")
    return ", ".join(candidates)


def add_image_sizes(html: str) -> str:
    """The rendered HTML with our images' dimensions and smaller widths."""
    if "/files/" not in html or "<img" not in html:
        return html
    wanted = set()
    for match in IMG_TAG_RE.finditer(html):
        src = _SRC.search(match.group(1))
        if src:
            wanted.add(src.group(1))
            if len(wanted) >= MAX_IMAGES:
                break
    if not wanted:
        return html
    records = {}
    for record in db.session.scalars(select(StoredFile).where(
            StoredFile.sha256.in_(wanted), StoredFile.width.is_not(None))
            .order_by(StoredFile.id)):
        records.setdefault(record.sha256, record)
    if not records:
        return html
    variants: dict[str, list[FileVariant]] = {}
    for variant in db.session.scalars(select(FileVariant).where(
            FileVariant.original_sha256.in_(records))):
        variants.setdefault(variant.original_sha256, []).append(variant)

    def sized(match: re.Match) -> str:
        attributes = match.group(1)
        src = _SRC.search(attributes)
        record = records.get(src.group(1)) if src else None
        if record is None or not record.width or not record.height:
            return match.group(0)
        extra = ""
        if not _HAS_SIZE.search(attributes):
            extra += f' width="{record.width}" height="{record.height}"'
        if variants.get(record.sha256):
            extra += (f' srcset="{srcset_for(record, variants[record.sha256])}"'
                      f' sizes="{IMAGE_SIZES}"')
        return f"<img{attributes}{extra}>" if extra else match.group(0)

    return IMG_TAG_RE.sub(sized, html)
