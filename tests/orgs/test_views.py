"""Organisations on the web: the wiring, one test per page or form."""

import csv
import io

from core.extensions import db
from orgs.models import Affiliation, Organisation
from tests.conftest import PASSWORD
from wiki import saving


def test_list_filters_and_search(client, network):
    page = client.get("/orgs/?kind=consortium").get_data(as_text=True)
    assert "Northshire Libraries Consortium" in page and "Riverside Public" not in page
    page = client.get("/orgs/?q=riverside&country=GB&sector=public").get_data(as_text=True)
    assert "Riverside Public Library" in page and "Northshire" not in page
    assert "Riverside Public Library" in client.get("/orgs/?q=gb-rivpl").get_data(as_text=True)


def test_new_organisation_bad_input_changes_nothing_then_good_input_makes_one(
        app, client, member):
    client.login("mina", PASSWORD)
    response = client.submit("/orgs/new", {"name": "Town Library", "kind": "library",
                                           "isil": "not an isil", "country": "GB"})
    assert response.status_code == 422
    assert "An ISIL (ISO 15511)" in response.get_data(as_text=True)
    assert db.session.query(Organisation).count() == 0
    response = client.submit("/orgs/new", {"name": "Town Library <b>", "kind": "library",
                                           "sectors": ["public", "school"], "country": "GB",
                                           "isil": "GB-TL"})
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Town Library &lt;b&gt;" in page and "Unverified" in page


def test_claim_approve_byline_and_consortium_page(app, client, network, member,
                                                  other_member):
    library, consortium = network["library"], network["consortium"]
    client.login("mina", PASSWORD)
    response = client.submit(f"/orgs/{library.slug}/claim",
                             {"role": "staff", "show_in_byline": "y"})
    assert response.status_code == 302
    assert client.submit(f"/orgs/{library.slug}/claim", {"role": "staff"}).status_code == 422
    claim = db.session.query(Affiliation).filter_by(user_id=member.id).one()
    assert client.submit(f"/orgs/affiliations/{claim.id}/approve").status_code == 302
    db.session.expire_all()
    assert db.session.get(Affiliation, claim.id).status == "pending"  # not one's own
    admin = app.test_client()
    admin.login("otto", PASSWORD)
    assert "Waiting for approval" in admin.get(f"/orgs/{library.slug}").get_data(as_text=True)
    admin.submit(f"/orgs/affiliations/{claim.id}/approve")
    db.session.expire_all()
    assert db.session.get(Affiliation, claim.id).status == "approved"
    app.config["RATELIMIT_ENABLED"] = False
    article = saving.create_article(db.session.merge(member), title="Story time for toddlers",
                                    body="Sing first.", tags="storytime").article
    db.session.commit()
    page = client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert "(Riverside Public Library)" in page
    page = client.get(f"/orgs/{consortium.slug}").get_data(as_text=True)
    assert "Story time for toddlers" in page and "#storytime" in page
    csv_text = admin.get(f"/orgs/{library.slug}/members.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert ["member", "Mina Member", "mina"] in [row[:3] for row in rows]
    assert client.get(f"/orgs/{library.slug}/members.csv").status_code == 403


def test_json_and_old_slug_redirect(client, network, editor):
    consortium = network["consortium"]
    data = client.get(f"/orgs/{consortium.slug}.json").get_json()
    assert data["identifiers"]["isil"] == "GB-NSC"
    assert data["members"][0]["slug"] == network["library"].slug
    client.login("edith", PASSWORD)
    branch = network["branch"]
    old = branch.slug
    response = client.submit(f"/orgs/{old}/merge", {"into": "gb-rivpl"})
    assert response.status_code == 302
    assert client.get(f"/orgs/{old}").status_code == 301
    refused = client.submit(f"/orgs/{network['library'].slug}/merge", {"into": "GB-RivPL"})
    assert refused.status_code == 422 and "into itself" in refused.get_data(as_text=True)
