"""The demo's check-by dates and partnerships (demo/sectors.toml), made through the
services; after the articles, the community and the organisations exist."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

import demo
from core.extensions import db
from core.timeutil import utcnow
from partners import posts
from partners.models import PartnerReply
from wiki.models import Article, ArticleCheck


def load_demo_sectors(users: dict) -> None:
    spec = demo.manifest("sectors.toml")
    now = utcnow()
    for item in spec.get("checks", []):
        article = db.session.scalar(select(Article).where(Article.title == item["article"]))
        if article is None:
            continue
        if item.get("checked_by"):
            db.session.add(ArticleCheck(
                article_id=article.id, revision_number=article.revision_count,
                checked_by_id=users[item["checked_by"]].id, note=item.get("note", ""),
                checked_at=now - timedelta(days=item.get("checked_days_ago", 0)),
                next_check_by=(now + timedelta(days=item["check_by_days"])).date()))
        article.check_by = (now + timedelta(days=item["check_by_days"])).date()
    for item in spec.get("partnerships", []):
        post = posts.create_post(users[item["author"]], posts.PostInput(
            title=item["title"], body=item["body"], region=item.get("region", ""),
            online=item.get("online", False), sectors=item.get("sectors", []),
            kinds=item.get("kinds", []), topic=item.get("topic", ""),
            until=(now + timedelta(days=item["until_days"])).date()
            if item.get("until_days") else None))
        for reply in item.get("replies", []):
            # Written directly: the demo's replies notify nobody.
            text = reply["body"].strip()
            db.session.add(PartnerReply(post_id=post.id, author_id=users[reply["author"]].id,
                                        body=text, body_html=f"<p>{_escape(text)}</p>",
                                        public=reply.get("public", False)))
    db.session.flush()


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
