"""Merging duplicate organisations: the members, memberships, branches and links of the
one merged move to the one kept, and its slug (and old slugs) redirect there."""

from __future__ import annotations

from sqlalchemy import select, update

from core import audit, permissions
from core.errors import ValidationFailed
from core.extensions import db
from orgs.models import Affiliation, ConsortiumMembership, Organisation, OrganisationSlug
from orgs.organisations import changed


def _contains(outer: Organisation, inner: Organisation) -> bool:
    """Whether `inner` sits under `outer` (its branch, or a branch's branch...)."""
    seen: set[int] = set()
    step = inner.parent
    while step is not None and step.id not in seen:
        if step.id == outer.id:
            return True
        seen.add(step.id)
        step = step.parent
    return False


def merge(actor, duplicate: Organisation, kept: Organisation) -> Organisation:
    permissions.require(permissions.may_merge_organisations(actor),
                        "Only editors merge organisations.")
    if duplicate.id == kept.id:
        raise ValidationFailed("An organisation cannot be merged into itself.", "into")
    if _contains(duplicate, kept):
        raise ValidationFailed(f"{kept.name} is part of {duplicate.name}: merge the other "
                               "way round, or move it first.", "into")
    if duplicate.status == "merged" or kept.status == "merged":
        raise ValidationFailed("One of these is already merged into another.", "into")
    _move_affiliations(duplicate, kept)
    _move_memberships(duplicate, kept)
    db.session.execute(update(Organisation).where(Organisation.parent_id == duplicate.id)
                       .values(parent_id=kept.id))
    db.session.execute(update(OrganisationSlug).where(
        OrganisationSlug.organisation_id == duplicate.id).values(organisation_id=kept.id))
    db.session.add(OrganisationSlug(slug=duplicate.slug, organisation_id=kept.id))
    for name in ("isil", "oclc", "ror", "wikidata", "website", "country", "region"):
        if not getattr(kept, name) and getattr(duplicate, name):
            setattr(kept, name, getattr(duplicate, name))
    key, duplicate.isil_key = duplicate.isil_key, None
    db.session.flush()
    if kept.isil_key is None and key:
        kept.isil_key = key
    duplicate.slug = f"merged-{duplicate.id}"
    duplicate.status, duplicate.merged_into_id, duplicate.parent_id = "merged", kept.id, None
    db.session.flush()
    db.session.expire_all()
    audit.record(actor, "organisation.merged", "organisation", kept.id,
                 label=f"{duplicate.name} into {kept.name}")
    changed(duplicate)
    changed(kept)
    return kept


def _move_affiliations(duplicate: Organisation, kept: Organisation) -> None:
    """Each member's affiliations move; an open one where the member already has an open
    one with the kept organisation ends (the kept one stands)."""
    open_at_kept = set(db.session.scalars(select(Affiliation.user_id).where(
        Affiliation.organisation_id == kept.id, Affiliation.end_date.is_(None))))
    for affiliation in db.session.scalars(select(Affiliation).where(
            Affiliation.organisation_id == duplicate.id)):
        if affiliation.end_date is None and affiliation.user_id in open_at_kept:
            db.session.delete(affiliation)
            continue
        affiliation.organisation_id = kept.id
    db.session.flush()


def _move_memberships(duplicate: Organisation, kept: Organisation) -> None:
    rows = list(db.session.scalars(select(ConsortiumMembership).where(
        (ConsortiumMembership.member_id == duplicate.id)
        | (ConsortiumMembership.consortium_id == duplicate.id))))
    pairs = {tuple(pair) for pair in db.session.execute(select(
        ConsortiumMembership.consortium_id, ConsortiumMembership.member_id).where(
        (ConsortiumMembership.member_id == kept.id)
        | (ConsortiumMembership.consortium_id == kept.id)))}
    for row in rows:
        consortium = kept.id if row.consortium_id == duplicate.id else row.consortium_id
        member = kept.id if row.member_id == duplicate.id else row.member_id
        if consortium == member or (consortium, member) in pairs:
            db.session.delete(row)
            continue
        row.consortium_id, row.member_id = consortium, member
        pairs.add((consortium, member))
    db.session.flush()
