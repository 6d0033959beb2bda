"""People in the community: the `people` blueprint, which serves notifications
(`notification_views`), watching (`watch_views`), badges (`badge_views`) and the question
feeds (`feeds`), and the community part of each profile (`profile`). Thin views; the rules
live in community.notifications, community.reputation and community.services."""

from __future__ import annotations

from flask import Blueprint, Flask, abort

from core.forms import EmptyForm

bp = Blueprint("people", __name__)


def init_people(app: Flask) -> None:
    """Register the blueprint, the header's unread count, the profile section and the demo."""
    from community import badge_views, feeds, watch_views  # noqa: F401 - routes on bp
    from community.demo import load_demo_community
    from community.notification_views import header_context
    from community.profile import profile_section
    from core import hooks

    if "people.notifications" not in app.view_functions:
        app.register_blueprint(bp)
        app.context_processor(header_context)
    hooks.register(hooks.profile_sections, profile_section)
    hooks.register(hooks.demo_loaders, load_demo_community)


def check_form() -> None:
    """The CSRF token of a button's empty form, or 400."""
    if not EmptyForm().validate_on_submit():
        abort(400)
