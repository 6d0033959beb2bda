"""The wiki: authored best-practice articles, their history and attribution."""

from __future__ import annotations

from flask import Flask


def init_wiki(app: Flask) -> None:
    from core import signals
    from core.pagecache import FragmentCache
    from wiki import (
        feeds,  # noqa: F401 - feeds registers its routes on bp
        views_checks,  # noqa: F401 - check-by dates' routes on bp
    )
    from wiki.views import bp

    app.register_blueprint(bp)
    # Rendered article pages, per process, keyed by article version (see core.pagecache).
    app.extensions["wiki.article_pages"] = FragmentCache(max_entries=2048, ttl=300)
    # Diffs of pairs of revisions, which never change (each at most about 1 MB of HTML).
    app.extensions["wiki.diffs"] = FragmentCache(max_entries=128, ttl=24 * 3600)
    signals.connect(app, signals.profile_changed, _profile_changed)
    from core import permissions
    from wiki import checking

    permissions.provide(app, "leads", checking.leads)
    app.add_template_global(checking.check_status, "check_status")


def _profile_changed(_app: Flask, *, user) -> None:
    """A member's name shows in the bylines of the articles they wrote."""
    from wiki import services

    services.touch_articles_of(user)
