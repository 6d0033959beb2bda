"""The badges page: every badge, the ones the viewer has earned, and the reputation rules.
The rules live in community.reputation."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from community import reputation
from community.people import bp


@bp.route("/badges")
def badges():
    earned = set()
    if current_user.is_authenticated:
        earned = {badge.key for badge in reputation.badges(current_user)}
    return render_template("community/badges.html", badges=reputation.BADGES,
                           earned=earned, rules=reputation.REPUTATION_RULES)
