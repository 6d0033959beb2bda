"""Moderating a thread on the web (close, lock, hide) and promoting a solved one to an
article: thin views on the community blueprint."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from community import answers, comments, promotion, questions
from community.models import Answer, Comment, Question
from community.views import _comment_url, _load, _signed_in, _thread_url, bp
from core.edge import act, attempt
from core.errors import PermissionDenied
from core.extensions import db
from core.forms import EmptyForm, check_button_form
from wiki.forms import ArticleForm


def _moderate(question_id: int, action, message: str):
    _signed_in()
    check_button_form()
    question = _load(questions.get_question, question_id)
    return act(lambda: action(db.session.get(Question, question_id)), message,
               _thread_url(question))


@bp.route("/questions/<int:question_id>/close", methods=["POST"])
def close(question_id: int):
    if request.form.get("reopen") == "1":
        return _moderate(question_id, lambda q: questions.reopen(current_user, q),
                         "The question is open again.")
    reason = request.form.get("reason", "")
    return _moderate(question_id, lambda q: questions.close(current_user, q, reason),
                     "The question is closed.")


@bp.route("/questions/<int:question_id>/lock", methods=["POST"])
def lock(question_id: int):
    locked = request.form.get("locked", "1") == "1"
    return _moderate(question_id, lambda q: questions.set_locked(current_user, q, locked),
                     "The thread is locked." if locked else "The thread is unlocked.")


@bp.route("/questions/<int:question_id>/hide", methods=["POST"])
def hide_question(question_id: int):
    hidden = request.form.get("hidden", "1") == "1"
    return _moderate(question_id,
                     lambda q: questions.set_question_hidden(current_user, q, hidden),
                     "The question is hidden." if hidden else "The question is visible again.")


@bp.route("/answers/<int:answer_id>/hide", methods=["POST"])
def hide_answer(answer_id: int):
    _signed_in()
    check_button_form()
    reply = _load(answers.get_answer, answer_id)
    hidden = request.form.get("hidden", "1") == "1"
    return act(lambda: answers.set_answer_hidden(current_user, db.session.get(
        Answer, answer_id), hidden),
        "The answer is hidden." if hidden else "The answer is visible again.",
        _thread_url(reply.question))


@bp.route("/comments/<int:comment_id>/hide", methods=["POST"])
def hide_comment(comment_id: int):
    _signed_in()
    check_button_form()
    remark = db.session.get(Comment, comment_id)
    if remark is None:
        abort(404)
    hidden = request.form.get("hidden", "1") == "1"
    return act(lambda: comments.set_comment_hidden(current_user, db.session.get(
        Comment, comment_id), hidden),
        "The comment is hidden." if hidden else "The comment is visible again.",
        _comment_url(remark))


# ---------------------------------------------------------------- promotion

@bp.route("/questions/<int:question_id>/promote", methods=["POST"])
def promote(question_id: int):
    _signed_in()
    question = _load(questions.get_question, question_id)
    try:
        draft = promotion.promotion_draft(current_user, question)
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
    outcome = attempt(lambda: promotion.promote(
        current_user, db.session.get(Question, question_id), title=form.title.data,
        body=form.body.data, tags=form.tags.data, sectors=form.sectors.data), form)
    if not outcome.done:
        return render_template("community/promote.html", form=form, question=question,
                               draft=draft), outcome.status_or(200)
    flash("The solution is now a practice article, crediting everyone whose words it "
          "carries.", "success")
    return redirect(url_for("wiki.article", slug=outcome.value.slug))
