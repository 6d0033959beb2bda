"""Protecting and hiding articles, written to the audit log."""

from __future__ import annotations

from sqlalchemy import select

from core import audit, permissions
from core.extensions import db
from core.models import User
from wiki.models import Article, ArticleSlug
from wiki.services import article_changed, count_tags, touch, touch_linking_to


def slugs_of(article: Article) -> set[str]:
    return set(db.session.scalars(select(ArticleSlug.slug).where(
        ArticleSlug.article_id == article.id)))


def _audit(actor, action: str, article: Article) -> None:
    audit.record(actor, action, "article", article.id, label=article.title,
                 url=f"/wiki/{article.slug}")


def set_protected(article: Article, editor: User, protected: bool) -> Article:
    permissions.require(permissions.may_protect_article(editor),
                        "Only editors may protect articles.")
    if bool(article.protected) != bool(protected):
        _audit(editor, "article.protected" if protected else "article.unprotected", article)
    article.protected = protected
    touch(article)
    db.session.flush()
    return article


def set_hidden(article: Article, user: User, hidden: bool, *, audited: bool = True) -> Article:
    """Hide or show an article. `audited=False`: the caller writes the log's entry."""
    if hidden:
        permissions.require(permissions.may_hide(user, article), "Only editors may hide articles.")
    else:
        permissions.require(permissions.may_restore_article(user),
                            "Only admins may restore hidden articles.")
    if audited and bool(article.hidden) != bool(hidden):
        _audit(user, "article.hidden" if hidden else "article.shown", article)
    if article.hidden != hidden:
        count_tags({tag.id for tag in article.tags}, -1 if hidden else 1)
    article.hidden = hidden
    touch(article)
    touch_linking_to(slugs_of(article))
    db.session.flush()
    article_changed(article)
    return article
