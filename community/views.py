"""Questions, answers, votes, solutions and comments on the web: thin views.

The blueprint and the helpers its other modules share are here; moderation and promotion
are in `views_moderation`, workgroups in `views_workgroups`.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from community import answers, comments, notifications, services, votes
from community import questions as asking
from community.forms import (
    AnswerForm,
    AskForm,
    CloseForm,
    CommentForm,
    QuestionEditForm,
)
from community.models import Answer, Comment, Question, Workgroup
from core import permissions
from core.edge import attempt
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.forms import check_button_form
from core.models import SECTORS
from core.numbers import page_arg, parse_int
from core.paging import paginate
from core.slugs import sub_route_names
from wiki import diffing
from wiki.models import Article

bp = Blueprint("community", __name__)
PER_PAGE = 20


def _page() -> int:
    return page_arg()


def _load(function, *args):
    try:
        return function(*args, current_user)
    except NotFound:
        abort(404)


def _signed_in() -> None:
    permissions.require_member(current_user, services.TAKE_PART)



def _thread_url(question: Question, anchor: str = "") -> str:
    return url_for("community.question", question_id=question.id,
                   slug=services.question_slug(question.title)) + anchor


def _back(question: Question, anchor: str = ""):
    return redirect(_thread_url(question, anchor))


def _workgroup_choices() -> list[tuple[str, str]]:
    from wtforms import SelectChoice

    groups = db.session.scalars(select(Workgroup).where(Workgroup.archived.is_(False))
                                .order_by(Workgroup.name)).all()
    return [SelectChoice("", "No workgroup: ask everyone"),
            *(SelectChoice(str(group.id), group.name) for group in groups)]


def _similar(text: str, limit: int = 5) -> list[dict]:
    from core import signals

    for _receiver, found in signals.send(signals.similar_questions, text=text, limit=limit):
        return found
    return []


# ---------------------------------------------------------------- lists

@bp.route("/questions/")
def questions():
    tab = request.args.get("tab") if request.args.get("tab") in asking.TABS else "newest"
    tag = (request.args.get("tag") or "").strip().lower()[:40] or None
    slug = request.args.get("workgroup") or None
    workgroup = db.session.scalar(select(Workgroup).where(Workgroup.slug == slug)) \
        if slug else None
    page = paginate(asking.question_query(tab=tab, tag=tag, workgroup=workgroup,
                                            viewer=current_user),
                    page=_page(), per_page=PER_PAGE)
    return render_template("community/questions.html", page=page, tab=tab, tag=tag,
                           workgroup=workgroup, tabs=asking.TABS)


@bp.route("/solutions/")
def solutions():
    tag = (request.args.get("tag") or "").strip().lower()[:40] or None
    sector = request.args.get("sector") if request.args.get("sector") in SECTORS else None
    slug = request.args.get("workgroup") or None
    workgroup = db.session.scalar(select(Workgroup).where(Workgroup.slug == slug)) \
        if slug else None
    page = paginate(asking.question_query(tab="solved", tag=tag, workgroup=workgroup,
                                            sector=sector, viewer=current_user),
                    page=_page(), per_page=PER_PAGE)
    groups = db.session.scalars(select(Workgroup).order_by(Workgroup.name)).all()
    return render_template("community/solutions.html", page=page, tag=tag, sector=sector,
                           workgroup=workgroup, workgroups=groups)


# ---------------------------------------------------------------- asking

@bp.route("/questions/ask", methods=["GET", "POST"])
def ask():
    _signed_in()
    form = AskForm()
    form.workgroup.choices = _workgroup_choices()
    similar, status = [], 200
    if request.method == "GET":
        form.workgroup.data = request.args.get("workgroup", "")
        form.title.data = (request.args.get("title") or "")[:200]
    elif form.validate_on_submit():
        similar = _similar(form.title.data or "") if not form.confirmed.data else []
        if similar:
            form.confirmed.data = "1"
        else:
            outcome = attempt(lambda: asking.ask(
                current_user, title=form.title.data, body=form.body.data, tags=form.tags.data,
                workgroup_id=form.workgroup.data), form)
            if outcome.done:
                flash("Your question is posted. You will be notified of answers.", "success")
                return _back(outcome.value)
            status = outcome.status_or(200)
    return render_template("community/ask.html", form=form, similar=similar), status


@bp.route("/questions/similar")
def similar():
    text = (request.args.get("title") or "").strip()[:200]
    return jsonify({"similar": _similar(text) if len(text) >= 8 else []})


# ---------------------------------------------------------------- a thread

@bp.route("/questions/<int:question_id>")
@bp.route("/questions/<int:question_id>/<slug>")
def question(question_id: int, slug: str | None = None):
    if slug in sub_route_names(services.QUESTION_RULE):  # /questions/1/vote: POST only
        abort(405)
    merged = db.session.get(Question, question_id)
    if merged is not None and merged.merged_into_id is not None:  # a duplicate, merged away
        # Only to a target this viewer may see: a hidden one's address is not revealed.
        target = _load(asking.get_question, merged.merged_into_id)
        return redirect(url_for("community.question", question_id=target.id,
                                slug=services.question_slug(target.title)), 301)
    question = _load(asking.get_question, question_id)
    canonical = services.question_slug(question.title)
    if slug != canonical:
        return redirect(url_for("community.question", question_id=question.id,
                                slug=canonical), 301)
    replies = answers.ordered_answers(question, current_user)
    answer_ids = [reply.id for reply in replies]
    return render_template(
        "community/question.html", question=question, answers=replies,
        question_comments=comments.comments_for("question", [question.id],
                                                current_user).get(question.id, []),
        answer_comments=comments.comments_for("answer", answer_ids, current_user),
        my_question_vote=votes.my_votes(current_user, "question", [question.id]).get(
            question.id, 0),
        my_votes=votes.my_votes(current_user, "answer", answer_ids),
        answer_form=AnswerForm(), close_form=CloseForm(),
        watching=notifications.is_watching(current_user, "question", question.id),
        promoted=db.session.get(Article, question.promoted_article_id)
        if question.promoted_article_id else None)


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(question_id: int):
    _signed_in()
    question = _load(asking.get_question, question_id)
    permissions.require(permissions.may_edit_post(current_user, question),
                        "Only the asker or an editor may edit this question.")
    form = QuestionEditForm()
    status = 200
    if request.method == "GET":
        form.title.data, form.body.data = question.title, question.body
        form.tags.data = ", ".join(tag.name for tag in question.tags)
    elif form.validate_on_submit():
        outcome = attempt(lambda: asking.edit_question(
            current_user, db.session.get(Question, question_id), title=form.title.data,
            body=form.body.data, tags=form.tags.data, summary=form.summary.data), form)
        if outcome.done:
            flash("Your changes are saved.", "success")
            return _back(question)
        status = outcome.status_or(200)
    return render_template("community/edit_post.html", form=form, question=question,
                           post=question, kind="question"), status


@bp.route("/questions/<int:question_id>/answers", methods=["POST"])
def answer(question_id: int):
    _signed_in()
    question = _load(asking.get_question, question_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = attempt(lambda: answers.answer(
        current_user, db.session.get(Question, question_id), form.body.data), form,
        denied=_thread_url(question))
    if not outcome.done:  # the member's answer stays in the form, with why
        return _render_thread_with(question, form), outcome.status
    flash("Thank you: your answer is posted.", "success")
    return _back(question, f"#answer-{outcome.value.id}")


def _render_thread_with(question: Question, answer_form: AnswerForm) -> str:
    """The thread page again, with the member's unsent answer and its error in the form."""
    replies = answers.ordered_answers(question, current_user)
    ids = [reply.id for reply in replies]
    return render_template(
        "community/question.html", question=question, answers=replies,
        question_comments=comments.comments_for("question", [question.id],
                                                current_user).get(question.id, []),
        answer_comments=comments.comments_for("answer", ids, current_user),
        my_question_vote=0, my_votes={}, answer_form=answer_form, close_form=CloseForm(),
        watching=False, promoted=None)


