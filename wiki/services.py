"""What the wiki's services share: marking article pages changed, tag counts, telling search."""

from __future__ import annotations

from sqlalchemy import select, update

from core import signals
from core.extensions import db
from core.models import User
from wiki.models import Article, ArticleAuthor, ArticleLink, Tag


def touch(article: Article) -> None:
    """Mark the article's page as changed (see Article.view_version)."""
    article.view_version = (article.view_version or 0) + 1


def touch_linking_to(slugs: set[str]) -> None:
    """Pages linking to these slugs show them as existing or missing: mark them changed."""
    if not slugs:
        return
    sources = select(ArticleLink.source_id).where(ArticleLink.target_slug.in_(slugs))
    db.session.execute(update(Article).where(Article.id.in_(sources))
                       .values(view_version=Article.view_version + 1)
                       .execution_options(synchronize_session=False))


def touch_articles_of(user: User) -> None:
    """A member's name shows in the bylines of the articles they wrote."""
    written = select(ArticleAuthor.article_id).where(ArticleAuthor.user_id == user.id)
    db.session.execute(update(Article).where(Article.id.in_(written))
                       .values(view_version=Article.view_version + 1)
                       .execution_options(synchronize_session=False))



def article_changed(article: Article) -> None:
    signals.send(signals.content_changed, kind="article", object_id=article.id)


def count_tags(tag_ids: set[int], change: int) -> None:
    """Tag.article_count counts visible articles: changed in SQL, so racing saves add up."""
    if tag_ids:
        db.session.execute(update(Tag).where(Tag.id.in_(tag_ids))
                           .values(article_count=Tag.article_count + change)
                           .execution_options(synchronize_session=False))
