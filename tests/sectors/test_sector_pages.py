"""Sector pages (/sectors/<sector>) and the search filter "from other sectors than mine"."""

from community import answers, questions
from core.extensions import db
from tests.conftest import register_user
from wiki import saving


def test_a_sector_page_shows_what_its_members_write_solve_and_others_take(app, client,
                                                                          member):
    app.config["RATELIMIT_ENABLED"] = False
    scholar = register_user("sam", sector="academic", display_name="Sam Scholar")
    ours = saving.create_article(member, title="Seed library at the branch",
                                 body="Lending seeds.", sectors=["public"]).article
    saving.create_article(scholar, title="Seeds in the campus garden",
                          body="Borrowed from [[Seed library at the branch]].",
                          sectors=["academic"])
    saving.create_article(member, title="Quiet public article", body="Nobody links here.",
                          sectors=["public"])
    asked = questions.ask(scholar, title="Where do seed packets go in the catalogue?",
                          body="We are starting a seed library on campus.")
    answers.accept(scholar, answers.answer(member, asked, "A local collection code."))
    db.session.commit()
    page = client.get("/sectors/public").get_data(as_text=True)
    takeaways = page[page.index("What others could take from us"):
                     page.index("What our members write")]
    assert ours.title in takeaways and "Linked from 1 article of other sectors" in takeaways
    assert "Quiet public article" not in takeaways
    written = page[page.index("What our members write"):]
    assert "Quiet public article" in written and "Seeds in the campus garden" not in written
    solved = page[page.index("What our members solve"):]
    assert "Where do seed packets go" in solved and "Solved by Mina Member" in solved
    academic = client.get("/sectors/academic").get_data(as_text=True)
    assert "Seeds in the campus garden" in academic
    assert client.get("/sectors/castle").status_code == 404
    assert "Public library" in client.get("/sectors/").get_data(as_text=True)


def test_search_from_other_sectors_than_mine(app, client, member_client, member):
    app.config["RATELIMIT_ENABLED"] = False
    for title, sector in (("Zine club at the branch", "public"),
                          ("Zine club in the school library", "school"),
                          ("Zine archive at the university", "academic")):
        saving.create_article(member, title=title, body="Making zines together.",
                              sectors=[sector])
    db.session.commit()
    everything = member_client.get("/search?q=zine").get_data(as_text=True)
    assert "Zine club at the branch" in everything
    assert "Only from other sectors than mine (public library)" in everything
    others = member_client.get("/search?q=zine&others=1").get_data(as_text=True)
    assert "Zine club at the branch" not in others and 'id="others-filter"' in others
    assert "Zine club in the school library" in others and "Zine archive" in others
    # A visitor has no sector: the filter is not offered and is ignored.
    visitor = client.get("/search?q=zine&others=1").get_data(as_text=True)
    assert "Zine club at the branch" in visitor and "others-filter" not in visitor
