"""The wiki: authored best-practice articles, their history and attribution."""

from __future__ import annotations

from flask import Flask


def init_wiki(app: Flask) -> None:
    from core import hooks
    from wiki import feeds, services  # noqa: F401 - feeds registers its routes on bp
    from wiki.demo import load_demo_articles
    from wiki.views import bp

    app.register_blueprint(bp)
    hooks.register(hooks.profile_sections, services.articles_of)
    hooks.register(hooks.demo_loaders, load_demo_articles)
