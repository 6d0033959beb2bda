"""Accounts on the web: register, sign in and out, profiles, settings."""

from __future__ import annotations

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

from core import accounts
from core.edge import attempt
from core.extensions import limiter
from core.forms import (
    EmptyForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
)
from core.urls import is_local_url

bp = Blueprint("core", __name__)


def safe_next(target: str | None, fallback: str) -> str:
    """Only ever redirect to a path on this site."""
    return target if is_local_url(target) else fallback


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


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], deduct_when=_registration_attempted)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("pages.profile", username=current_user.username))
    form = RegisterForm()
    if form.validate_on_submit():
        g.registration_attempted = True

        def register_and_sign_in():
            user = accounts.register(form.username.data, form.email.data, form.password.data)
            accounts.start_sign_in(user)
            return user

        outcome = attempt(register_and_sign_in, form)
        if outcome.done:
            user = outcome.value
            session.clear()
            login_user(user)
            flash(f"Welcome to Commonplace, {user.username}. Tell us a little about yourself.",
                  "success")
            return redirect(url_for("core.settings"))
        return render_template("auth/register.html", form=form), outcome.status_or(200)
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
# Failed sign-ins: 5 per account from one address, 20 from one address, and 100 an hour
# per account from everywhere (a ceiling for guessing from many addresses that no single
# visitor can reach). Addresses are the clients' own behind PROXY_COUNT proxies.
@limiter.limit("5 per 5 minutes", key_func=_login_key, methods=["POST"], deduct_when=_failed)
@limiter.limit("20 per 5 minutes", methods=["POST"], deduct_when=_failed)
@limiter.limit("100 per hour", key_func=_account_key, methods=["POST"], deduct_when=_failed)
def login():
    next_url = safe_next(request.values.get("next"), url_for("pages.home"))
    if current_user.is_authenticated:
        return redirect(next_url)
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.login.data, form.password.data)
        if user is not None:
            attempt(lambda: accounts.start_sign_in(user))
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
        attempt(lambda: accounts.end_sign_in(signed_in_as))
        logout_user()
        session.clear()
        flash("You are signed out.", "success")
    return redirect(url_for("pages.home"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    profile_form = ProfileForm(obj=current_user, prefix="profile")
    password_form = PasswordForm(prefix="password")
    status = 200
    if request.method == "POST" and "profile-submit" in request.form:
        if profile_form.validate_on_submit():
            outcome = attempt(lambda: accounts.update_profile(
                current_user, display_name=profile_form.display_name.data,
                library=profile_form.library.data, sector=profile_form.sector.data or "",
                bio=profile_form.bio.data or ""), profile_form)
            if outcome.done:
                flash("Your profile is saved.", "success")
                return redirect(url_for("core.settings"))
            status = outcome.status_or(200)
    elif request.method == "POST" and "password-submit" in request.form:
        if password_form.validate_on_submit():
            member = current_user._get_current_object()

            def change_password():
                accounts.change_password(member, password_form.current_password.data,
                                         password_form.password.data)
                accounts.start_sign_in(member)  # stay signed in here, afresh

            outcome = attempt(change_password, password_form)
            if outcome.done:
                session.clear()
                login_user(member)  # every other sign-in has ended
                flash("Your password is changed. Other devices have been signed out.", "success")
                return redirect(url_for("core.settings"))
            status = outcome.status_or(200)
    elif request.method == "POST":
        abort(400)
    return render_template("auth/settings.html", profile_form=profile_form,
                           password_form=password_form), status
