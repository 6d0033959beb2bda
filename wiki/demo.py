"""Demo articles for `flask demo load`, with revisions spread over recent months."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.extensions import db
from core.timeutil import utcnow
from wiki import services
from wiki.models import Article, Revision


def load_demo_articles(users: dict) -> None:
    from wiki.demo_content import ARTICLES

    now = utcnow()
    for number, spec in enumerate(ARTICLES):
        moment = now - timedelta(days=200 - 14 * number, hours=3 * number)
        (first_author, first_summary, first_body), *edits = spec["revisions"]
        result = services.create_article(
            users[first_author], title=spec["title"], body=first_body, summary=first_summary,
            tags=spec.get("tags", []), sectors=spec.get("sectors", []))
        article = result.article
        times = [moment]
        for author, summary, body in edits:
            services.save_edit(article, users[author], title=spec["title"], body=body,
                               summary=summary, tags=spec.get("tags", []),
                               sectors=spec.get("sectors", []),
                               base_revision=article.current_revision.number)
            times.append(min(times[-1] + timedelta(days=9, hours=5), now - timedelta(hours=2)))
        _backdate(article, times)


def _backdate(article: Article, times: list) -> None:
    revisions = db.session.scalars(select(Revision).where(Revision.article_id == article.id)
                                   .order_by(Revision.number)).all()
    for revision, moment in zip(revisions, times, strict=False):
        revision.created_at = moment
    article.created_at = revisions[0].created_at
    article.updated_at = revisions[-1].created_at
    db.session.flush()
    services.update_authors(article, article.current_revision.attribution)
