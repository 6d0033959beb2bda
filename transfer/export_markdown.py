"""`flask export markdown OUT.zip` (and the admins' download): every visible article as a
Markdown file with front matter (title, slug, authors with their shares, tags, sectors,
revision, licence), and an index. Front matter values are JSON strings and lists, which
YAML reads as they are."""

from __future__ import annotations

import json
import zipfile

from core.timeutil import utcnow
from transfer.exporting import Names, licence, visible_articles


def front_matter(article, names: Names, licence_name: str, licence_url: str) -> str:
    revision = article.current_revision
    total = sum(author.share for author in article.authors) or 1
    authors = [{"name": author.user.name, "username": names(author.user_id),
                "share": round(100 * author.share / total, 1), "words": author.share,
                "edits": author.edits, "lead": author.lead} for author in article.authors]
    fields = {
        "title": article.title, "slug": article.slug,
        "authors": authors, "tags": [tag.name for tag in article.tags],
        "sectors": article.sectors, "revision": revision.number if revision else 0,
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


def write_markdown_zip(handle) -> int:
    """Write the zip to a binary file; returns how many articles it holds."""
    licence_name, licence_url = licence()
    names = Names()
    index = ["# Articles", "", f"Exported on {utcnow():%Y-%m-%d}. Member content is licensed "
             f"under {licence_name} ({licence_url}); each file names its authors.", ""]
    count = 0
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for article in visible_articles():
            body = article.current_revision.body if article.current_revision else ""
            text = front_matter(article, names, licence_name, licence_url) + "\n" + body
            archive.writestr(f"articles/{article.slug}.md", text)
            index.append(f"- [{article.title}](articles/{article.slug}.md)")
            count += 1
        archive.writestr("index.md", "\n".join(index) + "\n")
        archive.writestr("LICENCE.txt", f"Member content on this site is licensed under "
                                        f"{licence_name}: {licence_url}\n")
    return count
