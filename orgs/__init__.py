"""Organisations and consortia: the libraries behind the members and the networks they
belong to (orgs/models.py), their pages (orgs/views.py) and `flask orgs import`."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("orgs", __name__, url_prefix="/orgs")


def init_orgs(app: Flask) -> None:
    from core import permissions, signals
    from orgs import affiliations, views, views_manage  # noqa: F401 - their routes
    from orgs.cli import orgs_cli

    app.register_blueprint(bp)
    permissions.provide(app, "org_admin", affiliations.is_org_admin)
    permissions.provide(app, "acts_for", affiliations.acts_for)
    app.cli.add_command(orgs_cli)
    signals.connect(app, signals.byline_affiliations, _byline_affiliations)


def _byline_affiliations(_app: Flask, *, authors: dict) -> dict[int, str]:
    from orgs import affiliations

    return affiliations.labels_during(authors)
