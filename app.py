"""Commonplace: the application factory.

Nothing is created at import time; `create_app` builds a configured app with its
extensions, blueprints, CLI commands and error handlers.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from core import config as core_config


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(core_config.from_environment(app.instance_path, os.environ))
    if config:
        app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = core_config.instance_secret_key(app.instance_path)

    from core import init_core

    init_core(app)

    from wiki import init_wiki

    init_wiki(app)

    from community import init_community

    init_community(app)

    from orgs import init_orgs

    init_orgs(app)

    from editors import init_editors

    init_editors(app)

    from search import init_search

    init_search(app)

    # Background jobs, and the mail they send (mail hears the community's notifications).
    from jobs import init_jobs

    init_jobs(app)

    from mail import init_mail

    init_mail(app)

    from training import init_training

    init_training(app)
    # Images and attachments in articles, questions and answers (their text is searched).
    from files import init_files

    init_files(app)
    from transfer import init_transfer

    init_transfer(app)
    # Community chats (reminders are jobs, mailed through mail's outbox).
    from chats import init_chats

    init_chats(app)
    from sectors import init_sectors

    init_sectors(app)

    # Parts made of the parts above: the composed pages, and `flask demo load`.
    from pages import init_pages

    init_pages(app)

    from demo.cli import init_demo

    init_demo(app)
    return app
