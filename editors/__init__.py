"""The editors' desk: featured content, collections, review marks, moderation and the
audit log."""

from __future__ import annotations

from flask import Flask, url_for


def init_editors(app: Flask) -> None:
    import editors.views_collections  # noqa: F401 - registers its routes on views.bp
    import editors.views_flags  # noqa: F401 - registers its routes on views.bp
    from core import signals
    from editors import links, log, review, views

    app.register_blueprint(views.bp)
    app.context_processor(_template_helpers)
    app.jinja_env.filters["last_day"] = _last_day
    app.jinja_env.filters["audit_action"] = log.action_label
    signals.connect(app, signals.checking_post, links.check_links)
    signals.connect(app, signals.role_changed, log.role_changed)
    signals.connect(app, signals.article_saved, review.article_saved)


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
