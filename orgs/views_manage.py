"""Managing organisations on the web: editing, confirming, approving and removing
affiliations, naming admins, consortium memberships, merging, the members' CSV; and a
member's own affiliation (byline, ending it). Thin views on the orgs blueprint."""

from __future__ import annotations

import csv
import io

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from core import permissions
from core.edge import act, attempt, form_status
from core.forms import check_button_form
from orgs import affiliations, bp, consortia, merging
from orgs import organisations as registry
from orgs.forms import MembershipForm, MergeForm, OrganisationForm
from orgs.views import load, refused_form, render_organisation

MANAGE = "Only the organisation's admins and editors may do that."


def _page(slug: str) -> str:
    return url_for("orgs.organisation", slug=slug)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    permissions.require_member(current_user)
    found = load(slug)
    permissions.require(permissions.may_manage_organisation(current_user, found), MANAGE)
    form = OrganisationForm(obj=found if request.method == "GET" else None)
    if request.method == "GET":
        form.sectors.data = found.sectors
        form.parent.data = found.parent.slug if found.parent else ""
    if form.validate_on_submit():
        outcome = attempt(lambda: registry.edit_organisation(
            current_user, load(slug), registry.clean_details(
                **form.values(), organisation=load(slug))), form)
        if outcome.done:
            flash("The organisation is saved.", "success")
            return redirect(_page(found.slug))
    return render_template("orgs/form.html", form=form, organisation=found), form_status(form)


@bp.route("/<slug>/confirm", methods=["POST"])
def confirm(slug: str):
    permissions.require_member(current_user)
    check_button_form()
    load(slug)
    return act(lambda: registry.confirm(current_user, load(slug)),
               "The organisation is confirmed.", _page(slug))


def _affiliation(affiliation_id: int):
    from core.errors import NotFound

    try:
        return affiliations.get_affiliation(affiliation_id)
    except NotFound:
        abort(404)


@bp.route("/affiliations/<int:affiliation_id>/<any(approve, remove):action>",
          methods=["POST"])
def review_affiliation(affiliation_id: int, action: str):
    permissions.require_member(current_user)
    check_button_form()
    slug = _affiliation(affiliation_id).organisation.slug
    change = affiliations.approve if action == "approve" else affiliations.remove
    return act(lambda: change(current_user, _affiliation(affiliation_id)),
               "Affiliation approved." if action == "approve" else "Affiliation removed.",
               _page(slug), denied=_page(slug))


@bp.route("/affiliations/<int:affiliation_id>/admin", methods=["POST"])
def affiliation_admin(affiliation_id: int):
    permissions.require_member(current_user)
    check_button_form()
    slug = _affiliation(affiliation_id).organisation.slug
    admin = request.form.get("admin", "1") == "1"
    return act(lambda: affiliations.set_admin(current_user, _affiliation(affiliation_id),
                                              admin),
               "Admins updated.", _page(slug), denied=_page(slug))


@bp.route("/affiliations/<int:affiliation_id>/<any(byline, end):action>", methods=["POST"])
def own_affiliation(affiliation_id: int, action: str):
    permissions.require_member(current_user)
    check_button_form()
    _affiliation(affiliation_id)
    back = url_for("pages.profile", username=current_user.username)
    if action == "end":
        return act(lambda: affiliations.end(current_user, _affiliation(affiliation_id)),
                   "Your affiliation is ended; it stays on your past work.", back)
    shown = request.form.get("shown", "1") == "1"
    return act(lambda: affiliations.set_byline(current_user, _affiliation(affiliation_id),
                                               shown),
               "Your byline is updated.", back)


@bp.route("/<slug>/members", methods=["POST"])
def add_member(slug: str):
    permissions.require_member(current_user)
    found = load(slug)
    permissions.require(permissions.may_manage_memberships(current_user, found), MANAGE)
    form = MembershipForm()
    if not form.validate_on_submit():
        return refused_form(found, membership_form=form)
    outcome = attempt(lambda: consortia.add_member(
        current_user, load(slug), registry.find_by_reference(form.member.data),
        form.role.data, form.start_date.data, form.end_date.data, form.source_url.data),
        form)
    if outcome.done:
        flash("The member is added.", "success")
        return redirect(_page(slug) + "#members")
    return render_organisation(load(slug), membership_form=form, status=outcome.status)


@bp.route("/memberships/<int:membership_id>/end", methods=["POST"])
def end_membership(membership_id: int):
    from core.errors import NotFound

    permissions.require_member(current_user)
    check_button_form()
    try:
        slug = consortia.get_membership(membership_id).consortium.slug
    except NotFound:
        abort(404)
    return act(lambda: consortia.end_membership(current_user,
                                                consortia.get_membership(membership_id)),
               "The membership is ended.", _page(slug) + "#members")


@bp.route("/<slug>/merge", methods=["POST"])
def merge(slug: str):
    permissions.require_member(current_user)
    permissions.require(permissions.may_merge_organisations(current_user),
                        "Only editors merge organisations.")
    found = load(slug)
    form = MergeForm()
    if not form.validate_on_submit():
        abort(400)
    kept = registry.find_by_reference(form.into.data)
    if kept is None:
        form.into.errors = ["There is no organisation with that ISIL or address."]
        return render_organisation(found, merge_form=form, status=422)
    outcome = attempt(lambda: merging.merge(current_user, load(slug),
                                            registry.get_organisation(kept.slug)), form)
    if outcome.done:
        flash(f"Merged into {kept.name}; the old address leads here.", "success")
        return redirect(_page(kept.slug))
    return render_organisation(load(slug), merge_form=form, status=outcome.status)


@bp.route("/<slug>/members.csv")
def members_csv(slug: str):
    """The organisation's members (and, for a consortium, its member organisations), for
    its admins and editors."""
    permissions.require_member(current_user)
    found = load(slug)
    permissions.require(permissions.may_manage_organisation(current_user, found), MANAGE)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["type", "name", "username_or_slug", "role", "start_date", "end_date",
                     "admin"])
    for row in affiliations.members_of(found):
        writer.writerow(["member", _cell(row.user.name), row.user.username, row.role,
                         row.start_date or "", row.end_date or "", "yes" if row.admin else ""])
    for row in consortia.members_of(found, current_only=False):
        writer.writerow(["organisation", _cell(row.member.name), row.member.slug, row.role,
                         row.start_date or "", row.end_date or "", ""])
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{found.slug}-members.csv"'})


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