@bp.route("/answers/<int:answer_id>/edit", methods=["GET", "POST"])
def edit_answer(answer_id: int):
    _signed_in()
    reply = _load(answers.get_answer, answer_id)
    permissions.require(permissions.may_edit_post(current_user, reply),
                        "Only the answer's author or an editor may edit it.")
    form = AnswerForm()
    status = 200
    if request.method == "GET":
        form.body.data = reply.body
    elif form.validate_on_submit():
        outcome = attempt(lambda: answers.edit_answer(
            current_user, db.session.get(Answer, answer_id), form.body.data,
            form.summary.data), form)
        if outcome.done:
            flash("Your changes are saved.", "success")
            return _back(reply.question, f"#answer-{reply.id}")
        status = outcome.status_or(200)
    return render_template("community/edit_post.html", form=form, question=reply.question,
                           post=reply, kind="answer"), status


@bp.route("/questions/<int:post_id>/history", defaults={"kind": "questions"})
@bp.route("/answers/<int:post_id>/history", defaults={"kind": "answers"})
def post_history(kind: str, post_id: int):
    post_type = kind[:-1]
    post = _load(asking.get_question if post_type == "question" else answers.get_answer,
                 post_id)
    question = post if post_type == "question" else post.question
    revisions = services.revisions_of(post_type, post.id)
    return render_template("community/history.html", post=post, question=question,
                           revisions=revisions, kind=post_type,
                           diff=diffing.render_diff_html)


