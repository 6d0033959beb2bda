"""Questions, answers, votes, solutions and workgroups on the web: thin views."""

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
from sqlalchemy.orm import selectinload

from community import notifications, services
from community.forms import (
    AnswerForm,
    AskForm,
    CloseForm,
    CommentForm,
    QuestionEditForm,
    WorkgroupForm,
)
from community.models import Answer, Comment, Question, Workgroup, WorkgroupMember
from core import permissions
from core.errors import NotFound, PermissionDenied, RateLimited, ValidationFailed
from core.extensions import db
from core.forms import EmptyForm
from core.models import SECTORS
from core.numbers import page_arg, parse_int
from core.paging import paginate
from core.slugs import sub_route_names
from core.transactions import run_in_transaction
from core.views import act, apply_errors, attempt
from wiki import diffing
from wiki.forms import ArticleForm
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


def _check_form() -> None:
    if not EmptyForm().validate_on_submit():
        abort(400)


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
    from core.hooks import similar_finders

    for finder in similar_finders:
        return finder(text, limit)
    return []


# ---------------------------------------------------------------- lists

@bp.route("/questions/")
def questions():
    tab = request.args.get("tab") if request.args.get("tab") in services.TABS else "newest"
    tag = (request.args.get("tag") or "").strip().lower()[:40] or None
    slug = request.args.get("workgroup") or None
    workgroup = db.session.scalar(select(Workgroup).where(Workgroup.slug == slug)) \
        if slug else None
    page = paginate(services.question_query(tab=tab, tag=tag, workgroup=workgroup,
                                            viewer=current_user),
                    page=_page(), per_page=PER_PAGE)
    return render_template("community/questions.html", page=page, tab=tab, tag=tag,
                           workgroup=workgroup, tabs=services.TABS)


