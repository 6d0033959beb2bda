"""Chats on the web before and around the live hour: the list, scheduling, a chat's page,
its iCalendar files, reminders, chat hosts and the open agenda."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from chats import agenda, bp, calendar, live, scheduling, summaries
from chats.forms import (
    ChatForm,
    CuratorForm,
    HideForm,
    HostForm,
    ReplyForm,
    SuggestionForm,
)
from chats.models import LIVE, PAST, UPCOMING, Chat
from community.models import Workgroup
from core import permissions
from core.edge import act, attempt, form_status
from core.errors import NotFound
from core.extensions import db
from core.forms import check_button_form
from wiki.models import Article

COMMON_ZONES = ("UTC", "Europe/London", "Europe/Dublin", "Europe/Berlin", "Europe/Paris",
                "America/New_York", "America/Chicago", "America/Denver",
                "America/Los_Angeles", "America/Toronto", "Australia/Sydney",
                "Pacific/Auckland", "Asia/Kolkata", "Asia/Singapore", "Africa/Johannesburg")


def load(chat_id: int) -> Chat:
    try:
        return scheduling.get_chat(chat_id)
    except NotFound:
        abort(404)


def chat_url(chat_id: int, anchor: str | None = None) -> str:
    return url_for("chats.chat", chat_id=chat_id, _anchor=anchor)


@bp.route("/")
def index():
    lists = scheduling.chats_by_status()
    return render_template("chats/index.html", live=lists[LIVE], upcoming=lists[UPCOMING],
                           past=lists[PAST], when=scheduling.when)


def _workgroup_choices() -> list[SelectChoice]:
    groups = db.session.scalars(select(Workgroup).where(Workgroup.archived.is_(False))
                                .order_by(Workgroup.name).limit(500))
    return [SelectChoice("", "None"), *(SelectChoice(group.slug, group.name)
                                       for group in groups)]


@bp.route("/new", methods=["GET", "POST"])
def new():
    permissions.require_member(current_user, "Please sign in to schedule a chat.")
    permissions.require(permissions.may_schedule_chat(current_user),
                        "Only editors and chat hosts may schedule chats.")
    form = ChatForm()
    form.workgroup.choices = _workgroup_choices()
    if form.validate_on_submit():
        outcome = attempt(lambda: scheduling.schedule_chat(
            current_user, scheduling.clean_details(**form.values())), form)
        if outcome.done:
            flash("The chat is scheduled.", "success")
            return redirect(chat_url(outcome.value.id))
    return render_template("chats/form.html", form=form, zones=COMMON_ZONES), form_status(form)


def render_chat(chat: Chat, *, reply_form=None, status: int = 200):
    moment = scheduling.now()
    state = chat.status(moment)
    host = permissions.may_host_chat(current_user, chat)
    replies = live.replies_of(chat, current_user)
    other_zone = request.args.get("tz", "")[:64]
    if other_zone not in scheduling.zone_names():
        other_zone = ""
    prompts = chat.prompts if host else live.released(chat)
    context = {
        "chat": chat, "state": state, "host": host, "prompts": prompts,
        "threads": live.thread(replies), "last_id": max((r.id for r in replies), default=0),
        "when": scheduling.when(chat), "when_other": scheduling.when(chat, other_zone)
        if other_zone else "", "other_zone": other_zone, "zones": COMMON_ZONES,
        "next_prompt": live.next_prompt(chat), "refusal": live.reply_refusal(chat),
        "reply_form": reply_form or ReplyForm(formdata=None),
        "hide_form": HideForm(formdata=None),
        "reminded": scheduling.wants_reminder(current_user, chat),
        "highlights": summaries.highlights_of(chat) if chat.summarised_at else {},
        "suggestions": agenda.open_suggestions() if host and state == UPCOMING else [],
        "workgroup": db.session.get(Workgroup, chat.workgroup_id) if chat.workgroup_id
        else None,
        "curator_form": CuratorForm(formdata=None,
                                    username=chat.curator.username if chat.curator else ""),
        "reply_count": len(replies), "chat_id": chat.id, "polled": False,
        "can_reply": permissions.is_member(current_user) and not live.reply_refusal(chat),
        "local": lambda moment: scheduling.local_time(moment, chat.time_zone),
        "article": db.session.get(Article, chat.article_id) if chat.article_id else None,
    }
    return render_template("chats/chat.html", **context), status


@bp.route("/<int:chat_id>")
def chat(chat_id: int):
    return render_chat(load(chat_id))


@bp.route("/<int:chat_id>.ics")
def chat_ics(chat_id: int):
    found = load(chat_id)
    return Response(calendar.chat_ics(found), mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="{calendar.ics_filename(found)}"'})


@bp.route("/calendar.ics")
def calendar_feed():
    return Response(calendar.feed_ics(), mimetype="text/calendar")


@bp.route("/<int:chat_id>/remind", methods=["POST"])
def remind(chat_id: int):
    permissions.require_member(current_user, "Please sign in to be reminded.")
    check_button_form()
    wanted = request.form.get("wanted", "1") == "1"
    found = load(chat_id)
    return act(lambda: scheduling.set_reminder(current_user, found, wanted),
               "We will mail you an hour before it starts." if wanted
               else "No reminder for this chat.", chat_url(chat_id))


# ---------------------------------------------------------------- chat hosts

@bp.route("/hosts", methods=["GET", "POST"])
def hosts():
    permissions.require_editor(current_user, "Only editors make members chat hosts.")
    form = HostForm()
    if form.validate_on_submit():
        granted = request.form.get("granted", "1") == "1"
        outcome = attempt(lambda: scheduling.set_chat_host(
            current_user, scheduling.find_member(form.username.data), granted), form)
        if outcome.done:
            flash("Chat hosts updated.", "success")
            return redirect(url_for("chats.hosts"))
    return render_template("chats/hosts.html", form=form,
                           hosts=scheduling.chat_hosts()), form_status(form)


# ---------------------------------------------------------------- the open agenda

@bp.route("/agenda", methods=["GET", "POST"])
def agenda_page():
    form = SuggestionForm()
    if request.method == "POST":
        permissions.require_member(current_user, "Please sign in to suggest a topic.")
        if form.validate_on_submit():
            outcome = attempt(lambda: agenda.suggest(current_user, form.title.data or ""),
                              form)
            if outcome.done:
                flash("Your topic is on the agenda.", "success")
                return redirect(url_for("chats.agenda_page"))
        elif form.csrf_token.errors:
            abort(400)
    return render_template("chats/agenda.html", form=form,
                           suggestions=agenda.open_suggestions(),
                           voted=agenda.voted_by(current_user)), form_status(form)


@bp.route("/agenda/<int:suggestion_id>/vote", methods=["POST"])
def vote(suggestion_id: int):
    permissions.require_member(current_user, "Please sign in to vote.")
    check_button_form()
    wanted = request.form.get("wanted", "1") == "1"
    try:
        agenda.get_suggestion(suggestion_id)
    except NotFound:
        abort(404)
    return act(lambda: agenda.vote(current_user, agenda.get_suggestion(suggestion_id), wanted),
               "Your vote is counted." if wanted else "Your vote is withdrawn.",
               url_for("chats.agenda_page", _anchor=f"topic-{suggestion_id}"))


@bp.route("/<int:chat_id>/pick/<int:suggestion_id>", methods=["POST"])
def pick(chat_id: int, suggestion_id: int):
    permissions.require_member(current_user)
    check_button_form()
    found = load(chat_id)
    try:
        suggestion = agenda.get_suggestion(suggestion_id)
    except NotFound:
        abort(404)
    return act(lambda: agenda.pick(current_user, found, suggestion),
               "The topic is now a prompt of this chat.", chat_url(chat_id, "prompts"))

