"""The live hour on the web: releasing prompts, replying, the polling endpoint, hiding
replies, locking and closing."""

from __future__ import annotations

from types import SimpleNamespace

from flask import abort, flash, jsonify, redirect, render_template, request
from flask_login import current_user

from chats import bp, live
from chats.forms import HideForm, ReplyForm
from chats.views import chat_url, load, render_chat
from core import permissions
from core.edge import act, attempt
from core.errors import NotFound
from core.forms import check_button_form
from core.numbers import int_arg, parse_int


@bp.route("/<int:chat_id>/release", methods=["POST"])
def release(chat_id: int):
    permissions.require_member(current_user)
    check_button_form()
    found = load(chat_id)
    return act(lambda: live.release_next(current_user, found), "The next prompt is out.",
               chat_url(chat_id, "prompts"))


@bp.route("/<int:chat_id>/reply", methods=["POST"])
def reply(chat_id: int):
    permissions.require_member(current_user, "Please sign in to take part.")
    load(chat_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        abort(400)
    prompt_id = parse_int(form.prompt_id.data, None, low=1)
    parent_id = parse_int(form.parent_id.data, None, low=1)
    outcome = attempt(lambda: live.post_reply(current_user, load(chat_id), form.body.data or "",
                                              prompt_id=prompt_id, parent_id=parent_id), form)
    if outcome.done:
        return redirect(chat_url(chat_id, f"reply-{outcome.value.id}"))
    return render_chat(load(chat_id), reply_form=form, status=outcome.status)


def _polled(row) -> SimpleNamespace:
    return SimpleNamespace(id=row.id, prompt_id=row.prompt_id, parent_id=row.parent_id,
                           html=row.html, created_at=row.created_at, hidden=False,
                           author_name=row.display_name or row.username or row.outside_author
                           or "someone", author_username=row.username)


@bp.route("/<int:chat_id>/replies")
def replies(chat_id: int):
    """Replies after `after` (204 when there are none): JSON for the page's script, or
    (`format=html`) the fragment of them. One indexed query; nothing else is read."""
    after = int_arg("after", 0, low=0)
    rows = live.replies_after(chat_id, after)
    if not rows:
        return "", 204, {"Cache-Control": "no-store"}
    polled = [_polled(row) for row in rows]
    if request.args.get("format") == "html":
        return render_template("chats/_replies_fragment.html", replies=polled,
                               chat_id=chat_id), 200, {"Cache-Control": "no-store"}
    response = jsonify({
        "last": polled[-1].id,
        "replies": [{"id": item.id, "prompt_id": item.prompt_id, "parent_id": item.parent_id,
                     "html": render_template("chats/_reply.html", reply=item, children=None,
                                             chat_id=chat_id, polled=True)}
                    for item in polled]})
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/replies/<int:reply_id>/hide", methods=["POST"])
def hide(reply_id: int):
    permissions.require_member(current_user)
    form = HideForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        found = live.get_reply(reply_id)
    except NotFound:
        abort(404)
    hidden = request.form.get("hidden", "1") == "1"
    outcome = attempt(lambda: live.hide_reply(current_user, live.get_reply(reply_id),
                                              form.reason.data or "", hidden))
    if outcome.done:
        flash("The reply is hidden." if hidden else "The reply is visible again.", "success")
    return redirect(chat_url(found.chat_id, f"reply-{reply_id}"))


@bp.route("/<int:chat_id>/lock", methods=["POST"])
def lock(chat_id: int):
    permissions.require_member(current_user)
    check_button_form()
    locked = request.form.get("locked", "1") == "1"
    found = load(chat_id)
    return act(lambda: live.set_locked(current_user, found, locked),
               "The chat is locked." if locked else "The chat is open again.",
               chat_url(chat_id))


@bp.route("/<int:chat_id>/close", methods=["POST"])
def close(chat_id: int):
    permissions.require_member(current_user)
    check_button_form()
    found = load(chat_id)
    return act(lambda: live.close(current_user, found),
               "The chat is closed. Write its summary when you are ready.", chat_url(chat_id))
