"""A member's notifications: the list, marking them read, and the header's unread count.
The rules live in community.notifications."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community import notifications
from community.models import Notification
from community.people import bp
from core.edge import attempt
from core.extensions import db
from core.forms import check_button_form
from core.numbers import page_arg, parse_int
from core.urls import is_local_url

PER_PAGE = 25


def header_context() -> dict:
    return {"unread_notifications": _unread_notifications, "is_watching": _is_watching}


def _is_watching(target_type: str, target_id: int) -> bool:
    """Whether the signed-in member watches this (for the article page's Watch button)."""
    return notifications.is_watching(current_user, target_type, target_id)


def _unread_notifications() -> int:
    """The signed-in member's unread count, counted once per request."""
    if "unread_notifications" not in g:
        g.unread_notifications = notifications.unread_count(current_user)
    return g.unread_notifications


@bp.route("/notifications", endpoint="notifications")
@login_required
def notifications_page():
    page = db.paginate(
        select(Notification).where(Notification.user_id == current_user.id)
        .options(selectinload(Notification.actor))
        .order_by(Notification.created_at.desc(), Notification.id.desc()),
        page=page_arg(), per_page=PER_PAGE,
        error_out=False)
    return render_template("community/notifications.html", page=page)


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():
    check_button_form()
    raw = request.form.get("id", "").strip()
    if not raw:
        count = attempt(lambda: notifications.mark_read(current_user)).value
        flash("All notifications are marked as read." if count else
              "You had no unread notifications.", "success")
        return redirect(url_for("people.notifications"))
    number = parse_int(raw)
    item = db.session.get(Notification, number) if number is not None else None
    if item is None or item.user_id != current_user.id:
        abort(404)
    attempt(lambda: notifications.mark_read(current_user, item.id))
    return redirect(item.url if is_local_url(item.url) else url_for("people.notifications"))
