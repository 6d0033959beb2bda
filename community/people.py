"""People in the community: the `people` blueprint, which serves notifications
(`notification_views`), watching (`watch_views`), badges (`badge_views`) and the question
feeds (`feeds`), and the community part of each profile (`profile`). Thin views; the rules
live in community.notifications, community.reputation and the services (community.questions,
community.answers...)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("people", __name__)


def init_people(app: Flask) -> None:
    """Register the blueprint (with its routes) and the header's helpers."""
    from community import badge_views, feeds, watch_views  # noqa: F401 - routes on bp
    from community.notification_views import header_context

    app.register_blueprint(bp)
    app.context_processor(header_context)


