"""`flask export markdown OUT.zip` (and the admins' download): every visible article as a
Markdown file with front matter (title, slug, authors with their shares and the
organisation their byline shows, tags, sectors, check-by date, revision, licence), the
files the articles use beside them (files/<sha256>/<name>, the links in the text made
relative to them), and an index. Front matter values are JSON strings and lists, which
YAML reads as they are."""

from __future__ import annotations

import json
import re
import zipfile
from urllib.parse import quote

from sqlalchemy import select

from core.extensions import db
from core.timeutil import utcnow
from files.models import FileVariant, StoredFile
from files.storage import get_storage
from transfer.exporting import Names, licence, visible_articles
from wiki.reading import byline

# /files/<sha256>/<name> in a text, up to where a Markdown link or an attribute ends.
FILE_LINK_RE = re.compile(r"(?<![\w./])/files/([0-9a-f]{64})/[^\s)\"'<>]*")


def front_matter(article, names: Names, licence_name: str, licence_url: str) -> str:
    revision = article.current_revision
    total = sum(author.share for author in article.authors) or 1
    labels = byline(article)["labels"] if any(a.lead for a in article.authors) else {}
    authors = []
    for author in article.authors:
        entry = {"name": author.user.name, "username": names(author.user_id),
                 "share": round(100 * author.share / total, 1), "words": author.share,
                 "edits": author.edits, "lead": author.lead}
        if labels.get(author.user_id):
            entry["organisation"] = labels[author.user_id]
        authors.append(entry)
    organisations = list(dict.fromkeys(
        name for author in article.authors if author.lead
        for name in labels.get(author.user_id, "").split("; ") if name))
    fields = {
        "title": article.title, "slug": article.slug,
        "authors": authors, "organisation": organisations,
        "tags": [tag.name for tag in article.tags],
        "sectors": article.sectors,
        "check_by": article.check_by.isoformat() if article.check_by else None,
        "revision": revision.number if revision else 0,
        "updated": article.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licence": licence_name, "licence_url": licence_url,
    }
    lines = ["---"]
    for key, value in fields.items():
        if key == "authors":
            lines.append("authors:")
            lines += [f"  - {json.dumps(author, ensure_ascii=False)}" for author in value]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines + ["---", ""])


class Attachments:
    """The files the exported texts use, each written once to files/<sha256>/<name>."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.written: dict[str, str] = {}  # sha (as linked) -> path in the zip, or ""

    def rewrite(self, text: str) -> str:
        """The text with its links to our files made relative to articles/, the files
        added to the zip; links to files that are gone stay as they are."""
        hashes = set(FILE_LINK_RE.findall(text)) - set(self.written)
        if hashes:
            self.add(hashes)

        def relative(match: re.Match) -> str:
            path = self.written.get(match.group(1))
            return f"../{path}" if path else match.group(0)

        return FILE_LINK_RE.sub(relative, text)

    def add(self, hashes: set[str]) -> None:
        originals = dict(db.session.execute(
            select(FileVariant.sha256, FileVariant.original_sha256)
            .where(FileVariant.sha256.in_(hashes))).all())
        wanted = {originals.get(sha, sha) for sha in hashes}
        records = {}
        for record in db.session.scalars(select(StoredFile).where(
                StoredFile.sha256.in_(wanted)).order_by(StoredFile.id)):
            records.setdefault(record.sha256, record)
        storage = get_storage()
        for sha in sorted(hashes):
            original = originals.get(sha, sha)
            record = records.get(original)
            path = f"files/{original}/{record.name}" if record else ""
            if record and path not in self.archive.NameToInfo:
                if not storage.exists(original):
                    path = ""
                else:
                    with storage.open(original) as stream, \
                            self.archive.open(path, "w", force_zip64=True) as out:
                        while chunk := stream.read(1 << 16):
                            out.write(chunk)
            self.written[sha] = quote(path) if path else ""


def write_markdown_zip(handle) -> int:
    """Write the zip to a binary file; returns how many articles it holds."""
    licence_name, licence_url = licence()
    names = Names()
    index = ["# Articles", "", f"Exported on {utcnow():%Y-%m-%d}. Member content is licensed "
             f"under {licence_name} ({licence_url}); each file names its authors.", ""]
    count = 0
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        attachments = Attachments(archive)
        for article in visible_articles():
            body = article.current_revision.body if article.current_revision else ""
            if "/files/" in body:
                body = attachments.rewrite(body)
            text = front_matter(article, names, licence_name, licence_url) + "\n" + body
            archive.writestr(f"articles/{article.slug}.md", text)
            index.append(f"- [{article.title}](articles/{article.slug}.md)")
            count += 1
        archive.writestr("index.md", "\n".join(index) + "\n")
        archive.writestr("LICENCE.txt", f"Member content on this site is licensed under "
                                        f"{licence_name}: {licence_url}\n")
    return count
