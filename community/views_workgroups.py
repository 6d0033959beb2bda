"""Workgroups on the web: the list, a workgroup's page, making and editing one, joining
and leaving, and its moderators. Thin views on the community blueprint."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community import questions
from community import workgroups as grouping
from community.forms import WorkgroupForm
from community.models import Question, Workgroup, WorkgroupMember
from community.views import _signed_in, bp
from core import permissions
from core.edge import act, attempt
from core.errors import NotFound
from core.extensions import db
from core.forms import check_button_form


@bp.route("/workgroups/")
def workgroups():
    groups = db.session.scalars(select(Workgroup).order_by(Workgroup.archived,
                                                           Workgroup.name)).all()
    counts = grouping.workgroup_counts()
    return render_template("community/workgroups.html", workgroups=groups, counts=counts,
                           mine=grouping.my_workgroup_ids(current_user))


@bp.route("/workgroups/new", methods=["GET", "POST"])
def new_workgroup():
    _signed_in()
    permissions.require(permissions.may_manage_workgroups(current_user),
                        "Only admins may create workgroups.")
    form = WorkgroupForm()
    status = 200
    if form.validate_on_submit():
        outcome = attempt(lambda: grouping.create_workgroup(
            current_user, form.name.data, form.description.data), form)
        if outcome.done:
            flash("The workgroup is open.", "success")
            return redirect(url_for("community.workgroup", slug=outcome.value.slug))
        status = outcome.status_or(200)
    return render_template("community/workgroup_form.html", form=form, workgroup=None), status


@bp.route("/workgroups/<slug>")
def workgroup(slug: str):
    group = _load_group(slug)
    members = db.session.scalars(select(WorkgroupMember).where(
        WorkgroupMember.workgroup_id == group.id).options(selectinload(WorkgroupMember.user))
        .order_by(WorkgroupMember.joined_at)).all()
    open_questions = db.session.scalars(questions.question_query(
        tab="active", workgroup=group, viewer=current_user).where(
        Question.accepted_answer_id.is_(None)).limit(20)).all()
    solved = db.session.scalars(questions.question_query(
        tab="solved", workgroup=group, viewer=current_user).limit(20)).all()
    return render_template("community/workgroup.html", workgroup=group, members=members,
                           open_questions=open_questions, solved=solved,
                           is_member=grouping.is_member_of(current_user, group))


def _load_group(slug: str) -> Workgroup:
    try:
        return grouping.get_workgroup(slug)
    except NotFound:
        abort(404)


@bp.route("/workgroups/<slug>/edit", methods=["GET", "POST"])
def edit_workgroup(slug: str):
    _signed_in()
    group = _load_group(slug)
    permissions.require(permissions.may_manage_workgroups(current_user),
                        "Only admins may change workgroups.")
    form = WorkgroupForm(obj=group)
    status = 200
    if form.validate_on_submit():
        outcome = attempt(lambda: grouping.edit_workgroup(
            current_user, _load_group(slug), form.name.data, form.description.data,
            form.archived.data), form)
        if outcome.done:
            flash("The workgroup is saved.", "success")
            return redirect(url_for("community.workgroup", slug=group.slug))
        status = outcome.status_or(200)
    return render_template("community/workgroup_form.html", form=form, workgroup=group), status


@bp.route("/workgroups/<slug>/<any(join, leave):action>", methods=["POST"])
def membership(slug: str, action: str):
    _signed_in()
    check_button_form()
    group = _load_group(slug)
    change = grouping.join if action == "join" else grouping.leave
    # Two identical requests at once: the loser is redone and finds the winner's row.
    return act(lambda: change(current_user, _load_group(slug)),
               f"You joined {group.name}: you will hear of its new questions."
               if action == "join" else f"You left {group.name}.",
               url_for("community.workgroup", slug=group.slug))


@bp.route("/workgroups/<slug>/moderators", methods=["POST"])
def moderators(slug: str):
    _signed_in()
    check_button_form()
    group = _load_group(slug)
    from core import accounts

    username, moderator = request.form.get("username", ""), request.form.get("moderator",
                                                                             "1") == "1"
    return act(lambda: grouping.set_moderator(
        current_user, _load_group(slug), accounts.get_by_username(username), moderator),
        "Moderators updated.", url_for("community.workgroup", slug=group.slug))
