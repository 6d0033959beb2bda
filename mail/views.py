"""The mail pages: forgotten password, verifying and changing an address, notification
preferences, and one-click unsubscribe."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from core.edge import attempt
from core.extensions import db, limiter
from core.forms import check_button_form
from mail import account_mail, bp, preferences, tokens
from mail.forms import EmailChangeForm, ForgotForm, NewPasswordForm, preferences_form


def _reset_address_key() -> str:
    return "reset " + (request.form.get("email") or "").strip().lower()[:254]


def _reset_asked(response) -> bool:
    return bool(g.get("reset_asked"))


@bp.route("/password/reset", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], deduct_when=_reset_asked)
@limiter.limit("3 per hour", key_func=_reset_address_key, methods=["POST"],
               deduct_when=_reset_asked)
def forgot_password():
    form = ForgotForm()
    if form.validate_on_submit():
        g.reset_asked = True
        outcome = attempt(lambda: account_mail.ask_for_reset(form.email.data), form)
        if outcome.done:
            return render_template("mail/page_forgot_sent.html"), 200
        return render_template("mail/page_forgot.html", form=form), outcome.status_or(422)
    return render_template("mail/page_forgot.html", form=form), 422 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def reset_password(token: str):
    if account_mail.reset_user(token) is None:
        db.session.rollback()
        return render_template("mail/page_reset_expired.html"), 410
    form = NewPasswordForm()
    if form.validate_on_submit():
        outcome = attempt(lambda: account_mail.reset_password(token, form.password.data), form)
        if outcome.done:
            session.clear()  # every sign-in has ended, this browser's too
            flash("Your password is changed and every device was signed out. Sign in with "
                  "your new password.", "success")
            return redirect(url_for("core.login"))
        return render_template("mail/page_reset.html", form=form), outcome.status_or(422)
    return render_template("mail/page_reset.html", form=form), 422 if form.errors else 200


@bp.route("/email/verify/<token>", methods=["GET", "POST"])
def verify(token: str):
    if request.method == "POST":
        check_button_form()
        outcome = attempt(lambda: account_mail.verify(token))
        if outcome.done:
            flash("Thank you: your e-mail address is verified.", "success")
            return redirect(url_for("mail.preferences") if current_user.is_authenticated
                            else url_for("core.login"))
        return render_template("mail/page_verify.html", token=token, failed=True), 422
    return render_template("mail/page_verify.html", token=token, failed=False)


@bp.route("/email/verify", methods=["POST"])
@login_required
def resend_verification():
    check_button_form()
    member = current_user._get_current_object()
    if attempt(lambda: account_mail.resend_verification(member)).done:
        flash(f"We have sent a new link to {member.email}.", "success")
    return redirect(url_for("mail.preferences"))


@bp.route("/settings/email", methods=["GET", "POST"])
@login_required
def change_email():
    form = EmailChangeForm()
    status = 200
    if form.validate_on_submit():
        member = current_user._get_current_object()
        outcome = attempt(lambda: account_mail.request_email_change(
            member, form.password.data, form.email.data), form)
        if outcome.done:
            flash(f"We have sent a link to {outcome.value}: your address changes when you "
                  "follow it. We have told your current address too.", "success")
            return redirect(url_for("mail.preferences"))
        status = outcome.status_or(422)
    elif form.errors:
        status = 422
    return render_template("mail/page_change_email.html", form=form), status


@bp.route("/settings/notifications", methods=["GET", "POST"], endpoint="preferences")
@login_required
def preferences_page():
    member = current_user._get_current_object()
    settings = preferences.settings_of(member.id)
    form = preferences_form(preferences.modes_of(member.id), settings.digest)
    verified = settings.verified_at is not None
    db.session.rollback()  # settings_of may have made the row: the form's POST saves it
    status = 200
    if form.validate_on_submit():
        chosen = {kind: getattr(form, kind).data for kind in preferences.KINDS}
        outcome = attempt(lambda: preferences.save(member.id, chosen, form.digest.data), form)
        if outcome.done:
            flash("Your notification settings are saved.", "success")
            return redirect(url_for("mail.preferences"))
        status = outcome.status_or(422)
    elif form.errors:
        status = 422
    return render_template("mail/page_preferences.html", form=form, kinds=preferences.KINDS,
                           verified=verified), status


def _unsubscribe_payload(token: str) -> tuple[int, str]:
    payload = tokens.read("unsubscribe", token, tokens.UNSUBSCRIBE_AGE)
    kind = payload.get("k") if payload else None
    if not payload or not isinstance(payload.get("u"), int) or (
            kind != preferences.DIGEST and kind not in preferences.KINDS):
        abort(404)
    return payload["u"], kind


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def unsubscribe(token: str):
    """A page with a button (GET), and the one click (POST, RFC 8058): the mail client
    posts `List-Unsubscribe=One-Click` with no cookie and no CSRF token (this view is
    exempt from CSRF); the signed token is what proves the right to it."""
    user_id, kind = _unsubscribe_payload(token)
    if request.method == "POST":
        outcome = attempt(lambda: preferences.unsubscribe(user_id, kind))
        return render_template("mail/page_unsubscribe.html", token=token, label=outcome.value,
                               done=True)
    label = "the digest" if kind == preferences.DIGEST else preferences.KINDS[kind].lower()
    return render_template("mail/page_unsubscribe.html", token=token, label=label, done=False)
