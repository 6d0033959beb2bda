"""Accounts on the web: register, sign in and out, profiles, settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from core import accounts, permissions
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.extensions import db, limiter
from core.forms import (
    EmptyForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
    RoleForm,
)
from core.permissions import NotSignedIn
from core.transactions import run_in_transaction

bp = Blueprint("core", __name__)
T = TypeVar("T")


def safe_next(target: str | None, fallback: str) -> str:
    """Only ever redirect to a path on this site."""
    if not target or "\\" in target or any(ord(char) < 32 for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def _login_account() -> str:
    """The account a sign-in names, the same whether by username or e-mail (or the name
    given, for no account), so that both ways share one limit."""
    if "login_account" not in g:
        login = (request.form.get("login") or "").strip().lower()[:254]
        user = accounts.find_user(login)
        g.login_account = f"member {user.id}" if user is not None else f"name {login}"
    return g.login_account


def _login_key() -> str:
    # Per address and account: one visitor cannot lock an account for everyone else.
    return f"login {get_remote_address()} {_login_account()}"


def _account_key() -> str:
    return f"login {_login_account()}"


def _failed(response) -> bool:
    # Only failed attempts (the form shown again) count against the limits.
    return response.status_code == 200


def _registration_attempted(response) -> bool:
    # Only a complete, valid form that reached the service counts: not a signed-in
    # member's post, an expired form or one with a field missing.
    return bool(g.get("registration_attempted"))


def apply_errors(form, error: ValidationFailed) -> None:
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")


def attempt(work: Callable[[], T], form=None) -> tuple[bool, T | None]:
    """Run a service call and commit it, once per request (a lost race is redone).

    Returns (True, what `work` returned). If a service refuses, everything is rolled back
    and (False, None) returned: a ValidationFailed is shown on the form field it names (or
    flashed, with no form or no such field); NotFound and PermissionDenied end the request
    as a 404 and a 403.
    """
    try:
        return True, run_in_transaction(work)
    except NotFound:
        db.session.rollback()
        abort(404)
    except NotSignedIn:
        db.session.rollback()
        raise  # answered with the sign-in page (core.permissions)
    except PermissionDenied:
        db.session.rollback()
        abort(403)
    except ValidationFailed as error:
        db.session.rollback()
        apply_errors(form, error)
    return False, None


def act(work: Callable[[], object], success: str, back: str):
    """A button's POST: do it, flash what happened (or why it was refused), go back."""
    done, _result = attempt(work)
    if done:
        flash(success, "success")
    return redirect(back)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], deduct_when=_registration_attempted)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("core.profile", username=current_user.username))
    form = RegisterForm()
    if form.validate_on_submit():
        g.registration_attempted = True
        try:
            user = accounts.register(form.username.data, form.email.data, form.password.data)
            accounts.start_sign_in(user)
        except ValidationFailed as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            db.session.commit()
            session.clear()
            login_user(user)
            flash(f"Welcome to Commonplace, {user.username}. Tell us a little about yourself.",
                  "success")
            return redirect(url_for("core.settings"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
# Failed sign-ins: 5 per account from one address, 20 from one address, and 100 an hour
# per account from everywhere (a ceiling for guessing from many addresses that no single
# visitor can reach). Addresses are the clients' own behind PROXY_COUNT proxies.
@limiter.limit("5 per 5 minutes", key_func=_login_key, methods=["POST"], deduct_when=_failed)
@limiter.limit("20 per 5 minutes", methods=["POST"], deduct_when=_failed)
@limiter.limit("100 per hour", key_func=_account_key, methods=["POST"], deduct_when=_failed)
def login():
    next_url = safe_next(request.values.get("next"), url_for("wiki.home"))
    if current_user.is_authenticated:
        return redirect(next_url)
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.login.data, form.password.data)
        if user is not None:
            run_in_transaction(lambda: accounts.start_sign_in(user))
            session.clear()  # a fresh session: nothing from before sign-in carries over
            login_user(user, remember=form.remember.data)
            flash(f"Signed in as {user.username}.", "success")
            return redirect(next_url)
        # One message for every failure, shown in the form and tied to the field.
        form.login.errors = ["That username or e-mail and password do not match an account."]
    return render_template("auth/login.html", form=form, next_url=request.values.get("next", ""))


@bp.route("/logout", methods=["POST"])
def logout():
    if EmptyForm().validate_on_submit():
        signed_in_as = session.get("_user_id")
        run_in_transaction(lambda: accounts.end_sign_in(signed_in_as))
        logout_user()
        session.clear()
        flash("You are signed out.", "success")
    return redirect(url_for("wiki.home"))


def _member(username: str):
    try:
        return accounts.get_by_username(username)
    except NotFound:
        abort(404)


def _profile_page(user, role_form=None):
    contributions = {}
    from core.hooks import profile_sections

    for provider in profile_sections:
        contributions.update(provider(user))
    if role_form is None and permissions.may_change_roles(current_user):
        role_form = RoleForm(formdata=None, role=user.role)
    return render_template("auth/profile.html", user=user, role_form=role_form,
                           **contributions)


@bp.route("/users/<username>")
def profile(username: str):
    user = _member(username)
    if user.username != username:
        return redirect(url_for("core.profile", username=user.username), 301)
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
        return redirect(url_for("core.profile", username=user.username) + "#change-role")
    return _profile_page(user, role_form=form), 422


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    profile_form = ProfileForm(obj=current_user, prefix="profile")
    password_form = PasswordForm(prefix="password")
    if request.method == "POST" and "profile-submit" in request.form:
        if profile_form.validate_on_submit():
            try:
                accounts.update_profile(current_user, display_name=profile_form.display_name.data,
                                        library=profile_form.library.data,
                                        sector=profile_form.sector.data or "",
                                        bio=profile_form.bio.data or "")
            except ValidationFailed as error:
                db.session.rollback()
                apply_errors(profile_form, error)
            else:
                db.session.commit()
                flash("Your profile is saved.", "success")
                return redirect(url_for("core.settings"))
    elif request.method == "POST" and "password-submit" in request.form:
        if password_form.validate_on_submit():
            member = current_user._get_current_object()
            try:
                accounts.change_password(member, password_form.current_password.data,
                                         password_form.password.data)
                accounts.start_sign_in(member)  # stay signed in here, afresh
            except ValidationFailed as error:
                db.session.rollback()
                apply_errors(password_form, error)
            else:
                db.session.commit()
                session.clear()
                login_user(member)  # every other sign-in has ended
                flash("Your password is changed. Other devices have been signed out.", "success")
                return redirect(url_for("core.settings"))
    elif request.method == "POST":
        abort(400)
    return render_template("auth/settings.html", profile_form=profile_form,
                           password_form=password_form)
