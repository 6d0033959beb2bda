"""The training register: topics libraries want training on, the interest in them,
campaigns that pool pledges of seats and money until they tip, trainers' offers, and an
umbrella body's report of its members' demand (training/models.py for the rules)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("training", __name__, url_prefix="/training")


def init_training(app: Flask) -> None:
    from core import permissions
    from jobs import register
    from training import (  # noqa: F401 - routes
        discussion,
        trainers,
        views_campaigns,
        views_people,
        views_topics,
    )
    from training.jobs import settle_deadlines

    permissions.provide(app, "trains", trainers.trains)
    discussion.register()

    app.register_blueprint(bp)
    app.register_blueprint(views_campaigns.reports_bp)
    register(app, "training_deadlines", settle_deadlines, every={"minute": "*"})
