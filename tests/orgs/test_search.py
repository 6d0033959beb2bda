"""Organisations in search, on whichever engine SEARCH_ENGINE chooses: their documents
(type `organisation`), `flask search check`/`rebuild`, and `org=` on /search."""

from community import answers, questions
from core.extensions import db
from orgs import merging
from search import engine, query
from tests.orgs.conftest import make_org
from wiki import saving


def test_organisations_are_indexed_checked_rebuilt_and_leave_when_merged(app, network,
                                                                        editor):
    found = query.search("northshire", type_="organisation")
    assert [hit.title for hit in found.hits] == ["Northshire Libraries Consortium"]
    assert found.hits[0].url == f"/orgs/{network['consortium'].slug}"
    assert "Consortium or network" in found.hits[0].author
    assert ("organisation", 3) in query.search("").facets["type"]
    assert engine.current().check().clean
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "Indexed 3 documents." in result.output
    duplicate = make_org(editor, "Riverside Public Library (old entry)")
    assert query.search("riverside old entry").total == 1
    merging.merge(editor, duplicate, network["library"])
    db.session.commit()
    assert f"organisation:{duplicate.id}" not in engine.current().stamps()
    assert engine.current().check().clean


def test_org_filter_keeps_practice_from_the_consortiums_members(app, client, network,
                                                                member, other_member):
    app.config["RATELIMIT_ENABLED"] = False
    # Otto is approved staff of a library in the consortium; Mina has no affiliation.
    saving.create_article(other_member, title="Storytime with puppets",
                          body="Puppets make storytime.")
    saving.create_article(member, title="Storytime for toddlers", body="Storytime songs.")
    asked = questions.ask(member, title="How long should storytime be?",
                          body="Our storytime runs long; what works for you?")
    db.session.flush()
    answers.accept(member, answers.answer(other_member, asked, "Twenty minutes of storytime."))
    db.session.commit()
    slug = network["consortium"].slug
    page = client.get(f"/search?q=storytime&org={slug}").get_data(as_text=True)
    assert "Storytime with puppets" in page and "How long should storytime be?" in page
    assert "Storytime for toddlers" not in page and 'id="org-filter"' in page
    assert f'name="org" value="{slug}"' in page
    assert "Storytime with puppets" in client.get(
        f"/search?q=storytime&org={network['library'].slug}").get_data(as_text=True)
    branch = client.get(f"/search?q=storytime&org={network['branch'].slug}")
    assert "Storytime with puppets" not in branch.get_data(as_text=True)
    for wrong in ("no-such-org", "%00x", "x" * 81):  # no filter, never an error
        unknown = client.get(f"/search?q=storytime&org={wrong}").get_data(as_text=True)
        assert "Storytime for toddlers" in unknown and 'id="org-filter"' not in unknown