# ---------------------------------------------------------------- votes

@bp.route("/questions/<int:post_id>/vote", methods=["POST"], defaults={"kind": "questions"})
@bp.route("/answers/<int:post_id>/vote", methods=["POST"], defaults={"kind": "answers"})
def vote(kind: str, post_id: int):
    wants_json = request.accept_mimetypes.best == "application/json"
    if not current_user.is_authenticated:
        if wants_json:
            return jsonify({"error": "Please sign in to vote."}), 401
        _signed_in()
    check_button_form()
    post_type = kind[:-1]
    # Two identical votes at once: the loser is redone and finds the winner's vote.
    outcome = attempt(lambda: votes.vote(current_user, post_type, post_id,
                                            request.form.get("value")),
                      denied=_json_error if wants_json else _vote_back(post_type, post_id))
    if wants_json:
        if not outcome.done:
            return _json_error(outcome.error)
        return jsonify({"score": outcome.value, "value": int(request.form.get("value", 0))})
    return redirect(_vote_back(post_type, post_id))


def _json_error(error):
    return jsonify({"error": error.message}), 400 if isinstance(error, ValidationFailed) \
        else 403


def _vote_back(post_type: str, post_id: int) -> str:
    post = db.session.get(Question if post_type == "question" else Answer, post_id)
    if post is None:
        abort(404)
    question = post if post_type == "question" else post.question
    return _thread_url(question, f"#{post_type}-{post_id}" if post_type == "answer" else "")


# ---------------------------------------------------------------- acceptance

@bp.route("/answers/<int:answer_id>/accept", methods=["POST"])
def accept(answer_id: int):
    _signed_in()
    check_button_form()
    reply = _load(answers.get_answer, answer_id)
    withdraw = request.form.get("withdraw") == "1"

    def work():  # redone if a concurrent request got there first
        fresh = db.session.get(Answer, answer_id)
        return answers.withdraw_acceptance(current_user, fresh.question) if withdraw \
            else answers.accept(current_user, fresh)

    if not attempt(work).done:
        return _back(reply.question)
    flash("The answer is no longer marked as the solution." if withdraw else
          "Marked as the solution: the thread is now in the solutions archive.", "success")
    return _back(reply.question, f"#answer-{reply.id}")


# ---------------------------------------------------------------- comments

@bp.route("/comments", methods=["POST"])
def comment():
    _signed_in()
    form = CommentForm()
    if not form.validate_on_submit():
        abort(400)
    target_type = form.target_type.data
    target_id = parse_int(form.target_id.data)
    if target_id is None:
        abort(400)
    outcome = attempt(lambda: comments.add_comment(current_user, target_type, target_id,
                                                   form.body.data),
                      denied=request.referrer or url_for("pages.home"))
    if not outcome.done:  # the member's comment is shown again, with why
        return render_template("community/comment_error.html", body=form.body.data,
                               form=form), outcome.status_or(422)
    flash("Your comment is posted.", "success")
    return redirect(_comment_url(outcome.value))


def _comment_url(remark: Comment) -> str:
    if remark.target_type in comments.KINDS:
        return comments.comment_url(remark) or url_for("pages.home")
    if remark.target_type == "article":
        return url_for("wiki.article", slug=db.session.get(Article, remark.target_id).slug) \
            + f"#comment-{remark.id}"
    question = db.session.get(Question, remark.target_id) if remark.target_type == "question" \
        else db.session.get(Answer, remark.target_id).question
    return services.question_url(question) + f"#comment-{remark.id}"
