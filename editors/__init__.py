"""The editors' desk: featured content, collections, review marks, moderation and the
audit log; and the home page's sections."""

from __future__ import annotations

from flask import Flask, url_for
from sqlalchemy import event
from sqlalchemy.orm import Session


def init_editors(app: Flask) -> None:
    import editors.views_collections  # noqa: F401 - registers its routes on views.bp
    import editors.views_flags  # noqa: F401 - registers its routes on views.bp
    from core import hooks
    from editors import audit, home, links, log, review, views
    from editors.demo import load_demo_desk

    app.register_blueprint(views.bp)
    app.context_processor(_template_helpers)
    app.jinja_env.filters["last_day"] = _last_day
    hooks.register(hooks.home_sections, home.home_sections)
    hooks.register(hooks.post_checks, links.check_links)
    hooks.register(hooks.role_changed, log.role_changed)
    hooks.register(hooks.article_saved, review.article_saved)
    hooks.register(hooks.demo_loaders, load_demo_desk)
    if not event.contains(Session, "before_flush", audit.before_flush):
        event.listen(Session, "before_flush", audit.before_flush)


def _template_helpers() -> dict:
    from editors.icons import ICONS

    return {"article_status": _article_status, "flag_url": _flag_url,
            "feature_icons": ICONS}


def _last_day(ends_at):
    """A feature's end is stored as the moment it goes (midnight after its last day)."""
    from datetime import timedelta

    return ends_at - timedelta(days=1) if ends_at else ends_at


def _article_status(article):
    """Review and outdated marks, for the article page (part of its cached fragment)."""
    from editors.review import article_status

    return article_status(article)


def _flag_url(kind: str, key) -> str:
    """Where a member flags one item (an article by slug; a question, answer or comment by
    id): the report form, with that item chosen."""
    return url_for("editors.report", on=f"{kind}:{key}")
