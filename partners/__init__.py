"""The partnerships board (/partners/): members post a project looking for a partner in
another sector; others reply privately to the poster (notification and mail) or
publicly; a post closes when a partner is found and can become a short practice
article."""

from __future__ import annotations

from flask import Flask


def init_partners(app: Flask) -> None:
    from partners import views

    app.register_blueprint(views.bp)
