"""An ended affiliation stays on old content: bylines, an organisation's page and the
`org=` filter count work for the organisations its author worked for when it was done."""

from datetime import date, datetime

from sqlalchemy import update

from community import answers, questions
from core.extensions import db
from orgs import affiliations
from tests.orgs.conftest import make_org
from wiki import reading, saving
from wiki.models import ArticleAuthor, Revision

OLD = datetime(2025, 6, 1, 10, 0)


def _backdate_article(article, when):
    db.session.execute(update(Revision).where(Revision.article_id == article.id)
                       .values(created_at=when))
    db.session.execute(update(ArticleAuthor).where(ArticleAuthor.article_id == article.id)
                       .values(first_edit_at=when, last_edit_at=when))


def test_a_member_who_moves_on_leaves_old_work_with_the_library_they_left(
        app, client, network, member, other_member, editor):
    app.config["RATELIMIT_ENABLED"] = False
    library = network["library"]
    university = make_org(editor, "Hillside University Library", sectors="academic")
    # Mina worked at Riverside from 2025 to the end of that year, shown in her bylines.
    riverside = affiliations.claim(member, library, "staff", start_date=date(2025, 1, 1),
                                   show_in_byline=True)
    affiliations.approve(other_member, riverside)
    old = saving.create_article(member, title="Storytime for toddlers",
                                body="Sing first, then read.").article
    asked = questions.ask(other_member, title="How long should a storytime be?",
                          body="Ours runs long; what works for you at storytime?")
    db.session.flush()
    answer = answers.answer(member, asked, "Twenty minutes of storytime, then play.")
    answers.accept(other_member, answer)
    _backdate_article(old, OLD)
    answer.created_at = OLD
    db.session.commit()
    affiliations.end(member, riverside, date(2025, 12, 31))
    # Then she moved to the university, from 2026.
    hillside = affiliations.claim(member, university, "staff", start_date=date(2026, 1, 1),
                                  show_in_byline=True)
    affiliations.approve(editor, hillside)
    new = saving.create_article(member, title="Storytime for student parents",
                                body="Storytime in the library's family room.").article
    db.session.commit()

    assert reading.byline(old)["labels"] == {member.id: "Riverside Public Library"}
    assert reading.byline(new)["labels"] == {member.id: "Hillside University Library"}
    old_page = client.get(f"/wiki/{old.slug}").get_data(as_text=True)
    new_page = client.get(f"/wiki/{new.slug}").get_data(as_text=True)
    assert "(Riverside Public Library)" in old_page and "Hillside" not in old_page
    assert "(Hillside University Library)" in new_page and "Riverside" not in new_page

    # The library's page (and its consortium's) keeps her old article and answer, not
    # her new article; the university's has only the new one.
    for organisation in (library, network["consortium"]):
        page = client.get(f"/orgs/{organisation.slug}").get_data(as_text=True)
        assert "Storytime for toddlers" in page and "How long should a storytime be?" in page
        assert "Storytime for student parents" not in page
    page = client.get(f"/orgs/{university.slug}").get_data(as_text=True)
    assert "Storytime for student parents" in page and "Storytime for toddlers" not in page

    # So does the org= filter on search.
    found = client.get(f"/search?q=storytime&org={library.slug}").get_data(as_text=True)
    assert "Storytime for toddlers" in found and "How long should a storytime be?" in found
    assert "Storytime for student parents" not in found
    found = client.get(f"/search?q=storytime&org={university.slug}").get_data(as_text=True)
    assert "Storytime for student parents" in found and "Storytime for toddlers" not in found

    # Editing the old article now: she worked on it at both, and its byline says so; the
    # cached page is made again.
    saving.save_edit(old, member, title=old.title, body="Sing first, then read, then play.",
                     base_revision=1)
    db.session.commit()
    old_page = client.get(f"/wiki/{old.slug}").get_data(as_text=True)
    assert "(Hillside University Library; Riverside Public Library)" in old_page

    # Hiding the ended affiliation from her bylines takes it off old work too.
    affiliations.set_byline(member, riverside, False)
    db.session.commit()
    old_page = client.get(f"/wiki/{old.slug}").get_data(as_text=True)
    assert "(Hillside University Library)" in old_page and "Riverside" not in old_page


def test_labels_follow_the_dates_of_each_affiliation(app, network, member, other_member,
                                                    editor):
    library = network["library"]
    claim = affiliations.claim(member, library, "staff", show_in_byline=True)
    span = {member.id: (OLD, OLD)}
    assert affiliations.labels_during(span) == {}  # not approved yet
    affiliations.approve(other_member, claim)
    assert affiliations.labels_during(span) == {member.id: "Riverside Public Library"}
    claim.start_date = date(2025, 6, 2)  # began the day after
    assert affiliations.labels_during(span) == {}
    claim.start_date = date(2025, 6, 1)  # began that day
    affiliations.end(member, claim, date(2025, 6, 1))  # and ended it
    assert affiliations.labels_during(span) == {member.id: "Riverside Public Library"}
    assert affiliations.labels_during({member.id: (datetime(2025, 6, 2), datetime(2025, 7, 1))}
                                      ) == {}
    assert affiliations.labels_during({}) == {}
