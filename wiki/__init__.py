"""The wiki: authored best-practice articles, their history and attribution."""

from __future__ import annotations

from flask import Flask


def init_wiki(app: Flask) -> None:
    from wiki.views import bp

    app.register_blueprint(bp)
