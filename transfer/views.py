"""Pages: the admins' "move in and out" page (downloads of both exports, claims to decide)
and a member's claim on an imported contributor."""

from __future__ import annotations

import tempfile

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import EmailField, TextAreaField
from wtforms.validators import InputRequired, Optional

from core import permissions
from core.accounts import get_by_username
from core.edge import act, attempt, form_status
from core.extensions import db
from core.forms import check_button_form
from core.timeutil import utcnow
from transfer import bp, placeholders
from transfer.models import Placeholder, PlaceholderClaim


class ClaimForm(FlaskForm):
    note = TextAreaField("How can an admin tell this was you? (optional)",
                         validators=[Optional()], render_kw={"maxlength": 500, "rows": 3})


class MailClaimForm(FlaskForm):
    email = EmailField("Their e-mail address", validators=[InputRequired()],
                       render_kw={"maxlength": 254, "autocomplete": "off"})


@bp.route("/transfer/")
def overview():
    permissions.require_admin(current_user)
    claims = db.session.scalars(select(PlaceholderClaim).where(
        PlaceholderClaim.status == "pending").order_by(PlaceholderClaim.created_at)).all()
    imported = db.session.execute(select(Placeholder.source, Placeholder.wiki_name)
                                  .distinct()).all()
    return render_template("transfer/overview.html", claims=claims, imported=imported)


def _download(write, name: str, mimetype: str):
    permissions.require_admin(current_user)
    spooled = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115
    write(spooled)
    spooled.seek(0)
    return send_file(spooled, mimetype=mimetype, as_attachment=True,
                     download_name=f"commonplace-{utcnow():%Y-%m-%d}-{name}")


@bp.route("/transfer/export/markdown.zip")
def export_markdown():
    from transfer.export_markdown import write_markdown_zip

    return _download(write_markdown_zip, "markdown.zip", "application/zip")


@bp.route("/transfer/export/mediawiki.xml")
def export_mediawiki():
    from transfer.export_mediawiki import write_mediawiki_xml

    return _download(write_mediawiki_xml, "mediawiki.xml", "application/xml")


def _placeholder(username: str) -> Placeholder:
    from core.errors import NotFound

    try:
        found = placeholders.placeholder_of(get_by_username(username))
    except NotFound:
        abort(404)
    if found is None:
        abort(404)
    return found


@bp.route("/transfer/claim/<username>", methods=["GET", "POST"])
def claim(username: str):
    permissions.require_member(current_user)
    found = _placeholder(username)
    form = ClaimForm()
    if form.validate_on_submit():
        outcome = attempt(lambda: placeholders.request_claim(
            current_user, _placeholder(username).user, form.note.data or ""), form)
        if outcome.done:
            flash("Your claim is with the admins; you will see the credit move to you when "
                  "they approve it.", "success")
            return redirect(url_for("transfer.claim", username=username))
    return render_template("transfer/claim.html", form=form, placeholder=found,
                           mail_form=MailClaimForm(formdata=None)), form_status(form)


@bp.route("/transfer/claim/<username>/mail", methods=["POST"])
def mail_claim(username: str):
    """An admin mails the contributor a link that lets them take the credit."""
    from transfer.claim_mail import mail_claim_link

    permissions.require_admin(current_user)
    found = _placeholder(username)
    form = MailClaimForm()
    if form.validate_on_submit():
        outcome = attempt(lambda: mail_claim_link(
            current_user, _placeholder(username).user, form.email.data or ""), form)
        if outcome.done:
            flash(f"A link to take the credit was mailed to {outcome.value}.", "success")
            return redirect(url_for("transfer.claim", username=username))
    return render_template("transfer/claim.html", form=ClaimForm(formdata=None),
                           placeholder=found, mail_form=form), form_status(form)


@bp.route("/transfer/claim/mail/<token>", methods=["GET", "POST"])
def claim_by_mail(token: str):
    """The link mailed to a contributor: signed in, they take the placeholder's credit."""
    from core.errors import ValidationFailed
    from transfer.claim_mail import claim_by_link, read_claim_link

    permissions.require_member(current_user)
    if request.method == "POST":
        check_button_form()
        if attempt(lambda: claim_by_link(current_user, token)).done:
            flash("The credit is yours: the contributor's revisions and bylines now name "
                  "you.", "success")
            return redirect(url_for("pages.profile", username=current_user.username))
    try:
        placeholder, address = read_claim_link(token)
    except ValidationFailed as error:
        return render_template("transfer/claim_by_mail.html", placeholder=None,
                               problem=error.message), 410
    return render_template("transfer/claim_by_mail.html", placeholder=placeholder,
                           address=address, token=token)


@bp.route("/transfer/claims/<int:claim_id>/<any(approve, refuse):action>", methods=["POST"])
def decide(claim_id: int, action: str):
    permissions.require_admin(current_user)
    check_button_form()
    if db.session.get(PlaceholderClaim, claim_id) is None:
        abort(404)
    return act(lambda: placeholders.decide_claim(
        current_user, db.session.get(PlaceholderClaim, claim_id), action == "approve"),
        "Claim approved: the credit has moved." if action == "approve" else "Claim refused.",
        url_for("transfer.overview"))
