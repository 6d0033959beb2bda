"""Organisations: identifiers, parents without loops, unverified until confirmed,
affiliations approved by the organisation's admins, consortium memberships, merging."""

import pytest

from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.timeutil import utcnow
from orgs import affiliations, consortia, identifiers, merging
from orgs import organisations as registry
from tests.orgs.conftest import make_org


@pytest.mark.parametrize("isil", ["GB-UkOxU", "US-DLC", "DE-101", "O-0001/ab:c", "X-1"])
def test_valid_isils_are_kept_as_written(isil):
    assert identifiers.clean_isil(isil) == isil


@pytest.mark.parametrize("isil", ["GBUkOxU", "GB-Uk OxU", "GB-UkOxUUUUUUUUUU", "-ABC",
                                  "GB-Ük", "ABCDE-1"])
def test_invalid_isils_are_refused_on_their_field(isil):
    with pytest.raises(ValidationFailed) as refused:
        identifiers.clean_isil(isil)
    assert refused.value.field == "isil"


def test_other_identifiers_are_checked_and_written_one_way():
    assert identifiers.clean_ror("052gg0110") == "https://ror.org/052gg0110"
    assert identifiers.clean_ror("https://ror.org/052GG0110") == "https://ror.org/052gg0110"
    assert identifiers.clean_wikidata("q131454") == "Q131454"
    assert identifiers.clean_oclc("dlc") == "DLC"
    assert identifiers.clean_country("gb") == "GB"
    for clean, bad in ((identifiers.clean_ror, "https://ror.org/052gg0111"),
                       (identifiers.clean_ror, "052gg01"), (identifiers.clean_wikidata, "P31"),
                       (identifiers.clean_oclc, "a b"), (identifiers.clean_country, "XX"),
                       (identifiers.clean_country, "GBR")):
        with pytest.raises(ValidationFailed):
            clean(bad)
    with pytest.raises(ValidationFailed):
        identifiers.clean_url("javascript:alert(1)", "website")


def test_every_bad_field_is_reported_at_once_and_nothing_is_made(app, member):
    with pytest.raises(ValidationFailed) as refused:
        registry.clean_details(name="", kind="castle", sectors="public,zoo", country="ZZ",
                               isil="nope", parent="no-such-org")
    assert {field for field, _ in refused.value.errors} == {
        "name", "kind", "sectors", "country", "isil", "parent"}


def test_isil_is_unique_regardless_of_case(network, member):
    with pytest.raises(ValidationFailed, match="already Riverside") as refused:
        registry.clean_details(name="Another", kind="library", isil="gb-rivpl")
    assert refused.value.field == "isil"


def test_a_member_made_organisation_is_unverified_until_confirmed(network, member,
                                                                  other_member, editor):
    branch, library = network["branch"], network["library"]
    assert not branch.verified and library.verified  # an editor's is verified at once
    assert branch.parent_id == library.id
    with pytest.raises(PermissionDenied):
        registry.confirm(member, branch)
    registry.confirm(editor, branch)
    assert branch.verified


def test_no_parent_loops(network, editor):
    library, branch = network["library"], network["branch"]
    for parent in (library.slug, branch.slug):
        with pytest.raises(ValidationFailed, match="under itself") as refused:
            registry.clean_details(name=library.name, kind="library", parent=parent,
                                   organisation=library)
        assert refused.value.field == "parent"


def test_affiliations_claimed_approved_by_org_admins_never_ones_own(network, member,
                                                                   other_member, editor):
    library = network["library"]
    claim = affiliations.claim(member, library, "staff", show_in_byline=True)
    with pytest.raises(ValidationFailed, match="already"):
        affiliations.claim(member, library, "manager")
    with pytest.raises(PermissionDenied):
        affiliations.approve(member, claim)  # one's own claim
    assert not affiliations.acts_for(member, library.id)
    affiliations.approve(other_member, claim)  # the library's admin
    db.session.commit()
    assert claim.approved and affiliations.acts_for(member, library.id)
    assert affiliations.labels_during({member.id: (utcnow(), utcnow())}) == {
        member.id: "Riverside Public Library"}
    # An org admin of the library is not one of the consortium's.
    with pytest.raises(PermissionDenied):
        consortia.add_member(other_member, network["consortium"], network["branch"], "member")
    affiliations.end(member, claim)
    db.session.commit()
    assert not claim.current
    assert affiliations.labels_during({member.id: (utcnow(), utcnow())}) == {
        member.id: "Riverside Public Library"}  # it ended today: today's work keeps it
    assert not affiliations.acts_for(member, library.id)
    with pytest.raises(PermissionDenied):
        affiliations.require_acting_for(member, library)
    # An org admin cannot approve their own later claim either.
    with pytest.raises(PermissionDenied):
        affiliations.remove(other_member, affiliations.open_affiliation(other_member, library))


def test_memberships_and_merging(network, editor, member):
    consortium, library, branch = network["consortium"], network["library"], network["branch"]
    with pytest.raises(ValidationFailed, match="itself"):
        consortia.add_member(editor, consortium, consortium, "member")
    with pytest.raises(ValidationFailed, match="already"):
        consortia.add_member(editor, consortium, library, "member")
    with pytest.raises(PermissionDenied):  # a library has no member organisations
        consortia.add_member(editor, library, branch, "member")
    with pytest.raises(ValidationFailed, match="itself"):
        merging.merge(editor, library, library)
    with pytest.raises(ValidationFailed, match="part of"):
        merging.merge(editor, library, branch)  # into one it contains
    with pytest.raises(PermissionDenied):
        merging.merge(member, branch, library)
    duplicate = make_org(member, "Riverside PL", isil="GB-RPL2")
    affiliations.claim(member, duplicate, "staff")
    consortia.add_member(editor, consortium, duplicate, "member")
    old_slug = duplicate.slug
    merging.merge(editor, duplicate, library)
    db.session.commit()
    assert registry.moved_to(old_slug).id == library.id
    assert affiliations.open_affiliation(member, library) is not None
    assert [row.member_id for row in consortia.members_of(consortium)] == [library.id]
    assert library.isil == "GB-RivPL"
