"""Check-by dates on the web: the page where a lead author or editor marks an article
checked or moves its date (the rules: wiki.checking)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from core import permissions
from core.edge import attempt
from core.extensions import db
from wiki import checking
from wiki.forms import CheckByForm, CheckForm
from wiki.models import Article
from wiki.views import _article, bp


def _check_page(article, check_form, date_form, status=200):
    return render_template("wiki/check.html", article=article,
                           status=checking.check_status(article), check_form=check_form,
                           checks=checking.checks_of(article),
                           date_form=date_form), status


@bp.route("/wiki/<slug>/check", methods=["GET", "POST"])
def check(slug: str):
    article = _article(slug, "wiki.check")
    permissions.require_member(current_user)
    permissions.require(permissions.may_check_article(current_user, article),
                        "Only the article's lead authors and the editors may check it.")
    check_form = CheckForm(prefix="check")
    date_form = CheckByForm(prefix="date", formdata=None)
    if request.method == "GET":
        date_form.check_by.data = article.check_by.isoformat() if article.check_by else ""
        return _check_page(article, check_form, date_form)
    if check_form.validate_on_submit():
        outcome = attempt(lambda: checking.mark_checked(
            current_user, db.session.get(Article, article.id), check_form.note.data or "",
            check_form.next_check_by.data or None), check_form)
        if outcome.done:
            when = outcome.value.next_check_by
            flash(f"Marked as checked; the next check is due by {when.day} "
                  f"{when:%B %Y}.", "success")
            return redirect(url_for("wiki.article", slug=article.slug))
        return _check_page(article, check_form, date_form, outcome.status_or(422))
    return _check_page(article, check_form, date_form, 400)


@bp.route("/wiki/<slug>/check-by", methods=["POST"])
def check_by(slug: str):
    article = _article(slug, "wiki.check_by")
    permissions.require_member(current_user)
    date_form = CheckByForm(prefix="date")
    check_form = CheckForm(prefix="check", formdata=None)
    if date_form.validate_on_submit():
        outcome = attempt(lambda: checking.change_check_by(
            current_user, db.session.get(Article, article.id), date_form.check_by.data or ""),
            date_form)
        if outcome.done:
            flash("The check-by date is changed.", "success")
            return redirect(url_for("wiki.article", slug=article.slug))
        return _check_page(article, check_form, date_form, outcome.status_or(422))
    return _check_page(article, check_form, date_form, 400)
