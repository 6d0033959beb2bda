"""`flask demo load` gives the demo a network: consortia, an umbrella body, a school library
service, training providers, branches, and the demo members affiliated across them."""

from sqlalchemy import select

from core.extensions import db
from orgs import consortia
from orgs.models import Affiliation, Organisation
from search import engine, query


def test_demo_network_and_affiliations(app, client, demo):
    kinds = {org.slug: org.kind for org in db.session.scalars(select(Organisation))}
    assert {"consortium", "association", "service", "training", "library"} <= set(kinds.values())
    assert sum(kind == "training" for kind in kinds.values()) == 2
    northshire = db.session.scalar(select(Organisation).where(
        Organisation.name == "Northshire Libraries Consortium"))
    assert len(consortia.members_of(northshire)) == 4
    assert db.session.scalars(select(Organisation).where(
        Organisation.parent_id.is_not(None))).all()
    claims = db.session.scalars(select(Affiliation)).all()
    assert sum(claim.status == "pending" for claim in claims) == 1
    assert sum(claim.admin for claim in claims) == 1
    assert sum(claim.approved for claim in claims) >= 8
    page = client.get(f"/orgs/{northshire.slug}").get_data(as_text=True)
    assert "Riverside Public Library" in page and "María López" in page
    assert query.search("northshire", type_="organisation").total >= 4
    assert engine.current().check().clean
