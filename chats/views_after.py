"""After the chat on the web: the summary with its highlights, the curator, the practice
article made from it, and the editors' import form (with a preview)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from chats import bp, importing, live, summaries
from chats.forms import CuratorForm, ImportForm, SummaryForm
from chats.views import chat_url, load
from core import permissions
from core.edge import attempt, form_status
from core.forms import check_button_form
from core.numbers import parse_int


@bp.route("/<int:chat_id>/summary", methods=["GET", "POST"])
def summary(chat_id: int):
    permissions.require_member(current_user, "Please sign in to write the summary.")
    found = load(chat_id)
    permissions.require(permissions.may_summarise_chat(current_user, found),
                        "Only the chat's host or its curator writes the summary.")
    form = SummaryForm(obj=None) if request.method == "POST" else SummaryForm(
        overview=found.summary, next_steps=found.next_steps)
    if request.method == "POST" and form.validate_on_submit():
        syntheses = {prompt.id: request.form.get(f"synthesis-{prompt.id}", "")
                     for prompt in found.prompts}
        chosen = {number for number in (parse_int(value, None, low=1)
                                        for value in request.form.getlist("highlight")[:500])
                  if number is not None}
        outcome = attempt(lambda: summaries.write_summary(
            current_user, load(chat_id), overview=form.overview.data or "",
            next_steps=form.next_steps.data or "", syntheses=syntheses, highlights=chosen),
            form)
        if outcome.done:
            flash("The summary is saved.", "success")
            return redirect(chat_url(chat_id, "summary"))
    elif request.method == "POST" and form.csrf_token.errors:
        abort(400)
    highlighted = {reply.id for replies in summaries.highlights_of(found).values()
                   for reply in replies}
    return render_template(
        "chats/summary_form.html", form=form, chat=found,
        threads=live.thread(live.replies_of(found)), highlighted=highlighted,
        syntheses={prompt.id: request.form.get(f"synthesis-{prompt.id}", prompt.synthesis)
                   for prompt in found.prompts}), form_status(form)


@bp.route("/<int:chat_id>/curator", methods=["POST"])
def curator(chat_id: int):
    permissions.require_member(current_user)
    form = CuratorForm()
    if not form.validate_on_submit():
        abort(400)
    found = load(chat_id)
    outcome = attempt(lambda: summaries.name_curator(current_user, found,
                                                     form.username.data or ""))
    if outcome.done:
        flash("The curator is named." if found.curator_id else "No curator now.", "success")
    return redirect(chat_url(chat_id, "after"))


@bp.route("/<int:chat_id>/article", methods=["POST"])
def to_article(chat_id: int):
    permissions.require_member(current_user)
    check_button_form()
    found = load(chat_id)
    outcome = attempt(lambda: summaries.to_article(current_user, found))
    if outcome.done:
        flash("The summary is now a practice article, crediting the quoted members.",
              "success")
        return redirect(url_for("wiki.article", slug=outcome.value.slug))
    return redirect(chat_url(chat_id, "summary"))


@bp.route("/import", methods=["GET", "POST"])
def import_form():
    permissions.require_member(current_user, "Please sign in to import chats.")
    permissions.require(permissions.may_import_chats(current_user),
                        "Only editors import chats.")
    form = ImportForm()
    preview = None
    if form.validate_on_submit():
        outcome = attempt(lambda: importing.parse_text(form.text.data or "",
                                                       form.time_zone.data or "UTC"), form)
        if outcome.done:
            preview = outcome.value
            if form.confirm.data == "1":
                saved = attempt(lambda: importing.import_parsed(
                    current_user, importing.parse_text(form.text.data or "",
                                                       form.time_zone.data or "UTC")), form)
                if saved.done:
                    chat, added = saved.value
                    flash(f"Imported: {added} new replies." if added else
                          "Nothing new: this chat was imported before.", "success")
                    return redirect(chat_url(chat.id))
    elif form.csrf_token.errors:
        abort(400)
    return render_template("chats/import.html", form=form, preview=preview), form_status(form)

