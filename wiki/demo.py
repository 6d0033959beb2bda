"""Demo articles for `flask demo load` (demo/articles/), with revisions spread over months.

Each article's folder holds article.toml (title, tags, sectors, and per revision its
author, summary and how long `ago` it was made) and the full text after each revision in
01.md, 02.md ... The articles are written in the order they were started, oldest first.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

import demo
from core.extensions import db
from core.timeutil import utcnow
from wiki import saving
from wiki.models import Article, Revision


def demo_articles() -> list[dict]:
    """Each article's manifest, its revisions carrying their `body`; oldest article first."""
    articles = []
    for folder in demo.folders("articles"):
        spec = demo.manifest(folder / "article.toml")
        for number, revision in enumerate(spec["revisions"], start=1):
            revision["body"] = (folder / f"{number:02d}.md").read_text(encoding="utf-8")
        articles.append(spec)
    return sorted(articles, key=lambda spec: timedelta(**spec["revisions"][0]["ago"]),
                  reverse=True)


def load_demo_articles(users: dict) -> None:
    from files.demo import with_demo_images

    now, images = utcnow(), {}
    for spec in demo_articles():
        for revision in spec["revisions"]:  # (demo-image:NAME) -> the uploaded image
            revision["body"] = with_demo_images(revision["body"],
                                                users[revision["author"]], images)
        tags, sectors = spec.get("tags", []), spec.get("sectors", [])
        first, *edits = spec["revisions"]
        article = saving.create_article(
            users[first["author"]], title=spec["title"], body=first["body"],
            summary=first["summary"], tags=tags, sectors=sectors).article
        for edit in edits:
            saving.save_edit(article, users[edit["author"]], title=spec["title"],
                             body=edit["body"], summary=edit["summary"], tags=tags,
                             sectors=sectors, base_revision=article.current_revision.number)
        _backdate(article, [now - timedelta(**revision["ago"]) for revision in spec["revisions"]])


def _backdate(article: Article, times: list) -> None:
    revisions = db.session.scalars(select(Revision).where(Revision.article_id == article.id)
                                   .order_by(Revision.number)).all()
    for revision, moment in zip(revisions, times, strict=False):
        revision.created_at = moment
    article.created_at = revisions[0].created_at
    article.updated_at = revisions[-1].created_at
    db.session.flush()
    saving.update_authors(article, article.current_revision.attribution)
