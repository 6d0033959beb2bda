"""Talk pages: a wiki page's discussion becomes the discussion (comments) under the
article it belongs to, one comment per talk page, credited to its last contributor and
naming everyone who wrote on it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from community.models import Comment
from core.extensions import db
from core.markup import render
from transfer.dump import revisions
from transfer.models import ImportedPage, ImportedRevision
from wiki.models import Article
from wiki.services import touch

COMMENT_MAX = 20_000


def import_talk_page(importer, page) -> None:
    """Add the talk page's latest text under its article (once per wiki revision)."""
    last = None
    contributors: dict[str, None] = {}
    count = 0
    for revision in revisions(page):
        count += 1
        if last is None or (revision.timestamp, revision.id) >= (last.timestamp, last.id):
            last = revision
        name = getattr(revision.user, "text", None)
        if name:
            contributors.setdefault(" ".join(name.split()), None)
    if last is None:
        return
    title = str(page.title).split(":", 1)[-1].strip()
    importer.report.talk_pages += 1
    if importer.dry_run:
        return
    record = db.session.scalar(select(ImportedPage).where(
        ImportedPage.source == importer.source, ImportedPage.wiki_title == title))
    if record is None or importer.already_imported([int(last.id)]):
        return
    converted = importer.convert(last.text or "")
    people = ", ".join(list(contributors)[:30])
    body = (f"*From the talk page on {importer.wiki_name} ({count} revisions"
            f"{', by ' + people if people else ''}).*\n\n{converted.markdown}")[:COMMENT_MAX]
    author = importer.people.for_contributor(getattr(last.user, "text", None),
                                             getattr(last.user, "id", None))
    moment = datetime.fromtimestamp(last.timestamp.unix(), UTC).replace(tzinfo=None)
    db.session.add(Comment(target_type="article", target_id=record.article_id,
                           author_id=author.id, body=body, html=render(body).html,
                           created_at=moment))
    article = db.session.get(Article, record.article_id)
    if article is not None:
        touch(article)
    db.session.add(ImportedRevision(source=importer.source, wiki_revision_id=int(last.id),
                                    revision_id=None, dropped=converted.dropped))
    db.session.flush()
    importer.commit()
