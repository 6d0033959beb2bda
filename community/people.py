"""People in the community: notifications, watching, reputation and badges, feeds, and the
community part of each profile. Thin views; the rules live in community.notifications,
community.reputation and community.services."""

from __future__ import annotations

from datetime import UTC
from urllib.parse import quote

from feedgen.feed import FeedGenerator
from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from community import notifications, reputation, services
from community.models import Answer, Notification, Question, Workgroup, WorkgroupMember
from core.edge import attempt
from core.errors import NotFound
from core.extensions import db
from core.forms import EmptyForm
from core.numbers import page_arg, parse_int
from core.text import strip_unsafe
from wiki import services as wiki
from wiki.models import Tag

bp = Blueprint("people", __name__)

PER_PAGE = 25
FEED_SIZE = 50
PROFILE_ITEMS = 10
EXCERPT = 300


def init_people(app: Flask) -> None:
    """Register the blueprint, the header's unread count, the profile section and the demo."""
    from community.demo import load_demo_community
    from core import hooks

    if "people.notifications" not in app.view_functions:
        app.register_blueprint(bp)
        app.context_processor(_header_context)
    hooks.register(hooks.profile_sections, profile_section)
    hooks.register(hooks.demo_loaders, load_demo_community)


def _header_context() -> dict:
    return {"unread_notifications": _unread_notifications}


def _unread_notifications() -> int:
    """The signed-in member's unread count, counted once per request."""
    if "unread_notifications" not in g:
        g.unread_notifications = notifications.unread_count(current_user)
    return g.unread_notifications


def _check_form() -> None:
    if not EmptyForm().validate_on_submit():
        abort(400)


def _local(url: str | None) -> bool:
    return bool(url) and url.startswith("/") and not url.startswith("//") and "\\" not in url


# ---------------------------------------------------------------- notifications

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
    _check_form()
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
    return redirect(item.url if _local(item.url) else url_for("people.notifications"))


# ---------------------------------------------------------------- watching

def _watch_choice() -> bool:
    value = request.form.get("watch", "1")
    if value not in ("0", "1"):
        abort(400)
    return value == "1"


@bp.route("/questions/<int:question_id>/watch", methods=["POST"])
@login_required
def watch_question(question_id: int):
    _check_form()
    try:
        question = services.get_question(question_id, current_user)
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
    _check_form()
    try:
        article = wiki.get_article(slug, current_user)
    except NotFound:
        abort(404)
    watching, article_id = _watch_choice(), article.id
    attempt(lambda: (notifications.watch if watching else notifications.unwatch)(
        current_user, "article", article_id))
    message = "You are watching this article: you will be notified of comments on it." \
        if watching else "You have stopped watching this article."
    flash(message, "success")
    return redirect(url_for("wiki.article", slug=article.slug))


# ---------------------------------------------------------------- reputation and badges

@bp.route("/badges")
def badges():
    earned = set()
    if current_user.is_authenticated:
        earned = {badge.key for badge in reputation.badges(current_user)}
    return render_template("community/badges.html", badges=reputation.BADGES,
                           earned=earned, rules=reputation.REPUTATION_RULES)


def profile_section(user) -> dict:
    """The profile's community part: reputation, badges, answers, questions, workgroups."""
    if "people.badges" not in current_app.view_functions:
        return {}
    stats = reputation.member_stats(user)
    answers = db.session.scalars(
        select(Answer).join(Answer.question)
        .where(Answer.author_id == user.id, Answer.hidden.is_(False),
               Question.hidden.is_(False))
        .options(contains_eager(Answer.question))
        .order_by(Answer.created_at.desc(), Answer.id.desc()).limit(PROFILE_ITEMS)).all()
    questions = db.session.scalars(
        select(Question).where(Question.author_id == user.id, Question.hidden.is_(False))
        .order_by(Question.created_at.desc(), Question.id.desc()).limit(PROFILE_ITEMS)).all()
    groups = db.session.scalars(
        select(Workgroup).join(WorkgroupMember, WorkgroupMember.workgroup_id == Workgroup.id)
        .where(WorkgroupMember.user_id == user.id).order_by(Workgroup.name)).all()
    return {
        "reputation": reputation.reputation_from(stats),
        "earned_badges": reputation.badges_from(stats),
        "member_stats": stats,
        "member_answers": [{"answer": reply, "question": reply.question,
                            "url": f"{services.question_url(reply.question)}#answer-{reply.id}",
                            "accepted": reply.question.accepted_answer_id == reply.id}
                           for reply in answers],
        "member_questions": [{"question": question, "url": services.question_url(question)}
                             for question in questions],
        "member_workgroups": groups,
    }


# ---------------------------------------------------------------- feeds

def _absolute(path: str) -> str:
    return request.url_root.rstrip("/") + path


def excerpt(html: str, limit: int = EXCERPT) -> str:
    """Plain text from sanitised HTML, cut at a word boundary."""
    text = " ".join(Markup(html).striptags().split())  # noqa: S704 - made plain, not shown
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _question_feed(title: str, subtitle: str, page_path: str, query) -> Response:
    questions = db.session.scalars(query.limit(FEED_SIZE)).all()
    feed = FeedGenerator()
    feed.id(_absolute(page_path))
    feed.title(strip_unsafe(title))
    feed.subtitle(strip_unsafe(subtitle))
    feed.link(href=request.url, rel="self")
    feed.link(href=_absolute(page_path), rel="alternate")
    feed.language("en")
    for question in reversed(questions):  # feedgen prepends: oldest first, newest on top
        entry = feed.add_entry()
        link = _absolute(services.question_url(question))
        entry.id(_absolute(f"/questions/{question.id}"))
        # Stored text may predate the refusal of control characters: lxml would fail.
        entry.title(strip_unsafe(question.title))
        entry.link(href=link)
        entry.author({"name": strip_unsafe(question.author.name)})
        entry.published(question.created_at.replace(tzinfo=UTC))
        entry.updated(max(question.last_activity_at, question.edited_at or question.created_at,
                          question.created_at).replace(tzinfo=UTC))
        entry.summary(strip_unsafe(excerpt(question.html)))
    if questions:
        feed.updated(max(q.last_activity_at for q in questions).replace(tzinfo=UTC))
    return Response(feed.atom_str(pretty=True), mimetype="application/atom+xml")


@bp.route("/feeds/questions.atom")
def questions_feed():
    return _question_feed("Commonplace: new questions",
                          "The newest questions librarians have asked on Commonplace.",
                          "/questions/", services.question_query(tab="newest"))


@bp.route("/feeds/tags/<tag>.atom")
def tag_feed(tag: str):
    if db.session.scalar(select(Tag.id).where(Tag.name == tag)) is None:
        abort(404)
    return _question_feed(f"Commonplace: questions tagged {tag}",
                          f"The newest questions tagged “{tag}” on Commonplace.",
                          f"/questions/?tag={quote(tag)}", services.question_query(tag=tag))


@bp.route("/feeds/workgroups/<slug>.atom")
def workgroup_feed(slug: str):
    try:
        group = services.get_workgroup(slug)
    except NotFound:
        abort(404)
    return _question_feed(f"Commonplace: questions to {group.name}",
                          f"The newest questions put to the {group.name} workgroup.",
                          f"/workgroups/{group.slug}",
                          services.question_query(workgroup=group))
