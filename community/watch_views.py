"""Watching a question or an article, and stopping: the buttons' views. The rules live in
community.notifications."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from community import notifications, questions, services
from community.people import bp
from core.edge import attempt
from core.errors import NotFound
from core.forms import check_button_form
from wiki import reading


def _watch_choice() -> bool:
    value = request.form.get("watch", "1")
    if value not in ("0", "1"):
        abort(400)
    return value == "1"


@bp.route("/questions/<int:question_id>/watch", methods=["POST"])
@login_required
def watch_question(question_id: int):
    check_button_form()
    try:
        question = questions.get_question(question_id, current_user)
    except NotFound:
        abort(404)
    watching = _watch_choice()
    # Two identical requests at once: the one that loses the race is redone, a no-op.
    attempt(lambda: (notifications.watch if watching else notifications.unwatch)(
        current_user, "question", question_id))
    message = "You are watching this thread: you will be notified of answers, comments " \
        "and edits." if watching else "You have stopped watching this thread."
    flash(message, "success")
    return redirect(services.question_url(question))


@bp.route("/wiki/<slug>/watch", methods=["POST"])
@login_required
def watch_article(slug: str):
    check_button_form()
    try:
        article = reading.get_article(slug, current_user)
    except NotFound:
        abort(404)
    watching, article_id = _watch_choice(), article.id
    attempt(lambda: (notifications.watch if watching else notifications.unwatch)(
        current_user, "article", article_id))
    message = "You are watching this article: you will be notified of its changes and " \
        "comments." \
        if watching else "You have stopped watching this article."
    flash(message, "success")
    return redirect(url_for("wiki.article", slug=article.slug))
