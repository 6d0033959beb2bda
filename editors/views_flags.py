"""Flags on the web: the editors' queue and what they do with it (dismiss, hide, correct,
merge, remove a revision from the history), and a member reporting a problem."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectChoice

from core import permissions
from core.edge import act, attempt, form_status
from core.errors import NotFound, PermissionDenied, ValidationFailed
from editors import common, history, merging
from editors import flags as flagging
from editors.forms import FlagForm, ModerateForm, ModerationEditForm, ReasonForm
from editors.models import FLAG_REASONS, FLAG_TARGETS
from editors.views import _sign_in_first, bp, editors_only
from wiki import saving


@bp.route("/editors/flags")
@editors_only
def flags():
    status = "closed" if request.args.get("status") == "closed" else "open"
    return render_template("editors/flags.html", status=status,
                           groups=flagging.flag_groups(current_user, status))


MODERATION_MESSAGES = {
    "dismiss": "The flags are dismissed.",
    "hide": "Hidden: it has left the pages and search, and its flags are closed.",
    "outdated": "The article is marked out of date until someone updates it.",
    "merge": "Merged: the answers moved, the old address redirects, and both askers are told.",
}


@bp.route("/editors/flags/<kind>/<int:object_id>", methods=["POST"])
@editors_only
def moderate(kind: str, object_id: int):
    form = ModerateForm()
    if not form.validate_on_submit():
        abort(400)
    if kind not in FLAG_TARGETS:
        abort(404)
    action = request.form.get("action", "")
    reason = form.reason.data or ""

    def work():
        if action == "dismiss":
            return flagging.dismiss_flags(current_user, kind, object_id, reason)
        if action == "hide":
            return flagging.hide_content(current_user, kind, object_id, reason)
        if action == "outdated" and kind == "article":
            return flagging.outdated_from_flags(current_user, object_id,
                                                form.note.data or reason)
        if action == "merge" and kind == "question":
            permissions.require_editor(current_user)
            source = common.load_target("question", object_id, current_user)
            target = common.resolve_address(form.merge_into.data, kinds=("question",),
                                              field_name="merge_into")
            return merging.merge_questions(current_user, source, target.thing, reason)
        raise ValidationFailed("Choose one of the actions offered.")

    return act(work, MODERATION_MESSAGES.get(action, "Done."),
                url_for("editors.flags"))


@bp.route("/editors/flags/<kind>/<int:object_id>/edit", methods=["GET", "POST"])
@editors_only
def moderate_edit(kind: str, object_id: int):
    if kind not in FLAG_TARGETS:
        abort(404)
    try:
        target = common.load_target(kind, object_id, current_user)
    except NotFound:
        abort(404)
    form = ModerationEditForm()
    if request.method == "GET":
        form.title.data = getattr(target, "title", "")
        form.body.data = target.current_revision.body if kind == "article" else target.body
    elif form.validate_on_submit():
        def correct():
            try:
                return flagging.edit_flagged(
                    current_user, kind, object_id, body=form.body.data or "",
                    title=form.title.data or "", reason=form.reason.data or "",
                    suppress_previous=bool(form.suppress_previous.data))
            except (saving.EditConflict, PermissionDenied) as error:  # said beside the text
                raise ValidationFailed(error.message, "body") from error

        if attempt(correct, form).done:
            flash("The correction is saved and its flags are closed.", "success")
            return redirect(url_for("editors.flags"))
    from editors.audit import describe

    label = describe(kind, target)[0]
    return render_template("editors/moderate_edit.html", form=form, kind=kind,
                           target=target, label=label), form_status(form)


@bp.route("/editors/history/<kind>/<int:object_id>/<int:number>", methods=["POST"])
@editors_only
def revision_history(kind: str, object_id: int, number: int):
    """Remove a revision's text from the history (editors), or put it back (admins)."""
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    if kind not in history.HISTORY_KINDS:
        abort(404)
    restore = request.form.get("action") == "restore"
    back = [url_for("editors.flags")]

    def work():
        target, _revision = history.history_revision(kind, object_id, number, current_user)
        back[0] = history.history_url(kind, target)
        change = history.restore_revision if restore else history.suppress_revision
        return change(current_user, kind, object_id, number, form.reason.data or "")

    if attempt(work).done:
        flash(f"Revision {number} is back in the history." if restore else
              f"The text of revision {number} is removed from the history: only admins can "
              "read it now.", "success")
    return redirect(back[0])


# ---------------------------------------------------------------- reporting a problem

@bp.route("/report", methods=["GET", "POST"])
def report():
    _sign_in_first("Please sign in to report a problem.")
    form = FlagForm()
    try:
        page = flagging.report_page(request.values.get("on"), current_user)
        items = flagging.flaggable_items(page.kind, page.object_id, current_user)
    except NotFound:
        abort(404)
    form.target.choices = [SelectChoice(key, text) for key, _thing, text in items]
    status = 200
    if request.method == "GET":
        wanted = request.args.get("item") or page.item
        form.target.data = wanted if wanted in {key for key, *_ in items} else items[0][0]
        form.on.data = request.args.get("on")
    elif form.validate_on_submit():
        def work():
            if form.target.data not in {key for key, *_ in items}:
                raise ValidationFailed("Choose what you are reporting.", "target")
            target_kind, target_id = common.parse_key(form.target.data)
            return flagging.flag(current_user, target_kind, target_id,
                                 form.reason.data or "", form.note.data or "")

        outcome = attempt(work, form)
        if outcome.done:
            flash("You have already flagged this; the editors will look at it."
                  if outcome.value.already_open else "Thank you: the editors will look at it.",
                  "success")
            return redirect(page.url)
        status = outcome.status_or(422)
    else:
        abort(400)
    return render_template("editors/report.html", form=form, page=page.url,
                           reasons=FLAG_REASONS), status
