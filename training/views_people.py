"""A topic's discussion (comments, editors hiding them with a reason), trainers' profiles
and trainers withdrawing their offers."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from community.models import Comment
from core import permissions
from core.edge import act, attempt, form_status
from core.errors import NotFound
from core.extensions import db
from training import bp, discussion, offers, trainers
from training.forms import HideCommentForm, TopicCommentForm, TrainerProfileForm
from training.views_topics import load_topic, render_topic


@bp.route("/topics/<int:topic_id>/comments", methods=["POST"])
def comment(topic_id: int):
    permissions.require_member(current_user, "Please sign in to comment.")
    found = load_topic(topic_id)
    form = TopicCommentForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = attempt(lambda: discussion.add(current_user, load_topic(topic_id),
                                             form.body.data), form)
    if outcome.done:
        flash("Your comment is posted.", "success")
        return redirect(url_for("training.topic", topic_id=topic_id,
                                _anchor=f"comment-{outcome.value.id}"))
    return render_topic(found, comment_form=form, code=outcome.status_or(422))


def _topic_comment(comment_id: int) -> Comment:
    remark = db.session.get(Comment, comment_id)
    if remark is None or remark.target_type != discussion.KIND:
        abort(404)
    return remark


@bp.route("/topic-comments/<int:topic_comment_id>/hide", methods=["POST"])
def hide_comment(topic_comment_id: int):
    comment_id = topic_comment_id
    permissions.require_member(current_user)
    remark = _topic_comment(comment_id)
    permissions.require(permissions.may_hide(current_user, remark),
                        "Only editors may hide comments.")
    form = HideCommentForm()
    if not form.validate_on_submit():
        abort(400)
    hidden = form.hidden.data != "0"
    back = url_for("training.topic", topic_id=remark.target_id, _anchor=f"comment-{remark.id}")
    outcome = attempt(lambda: discussion.hide(current_user, _topic_comment(comment_id), hidden,
                                              form.reason.data), form)
    if outcome.done:
        flash("The comment is hidden; the reason is in the audit log." if hidden
              else "The comment is visible again.", "success")
        return redirect(back)
    if outcome.error is not None:
        flash(str(outcome.error), "error")
    return redirect(back)


@bp.route("/trainer", methods=["GET", "POST"])
def trainer_profile():
    permissions.require_member(current_user, "Please sign in to declare yourself a trainer.")
    profile = trainers.profile_of(current_user)
    form = TrainerProfileForm(obj=profile)
    if form.validate_on_submit():
        outcome = attempt(lambda: trainers.save_profile(current_user, form.description.data,
                                                        form.region.data), form)
        if outcome.done:
            flash("Your trainer profile is saved: you may make offers on topics.", "success")
            return redirect(url_for("pages.profile", username=current_user.username))
    return render_template("training/trainer_form.html", form=form, profile=profile,
                           providers=trainers.providers_of(current_user)), form_status(form)


@bp.route("/trainer/remove", methods=["POST"])
def remove_trainer_profile():
    permissions.require_member(current_user)
    return act(lambda: trainers.remove_profile(current_user),
               "Your trainer profile is removed.",
               url_for("pages.profile", username=current_user.username))


@bp.route("/offers/<int:offer_id>/withdraw", methods=["POST"])
def withdraw_offer(offer_id: int):
    permissions.require_member(current_user)
    try:
        offer = offers.get_offer(offer_id)
    except NotFound:
        abort(404)
    topic_id = offer.topic_id
    back = url_for("training.topic", topic_id=topic_id)
    return act(lambda: offers.withdraw(current_user, offers.get_offer(offer_id)),
               "Your offer is withdrawn.", back, denied=back)
