"""Organisations on the web, for readers and members: the list, a page, adding one,
claiming an affiliation, the JSON of one. Managing them is in orgs/views_manage.py."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from core import permissions
from core.edge import attempt, form_status
from core.errors import NotFound
from core.extensions import db
from core.models import SECTOR_LABELS
from core.paging import paginate
from orgs import affiliations, bp, consortia, identifiers
from orgs import organisations as registry
from orgs.forms import ClaimForm, MembershipForm, MergeForm, OrganisationForm
from orgs.models import KINDS, Organisation

PER_PAGE = 30


def load(slug: str) -> Organisation:
    try:
        return registry.get_organisation(slug)
    except NotFound:
        abort(404)


def _moved(slug: str, endpoint: str, **values):
    """An old slug (a merged organisation) redirects to the one kept."""
    kept = registry.moved_to(slug)
    if kept is None:
        abort(404)
    return redirect(url_for(endpoint, slug=kept.slug, **values), 301)


@bp.route("/")
def index():
    filters = {name: request.args.get(name, "")[:100] for name in
               ("kind", "sector", "country", "region", "q")}
    page_number = max(1, request.args.get("page", 1, type=int) or 1)
    query = registry.organisation_query(kind=filters["kind"], sector=filters["sector"],
                                        country=filters["country"], region=filters["region"],
                                        name=filters["q"])
    page = paginate(query, page=min(page_number, 10_000), per_page=PER_PAGE)
    return render_template("orgs/index.html", page=page, filters=filters, kinds=KINDS,
                           sectors=SECTOR_LABELS, countries=identifiers.country_choices(),
                           country_name=identifiers.country_name)


@bp.route("/new", methods=["GET", "POST"])
def new():
    permissions.require_member(current_user, "Please sign in to add an organisation.")
    form = OrganisationForm()
    if form.validate_on_submit():
        outcome = attempt(lambda: registry.create_organisation(
            current_user, registry.clean_details(**form.values())), form)
        if outcome.done:
            flash("The organisation is added. It shows as unverified until an editor or "
                  "one of its admins confirms it.", "success")
            return redirect(url_for("orgs.organisation", slug=outcome.value.slug))
    return render_template("orgs/form.html", form=form, organisation=None), form_status(form)


@bp.route("/<slug>")
def organisation(slug: str):
    found = db.session.scalar(db.select(Organisation).where(Organisation.slug == slug))
    if found is None:
        return _moved(slug, "orgs.organisation")
    return render_organisation(found)


def render_organisation(found: Organisation, *, claim_form=None, membership_form=None,
                        merge_form=None, status: int = 200):
    manage = permissions.may_manage_organisation(current_user, found)
    context = {
        "organisation": found, "kinds": KINDS, "sectors": SECTOR_LABELS,
        "country": identifiers.country_name(found.country),
        "members": affiliations.members_of(found),
        "pending": affiliations.members_of(found, pending=True) if manage else [],
        "mine": affiliations.open_affiliation(current_user, found),
        "branches": registry.branches_of(found),
        "consortia": consortia.consortia_of(found),
        "memberships": consortia.members_of(found, current_only=False)
        if found.groups_members else [],
        "claim_form": claim_form or ClaimForm(formdata=None),
        "membership_form": membership_form or MembershipForm(formdata=None),
        "merge_form": merge_form or MergeForm(formdata=None),
        "manage": manage,
    }
    return render_template("orgs/organisation.html", **context), status


def refused_form(found: Organisation, **forms):
    """A form on the organisation's page that WTForms refused (a bad date): 400 without
    its CSRF token, else the page again with the field's message (422)."""
    if any(form.csrf_token.errors for form in forms.values()):
        abort(400)
    return render_organisation(found, status=422, **forms)


@bp.route("/<slug>.json")
def organisation_json(slug: str):
    found = db.session.scalar(db.select(Organisation).where(Organisation.slug == slug))
    if found is None:
        return _moved(slug, "orgs.organisation_json")
    return jsonify({
        "name": found.name, "slug": found.slug, "kind": found.kind,
        "sectors": found.sectors, "country": found.country, "region": found.region,
        "website": found.website, "description": found.description,
        "identifiers": {"isil": found.isil, "oclc": found.oclc, "ror": found.ror,
                        "wikidata": found.wikidata},
        "parent": found.parent.slug if found.parent else None,
        "status": found.status, "verified": found.verified,
        "url": url_for("orgs.organisation", slug=found.slug, _external=True),
        "members": [{"slug": row.member.slug, "name": row.member.name, "role": row.role,
                     "start_date": row.start_date.isoformat() if row.start_date else None,
                     "end_date": row.end_date.isoformat() if row.end_date else None}
                    for row in consortia.members_of(found, current_only=False)]
        if found.groups_members else [],
        "member_of": [row.consortium.slug for row in consortia.consortia_of(found)],
    })


@bp.route("/<slug>/claim", methods=["POST"])
def claim(slug: str):
    permissions.require_member(current_user, "Please sign in to claim an affiliation.")
    found = load(slug)
    form = ClaimForm()
    if not form.validate_on_submit():
        return refused_form(found, claim_form=form)
    outcome = attempt(lambda: affiliations.claim(
        current_user, load(slug), form.role.data, form.start_date.data,
        form.show_in_byline.data), form)
    if outcome.done:
        flash(f"Your affiliation with {found.name} waits for one of its admins to approve "
              "it.", "success")
        return redirect(url_for("orgs.organisation", slug=found.slug))
    return render_organisation(load(slug), claim_form=form, status=outcome.status)