@bp.route("/solutions/")
def solutions():
    tag = (request.args.get("tag") or "").strip().lower()[:40] or None
    sector = request.args.get("sector") if request.args.get("sector") in SECTORS else None
    slug = request.args.get("workgroup") or None
    workgroup = db.session.scalar(select(Workgroup).where(Workgroup.slug == slug)) \
        if slug else None
    page = paginate(services.question_query(tab="solved", tag=tag, workgroup=workgroup,
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
    similar = []
    if request.method == "GET":
        form.workgroup.data = request.args.get("workgroup", "")
        form.title.data = (request.args.get("title") or "")[:200]
    elif form.validate_on_submit():
        similar = _similar(form.title.data or "") if not form.confirmed.data else []
        if similar:
            form.confirmed.data = "1"
        else:
            try:
                question = services.ask(current_user, title=form.title.data,
                                        body=form.body.data, tags=form.tags.data,
                                        workgroup_id=form.workgroup.data)
                db.session.commit()
            except (ValidationFailed, RateLimited) as error:
                db.session.rollback()
                apply_errors(form, error) if isinstance(error, ValidationFailed) else \
                    flash(error.message, "error")
            else:
                flash("Your question is posted. You will be notified of answers.", "success")
                return _back(question)
    return render_template("community/ask.html", form=form, similar=similar)


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
        target = _load(services.get_question, merged.merged_into_id)
        return redirect(url_for("community.question", question_id=target.id,
                                slug=services.question_slug(target.title)), 301)
    question = _load(services.get_question, question_id)
    canonical = services.question_slug(question.title)
    if slug != canonical:
        return redirect(url_for("community.question", question_id=question.id,
                                slug=canonical), 301)
    answers = services.ordered_answers(question, current_user)
    answer_ids = [reply.id for reply in answers]
    return render_template(
        "community/question.html", question=question, answers=answers,
        question_comments=services.comments_for("question", [question.id],
                                                current_user).get(question.id, []),
        answer_comments=services.comments_for("answer", answer_ids, current_user),
        my_question_vote=services.my_votes(current_user, "question", [question.id]).get(
            question.id, 0),
        my_votes=services.my_votes(current_user, "answer", answer_ids),
        answer_form=AnswerForm(), close_form=CloseForm(),
        watching=notifications.is_watching(current_user, "question", question.id),
        promoted=db.session.get(Article, question.promoted_article_id)
        if question.promoted_article_id else None)


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(question_id: int):
    _signed_in()
    question = _load(services.get_question, question_id)
    permissions.require(permissions.may_edit_post(current_user, question),
                        "Only the asker or an editor may edit this question.")
    form = QuestionEditForm()
    if request.method == "GET":
        form.title.data, form.body.data = question.title, question.body
        form.tags.data = ", ".join(tag.name for tag in question.tags)
    elif form.validate_on_submit():
        try:
            services.edit_question(current_user, question, title=form.title.data,
                                   body=form.body.data, tags=form.tags.data,
                                   summary=form.summary.data)
            db.session.commit()
        except ValidationFailed as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            flash("Your changes are saved.", "success")
            return _back(question)
    return render_template("community/edit_post.html", form=form, question=question,
                           post=question, kind="question")


@bp.route("/questions/<int:question_id>/answers", methods=["POST"])
def answer(question_id: int):
    _signed_in()
    question = _load(services.get_question, question_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        reply = services.answer(current_user, question, form.body.data)
        db.session.commit()
    except PermissionDenied as error:
        db.session.rollback()
        flash(error.message, "error")
        return _back(question)
    except (ValidationFailed, RateLimited) as error:
        db.session.rollback()
        form.body.errors = [error.message]
        return _render_thread_with(question, form), 422 if isinstance(
            error, ValidationFailed) else 429
    flash("Thank you: your answer is posted.", "success")
    return _back(question, f"#answer-{reply.id}")


def _render_thread_with(question: Question, answer_form: AnswerForm) -> str:
    """The thread page again, with the member's unsent answer and its error in the form."""
    answers = services.ordered_answers(question, current_user)
    ids = [reply.id for reply in answers]
    return render_template(
        "community/question.html", question=question, answers=answers,
        question_comments=services.comments_for("question", [question.id],
                                                current_user).get(question.id, []),
        answer_comments=services.comments_for("answer", ids, current_user),
        my_question_vote=0, my_votes={}, answer_form=answer_form, close_form=CloseForm(),
        watching=False, promoted=None)


@bp.route("/answers/<int:answer_id>/edit", methods=["GET", "POST"])
def edit_answer(answer_id: int):
    _signed_in()
    reply = _load(services.get_answer, answer_id)
    permissions.require(permissions.may_edit_post(current_user, reply),
                        "Only the answer's author or an editor may edit it.")
    form = AnswerForm()
    if request.method == "GET":
        form.body.data = reply.body
    elif form.validate_on_submit():
        try:
            services.edit_answer(current_user, reply, form.body.data, form.summary.data)
            db.session.commit()
        except ValidationFailed as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            flash("Your changes are saved.", "success")
            return _back(reply.question, f"#answer-{reply.id}")
    return render_template("community/edit_post.html", form=form, question=reply.question,
                           post=reply, kind="answer")


@bp.route("/questions/<int:post_id>/history", defaults={"kind": "questions"})
@bp.route("/answers/<int:post_id>/history", defaults={"kind": "answers"})
def post_history(kind: str, post_id: int):
    post_type = kind[:-1]
    post = _load(services.get_question if post_type == "question" else services.get_answer,
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
    _check_form()
    post_type = kind[:-1]
    try:  # two identical votes at once: the loser is redone and finds the winner's vote
        score = run_in_transaction(lambda: services.vote(current_user, post_type, post_id,
                                                         request.form.get("value")))
    except NotFound:
        abort(404)
    except (PermissionDenied, ValidationFailed) as error:
        db.session.rollback()
        if wants_json:
            return jsonify({"error": error.message}), 403 if isinstance(
                error, PermissionDenied) else 400
        flash(error.message, "error")
        score = None
    if wants_json:
        return jsonify({"score": score, "value": int(request.form.get("value", 0))})
    post = db.session.get(Question if post_type == "question" else Answer, post_id)
    question = post if post_type == "question" else post.question
    return _back(question, f"#{post_type}-{post_id}" if post_type == "answer" else "")


# ---------------------------------------------------------------- acceptance

@bp.route("/answers/<int:answer_id>/accept", methods=["POST"])
def accept(answer_id: int):
    _signed_in()
    _check_form()
    reply = _load(services.get_answer, answer_id)
    withdraw = request.form.get("withdraw") == "1"
    try:  # redone if a concurrent request got there first
        run_in_transaction(lambda: services.withdraw_acceptance(current_user, reply.question)
                           if withdraw else services.accept(current_user, reply))
        message = "The answer is no longer marked as the solution." if withdraw else \
            "Marked as the solution: the thread is now in the solutions archive."
    except PermissionDenied:
        db.session.rollback()
        abort(403)
    except ValidationFailed as error:
        db.session.rollback()
        flash(error.message, "error")
        return _back(reply.question)
    flash(message, "success")
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
    try:
        remark = services.add_comment(current_user, target_type, target_id, form.body.data)
        db.session.commit()
    except NotFound:
        abort(404)
    except PermissionDenied as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(request.referrer or url_for("wiki.home"))
    except (ValidationFailed, RateLimited) as error:
        db.session.rollback()
        return render_template("community/comment_error.html", error=error.message,
                               body=form.body.data, form=form), 422
    flash("Your comment is posted.", "success")
    return redirect(_comment_url(remark))


def _comment_url(remark: Comment) -> str:
    if remark.target_type == "article":
        return url_for("wiki.article", slug=db.session.get(Article, remark.target_id).slug) \
            + f"#comment-{remark.id}"
    question = db.session.get(Question, remark.target_id) if remark.target_type == "question" \
        else db.session.get(Answer, remark.target_id).question
    return services.question_url(question) + f"#comment-{remark.id}"


# ---------------------------------------------------------------- moderation

def _moderate(question_id: int, action, message: str):
    _signed_in()
    _check_form()
    question = _load(services.get_question, question_id)
    return act(lambda: action(question), message, _thread_url(question))


@bp.route("/questions/<int:question_id>/close", methods=["POST"])
def close(question_id: int):
    if request.form.get("reopen") == "1":
        return _moderate(question_id, lambda q: services.reopen(current_user, q),
                         "The question is open again.")
    reason = request.form.get("reason", "")
    return _moderate(question_id, lambda q: services.close(current_user, q, reason),
                     "The question is closed.")


@bp.route("/questions/<int:question_id>/lock", methods=["POST"])
def lock(question_id: int):
    locked = request.form.get("locked", "1") == "1"
    return _moderate(question_id, lambda q: services.set_locked(current_user, q, locked),
                     "The thread is locked." if locked else "The thread is unlocked.")


@bp.route("/questions/<int:question_id>/hide", methods=["POST"])
def hide_question(question_id: int):
    hidden = request.form.get("hidden", "1") == "1"
    return _moderate(question_id,
                     lambda q: services.set_question_hidden(current_user, q, hidden),
                     "The question is hidden." if hidden else "The question is visible again.")


@bp.route("/answers/<int:answer_id>/hide", methods=["POST"])
def hide_answer(answer_id: int):
    _signed_in()
    _check_form()
    reply = _load(services.get_answer, answer_id)
    try:
        services.set_answer_hidden(current_user, reply, request.form.get("hidden", "1") == "1")
        db.session.commit()
    except PermissionDenied:
        db.session.rollback()
        abort(403)
    flash("The answer is hidden." if reply.hidden else "The answer is visible again.",
          "success")
    return _back(reply.question)


@bp.route("/comments/<int:comment_id>/hide", methods=["POST"])
def hide_comment(comment_id: int):
    _signed_in()
    _check_form()
    remark = db.session.get(Comment, comment_id)
    if remark is None:
        abort(404)
    try:
        services.set_comment_hidden(current_user, remark, request.form.get("hidden", "1") == "1")
        db.session.commit()
    except PermissionDenied:
        db.session.rollback()
        abort(403)
    flash("The comment is hidden." if remark.hidden else "The comment is visible again.",
          "success")
    return redirect(_comment_url(remark))


# ---------------------------------------------------------------- promotion

@bp.route("/questions/<int:question_id>/promote", methods=["POST"])
def promote(question_id: int):
    _signed_in()
    question = _load(services.get_question, question_id)
    try:
        draft = services.promotion_draft(current_user, question)
    except PermissionDenied:
        abort(403)
    form = ArticleForm()
    if "save" not in request.form:
        if not EmptyForm().validate_on_submit():
            abort(400)
        form = ArticleForm(formdata=None, title=draft.title, body=draft.body,
                           tags=", ".join(tag.name for tag in question.tags),
                           summary="Promoted from a solved question")
        return render_template("community/promote.html", form=form, question=question,
                               draft=draft)
    if not form.validate_on_submit():
        abort(400)
    try:
        article = services.promote(current_user, question, title=form.title.data,
                                   body=form.body.data, tags=form.tags.data,
                                   sectors=form.sectors.data)
        db.session.commit()
    except (ValidationFailed, PermissionDenied) as error:
        db.session.rollback()
        if isinstance(error, PermissionDenied):
            abort(403)
        apply_errors(form, error)
        return render_template("community/promote.html", form=form, question=question,
                               draft=draft)
    flash("The solution is now a practice article, crediting everyone whose words it "
          "carries.", "success")
    return redirect(url_for("wiki.article", slug=article.slug))


# ---------------------------------------------------------------- workgroups

@bp.route("/workgroups/")
def workgroups():
    groups = db.session.scalars(select(Workgroup).order_by(Workgroup.archived,
                                                           Workgroup.name)).all()
    counts = services.workgroup_counts()
    return render_template("community/workgroups.html", workgroups=groups, counts=counts,
                           mine=services.my_workgroup_ids(current_user))


@bp.route("/workgroups/new", methods=["GET", "POST"])
def new_workgroup():
    _signed_in()
    permissions.require(permissions.may_manage_workgroups(current_user),
                        "Only admins may create workgroups.")
    form = WorkgroupForm()
    if form.validate_on_submit():
        done, group = attempt(lambda: services.create_workgroup(
            current_user, form.name.data, form.description.data), form)
        if done:
            flash("The workgroup is open.", "success")
            return redirect(url_for("community.workgroup", slug=group.slug))
    return render_template("community/workgroup_form.html", form=form, workgroup=None)


@bp.route("/workgroups/<slug>")
def workgroup(slug: str):
    group = _load_group(slug)
    members = db.session.scalars(select(WorkgroupMember).where(
        WorkgroupMember.workgroup_id == group.id).options(selectinload(WorkgroupMember.user))
        .order_by(WorkgroupMember.joined_at)).all()
    open_questions = db.session.scalars(services.question_query(
        tab="active", workgroup=group, viewer=current_user).where(
        Question.accepted_answer_id.is_(None)).limit(20)).all()
    solved = db.session.scalars(services.question_query(
        tab="solved", workgroup=group, viewer=current_user).limit(20)).all()
    return render_template("community/workgroup.html", workgroup=group, members=members,
                           open_questions=open_questions, solved=solved,
                           is_member=services.is_member_of(current_user, group))


def _load_group(slug: str) -> Workgroup:
    try:
        return services.get_workgroup(slug)
    except NotFound:
        abort(404)


@bp.route("/workgroups/<slug>/edit", methods=["GET", "POST"])
def edit_workgroup(slug: str):
    _signed_in()
    group = _load_group(slug)
    permissions.require(permissions.may_manage_workgroups(current_user),
                        "Only admins may change workgroups.")
    form = WorkgroupForm(obj=group)
    if form.validate_on_submit():
        done, _ = attempt(lambda: services.edit_workgroup(
            current_user, group, form.name.data, form.description.data, form.archived.data),
            form)
        if done:
            flash("The workgroup is saved.", "success")
            return redirect(url_for("community.workgroup", slug=group.slug))
    return render_template("community/workgroup_form.html", form=form, workgroup=group)


@bp.route("/workgroups/<slug>/<any(join, leave):action>", methods=["POST"])
def membership(slug: str, action: str):
    _signed_in()
    _check_form()
    group = _load_group(slug)
    return act(lambda: (services.join if action == "join" else services.leave)(
        current_user, group),
        f"You joined {group.name}: you will hear of its new questions." if action == "join"
        else f"You left {group.name}.", url_for("community.workgroup", slug=group.slug))


@bp.route("/workgroups/<slug>/moderators", methods=["POST"])
def moderators(slug: str):
    _signed_in()
    _check_form()
    group = _load_group(slug)
    from core import accounts

    return act(lambda: services.set_moderator(
        current_user, group, accounts.get_by_username(request.form.get("username", "")),
        request.form.get("moderator", "1") == "1"),
        "Moderators updated.", url_for("community.workgroup", slug=group.slug))
