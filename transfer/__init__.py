"""Moving in and out: importing a MediaWiki dump with its history and authors
(`flask import mediawiki`), exporting every article as Markdown or MediaWiki XML
(`flask export ...`, and a download for admins), placeholder members and their claims,
and the site's licence for member content, shown in the footer and in every export."""

from __future__ import annotations

import os

from flask import Blueprint, Flask

bp = Blueprint("transfer", __name__)

DEFAULT_LICENCE = "CC BY-SA 4.0"
DEFAULT_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"


def init_transfer(app: Flask) -> None:
    from transfer import models, views  # noqa: F401 - its tables and routes
    from transfer.cli import export_cli, import_cli

    app.config.setdefault("SITE_LICENCE", os.environ.get("SITE_LICENCE", DEFAULT_LICENCE))
    app.config.setdefault("SITE_LICENCE_URL",
                          os.environ.get("SITE_LICENCE_URL", DEFAULT_LICENCE_URL))
    app.register_blueprint(bp)
    app.cli.add_command(import_cli)
    app.cli.add_command(export_cli)

    from transfer.importing import import_note

    app.jinja_env.globals["import_note"] = import_note

    @app.context_processor
    def site_licence():
        return {"site_licence": (app.config["SITE_LICENCE"], app.config["SITE_LICENCE_URL"])}
