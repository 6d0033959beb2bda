"""Organisations: finding, listing, creating, editing and confirming them.

`clean_details` is the one reading of an organisation's fields, used by the web form and
by `flask orgs import` alike, so both refuse the same input with the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from core import audit, permissions, signals
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.markup import slugify
from core.models import SECTORS
from core.slugs import free_slug
from core.spoofing import check_no_bidi_controls
from core.text import check_text
from orgs import identifiers
from orgs.models import KINDS, Organisation, OrganisationSector, OrganisationSlug

SLUG_RULE = "/orgs/<slug>"


@dataclass
class Details:
    """An organisation's fields as checked values (the parent as a row, or None)."""

    name: str = ""
    kind: str = "library"
    sectors: list[str] = field(default_factory=list)
    country: str = ""
    region: str = ""
    isil: str = ""
    oclc: str = ""
    ror: str = ""
    wikidata: str = ""
    website: str = ""
    description: str = ""
    parent: Organisation | None = None


def clean_name(name: str) -> str:
    name = check_no_bidi_controls(" ".join(check_text(name, "name", "the name").split()),
                                  "name", "The name")
    if not 2 <= len(name) <= 160:
        raise ValidationFailed("Give the organisation's name, 2 to 160 characters.", "name")
    return name


def clean_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationFailed("Choose what kind of organisation it is.", "kind")
    return kind


def clean_sectors(sectors) -> list[str]:
    if isinstance(sectors, str):
        sectors = [part.strip().lower() for part in sectors.replace(";", ",").split(",")]
    chosen = sorted({sector for sector in sectors or () if sector})
    unknown = [sector for sector in chosen if sector not in SECTORS]
    if unknown:
        raise ValidationFailed(f"Unknown sector “{unknown[0][:30]}”: choose among "
                               f"{', '.join(SECTORS)}.", "sectors")
    return chosen


def clean_region(region: str) -> str:
    region = " ".join(check_text(region, "region", "the region").split())
    if len(region) > 80:
        raise ValidationFailed("The region is 80 characters at most.", "region")
    return region


def clean_description(text: str) -> str:
    text = check_text(text, "description", "the description", multiline=True).strip()
    if len(text) > 2000:
        raise ValidationFailed("The description is 2,000 characters at most.", "description")
    return text


def clean_details(*, name: str, kind: str, sectors="", country: str = "", region: str = "",
                  isil: str = "", oclc: str = "", ror: str = "", wikidata: str = "",
                  website: str = "", description: str = "", parent: str = "",
                  organisation: Organisation | None = None) -> Details:
    """Every field checked, every problem collected; `parent` is an ISIL or a slug."""
    problems = Problems()
    details = Details(
        name=problems.check(clean_name, name) or "",
        kind=problems.check(clean_kind, kind) or "",
        sectors=problems.check(clean_sectors, sectors) or [],
        country=problems.check(identifiers.clean_country, country) or "",
        region=problems.check(clean_region, region) or "",
        isil=problems.check(identifiers.clean_isil, isil) or "",
        oclc=problems.check(identifiers.clean_oclc, oclc) or "",
        ror=problems.check(identifiers.clean_ror, ror) or "",
        wikidata=problems.check(identifiers.clean_wikidata, wikidata) or "",
        website=problems.check(identifiers.clean_url, website, "website") or "",
        description=problems.check(clean_description, description) or "")
    if details.isil:
        other = find_by_isil(details.isil)
        if other is not None and other is not organisation:
            problems.add(f"The ISIL {details.isil} is already {other.name}'s.", "isil")
    if (parent or "").strip():
        details.parent = find_by_reference(parent)
        if details.parent is None:
            problems.add(f"There is no organisation with the ISIL or address "
                         f"“{parent.strip()[:40]}”.", "parent")
        elif organisation is not None and would_loop(organisation, details.parent):
            problems.add("An organisation cannot sit under itself or under one of its own "
                         "branches.", "parent")
    problems.raise_any()
    return details


def would_loop(organisation: Organisation, parent: Organisation) -> bool:
    """Whether putting `organisation` under `parent` makes a loop (parent is it, or below
    it). Walks up from `parent`, at most as far as there are organisations."""
    seen: set[int] = set()
    step = parent
    while step is not None and step.id not in seen:
        if step.id == organisation.id:
            return True
        seen.add(step.id)
        step = step.parent
    return step is not None  # a loop already there: refuse rather than add to it


