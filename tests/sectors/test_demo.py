"""The demo's across-sectors content: articles at each stage of their check date, two
partnership posts, and articles that find each other across sectors (both engines)."""

from sqlalchemy import func, select

from core.extensions import db
from partners.models import PartnerPost, PartnerReply
from sectors import matches
from wiki import checking
from wiki.models import Article


def _article(title):
    return db.session.scalar(select(Article).where(Article.title == title))


def test_demo_check_stages_partnerships_and_matches(app, demo, client):
    assert demo.exit_code == 0, demo.output
    today = checking.today()
    fresh = _article("Starting a library makerspace")
    soon = _article("Readers' advisory conversations")
    due = _article("Device lending and digital inclusion")
    overdue = _article("Current awareness services in a law library")
    assert fresh.check_by > today + checking.REMIND_BEFORE
    assert today <= soon.check_by <= today + checking.REMIND_BEFORE
    assert checking.is_due(due.check_by) and not checking.is_overdue(due.check_by)
    assert checking.is_overdue(overdue.check_by)
    page = client.get(f"/wiki/{fresh.slug}").get_data(as_text=True)
    assert "Last checked by" in page and "may be out of date" not in page
    assert "may be out of date" in client.get(f"/wiki/{due.slug}").get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(PartnerPost)) == 2
    assert db.session.scalar(select(func.count()).select_from(PartnerReply)) == 3
    # Hand-labelled demo pairs: each finds the other from another sector.
    for one, other in (("Teaching source evaluation in year 9",
                        "Embedding information literacy in first-year courses"),
                       ("A makerspace in a hospital library", "Starting a library makerspace")):
        row = matches.compute("article", _article(one).id)
        db.session.commit()
        assert other in [item["title"] for item in row.items[:3]], (one, row.items)
