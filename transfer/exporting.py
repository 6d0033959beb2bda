"""What both exports share: the visible articles in a stable order, the name each author
is exported under, the site's licence, and the titles behind slugs."""

from __future__ import annotations

from collections.abc import Iterator

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from core.extensions import db
from core.models import User
from transfer.models import Placeholder
from wiki.models import Article, ArticleAuthor, ArticleSlug

BATCH = 200


def licence() -> tuple[str, str]:
    return current_app.config["SITE_LICENCE"], current_app.config["SITE_LICENCE_URL"]


def visible_articles() -> Iterator[Article]:
    """Every article readers can see, by title, loaded a batch at a time."""
    ids = db.session.scalars(select(Article.id).where(Article.hidden.is_(False))
                             .order_by(Article.title_key, Article.id)).all()
    for start in range(0, len(ids), BATCH):
        batch = db.session.scalars(
            select(Article).where(Article.id.in_(ids[start:start + BATCH]))
            .options(joinedload(Article.current_revision),
                     selectinload(Article.authors).joinedload(ArticleAuthor.user),
                     selectinload(Article.tags), selectinload(Article.sector_rows))
            .order_by(Article.title_key, Article.id)).all()
        yield from batch


class Names:
    """The name an author is exported under: a placeholder's wiki username (so that an
    import of the export credits the same contributor), else the member's username."""

    def __init__(self):
        self.placeholders = dict(db.session.execute(
            select(Placeholder.user_id, Placeholder.wiki_username)).all())
        self.cache: dict[int, str] = {}

    def __call__(self, user_id: int) -> str:
        name = self.cache.get(user_id)
        if name is None:
            user = db.session.get(User, user_id)
            wiki_name = self.placeholders.get(user_id)
            name = (wiki_name if wiki_name else user.display_name if wiki_name == ""
                    else user.username)
            self.cache[user_id] = name
        return name


def slug_titles() -> dict[str, str]:
    """Every slug (current or old) and the title of its article, for links."""
    return dict(db.session.execute(
        select(ArticleSlug.slug, Article.title).join(Article,
                                                     Article.id == ArticleSlug.article_id)).all())