def find_by_isil(isil: str) -> Organisation | None:
    key = identifiers.isil_key(isil)
    return db.session.scalar(select(Organisation).where(Organisation.isil_key == key)) \
        if key else None


def find_by_reference(reference: str) -> Organisation | None:
    """An organisation by ISIL (any case) or by its slug (or an old slug)."""
    reference = (reference or "").strip()
    if not reference:
        return None
    found = find_by_isil(reference) if len(reference) <= 16 else None
    if found is None:
        found = db.session.scalar(select(Organisation).where(Organisation.slug == reference))
    if found is None:
        moved = db.session.get(OrganisationSlug, reference)
        found = db.session.get(Organisation, moved.organisation_id) if moved else None
    return found


def get_organisation(slug: str) -> Organisation:
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if organisation is None:
        raise NotFound("There is no such organisation.")
    return organisation


def moved_to(slug: str) -> Organisation | None:
    """The organisation an old slug now leads to (after a merge), or None."""
    moved = db.session.get(OrganisationSlug, slug)
    return db.session.get(Organisation, moved.organisation_id) if moved else None


def _apply(organisation: Organisation, details: Details) -> None:
    organisation.name = details.name
    organisation.kind = details.kind
    organisation.country = details.country
    organisation.region = details.region
    organisation.isil = details.isil
    organisation.isil_key = identifiers.isil_key(details.isil)
    organisation.oclc = details.oclc
    organisation.ror = details.ror
    organisation.wikidata = details.wikidata
    organisation.website = details.website
    organisation.description = details.description
    organisation.parent = details.parent
    if organisation.sectors != details.sectors:
        organisation.sector_rows = [OrganisationSector(sector=sector)
                                    for sector in details.sectors]


def new_slug(name: str) -> str:
    base = free_slug(slugify(name, 70) or "organisation", SLUG_RULE, "org")
    slug, number = base, 1
    while db.session.scalar(select(Organisation.id).where(Organisation.slug == slug)) or \
            db.session.get(OrganisationSlug, slug):
        number += 1
        slug = f"{base}-{number}"
    return slug


def create_organisation(user, details: Details, *, verified: bool = False) -> Organisation:
    """A member adds an organisation; it is unverified until an editor or one of its admins
    confirms it (an editor's own is verified at once)."""
    permissions.require_member(user)
    organisation = Organisation(slug=new_slug(details.name), created_by_id=user.id,
                                verified=verified or permissions.is_editor(user))
    _apply(organisation, details)
    db.session.add(organisation)
    db.session.flush()
    changed(organisation)
    return organisation


def edit_organisation(user, organisation: Organisation, details: Details) -> Organisation:
    permissions.require(permissions.may_manage_organisation(user, organisation),
                        "Only the organisation's admins and editors may change it.")
    _apply(organisation, details)
    db.session.flush()
    changed(organisation)
    return organisation


def confirm(user, organisation: Organisation) -> Organisation:
    permissions.require(permissions.may_manage_organisation(user, organisation),
                        "Only the organisation's admins and editors may confirm it.")
    if not organisation.verified:
        organisation.verified = True
        db.session.flush()
        audit.record(user, "organisation.confirmed", "organisation", organisation.id,
                     label=organisation.name)
    return organisation


def changed(organisation: Organisation) -> None:
    """Tell search (and whoever listens) that this organisation changed."""
    signals.send(signals.content_changed, kind="organisation", object_id=organisation.id)


def organisation_query(*, kind: str = "", sector: str = "", country: str = "",
                       region: str = "", name: str = ""):
    """The list of organisations, filtered, by name; merged ones are left out."""
    query = (select(Organisation).where(Organisation.status != "merged")
             .options(selectinload(Organisation.sector_rows)).order_by(Organisation.name))
    if kind in KINDS:
        query = query.where(Organisation.kind == kind)
    if sector in SECTORS:
        query = query.where(Organisation.id.in_(select(OrganisationSector.organisation_id)
                                                .where(OrganisationSector.sector == sector)))
    if country:
        query = query.where(Organisation.country == country.upper()[:2])
    if region:
        query = query.where(func.lower(Organisation.region) == region.strip().lower()[:80])
    words = " ".join(name.split())[:100]
    if words:
        escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(or_(func.lower(Organisation.name).like(f"%{escaped}%", escape="\\"),
                                Organisation.isil_key == words.upper()))
    return query


def branches_of(organisation: Organisation) -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(
        Organisation.parent_id == organisation.id, Organisation.status != "merged")
        .order_by(Organisation.name)))
