"""Organisation fixtures: a small network made through the real services, once per test."""

import pytest

from core.extensions import db
from orgs import affiliations
from orgs import organisations as registry


def make_org(user, name, kind="library", **fields):
    details = registry.clean_details(name=name, kind=kind, **fields)
    organisation = registry.create_organisation(user, details)
    db.session.commit()
    return organisation


@pytest.fixture
def network(app, member, other_member, editor):
    """A consortium, a library in it with a branch, and Otto the library's admin."""
    from orgs import consortia

    consortium = make_org(editor, "Northshire Libraries Consortium", "consortium",
                          sectors="public", country="GB", isil="GB-NSC")
    library = make_org(editor, "Riverside Public Library", sectors="public", country="GB",
                       isil="GB-RivPL")
    branch = make_org(member, "Riverside East Branch", parent="GB-RivPL")
    consortia.add_member(editor, consortium, library, "lead")
    boss = affiliations.claim(other_member, library, "manager")
    affiliations.approve(editor, boss)
    affiliations.set_admin(editor, boss, True)
    db.session.commit()
    return {"consortium": consortium, "library": library, "branch": branch}
