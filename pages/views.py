"""The home page, a member's profile (and the admins' role form on it), and the sections
under an article: each puts together what several parts provide."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from community import article_discussion
from community.profile import profile_section
from core import accounts, permissions
from core.edge import attempt
from core.errors import NotFound
from core.extensions import db
from core.forms import RoleForm
from editors.home import home_sections
from orgs.affiliations import affiliations_of
from pages.programmes import coming_up
from training.trainers import profile_of
from wiki import reading

bp = Blueprint("pages", __name__)


@bp.route("/")
def home():
    recent = db.session.scalars(reading.article_query(sort="updated", viewer=current_user)
                                .limit(6)).all()
    return render_template("pages/home.html", recent_articles=recent,
                           tags=reading.tag_counts(16), **home_sections(current_user),
                           **coming_up())


def article_sections(article, viewer) -> str:
    """HTML shown below an article's text: the community's discussion of it."""
    return Markup(article_discussion(article, viewer))  # noqa: S704 - our own template


def _member(username: str):
    try:
        return accounts.get_by_username(username)
    except NotFound:
        abort(404)


def _profile_page(user, role_form=None):
    if role_form is None and permissions.may_change_roles(current_user):
        role_form = RoleForm(formdata=None, role=user.role)
    return render_template("pages/profile.html", user=user, role_form=role_form,
                           affiliations=affiliations_of(user), trainer=profile_of(user),
                           **reading.articles_of(user), **profile_section(user))


@bp.route("/users/<username>")
def profile(username: str):
    user = _member(username)
    if user.username != username:
        return redirect(url_for("pages.profile", username=user.username), 301)
    return _profile_page(user)


@bp.route("/users/<username>/role", methods=["POST"])
def change_role(username: str):
    permissions.require_member(current_user)
    user = _member(username)
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    done, _ = attempt(lambda: accounts.change_role(current_user, _member(username),
                                                   form.role.data, form.reason.data), form)
    if done:
        flash(f"{user.username} is now {accounts.a_role(user.role)}; the change is in the "
              "audit log.", "success")
        return redirect(url_for("pages.profile", username=user.username) + "#change-role")
    return _profile_page(user, role_form=form), 422
