"""Check-by dates (wiki.checking): the default, who may mark an article checked or move its
date, the page's line and due notice, the reminders (sent once, however often the job
runs), /wiki/?status=due, the editors' queue and the ranking nudge in search."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community.models import Notification
from community.notifications import watch
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.timeutil import utcnow
from jobs import run_now
from mail.models import MailSettings, OutboxMessage
from search import query
from wiki import checking, saving
from wiki.models import ArticleCheck, CheckReminder


def _article(author, title="Makerspace safety inductions",
             body="Inductions for the laser cutter and the 3D printers in the makerspace.",
             sectors=("public",), tags="makerspaces"):
    article = saving.create_article(author, title=title, body=body, sectors=list(sectors),
                                    tags=tags).article
    db.session.commit()
    return article


def _due(article, days_ago: int) -> None:
    article.check_by = checking.today() - timedelta(days=days_ago)
    db.session.commit()


def test_a_new_article_is_due_a_year_on_and_only_leads_and_editors_check_it(
        app, member, other_member, editor):
    article = _article(member)
    assert article.check_by == (article.created_at + timedelta(days=365)).date()
    with pytest.raises(PermissionDenied):
        checking.mark_checked(other_member, article)
    with pytest.raises(PermissionDenied):
        checking.change_check_by(other_member, article, checking.today() + timedelta(days=30))
    db.session.rollback()
    for wrong in ("yesterday", (checking.today() - timedelta(days=1)).isoformat(),
                  (checking.today() + timedelta(days=6 * 366)).isoformat()):
        with pytest.raises(ValidationFailed):
            checking.change_check_by(member, article, wrong)
    with pytest.raises(ValidationFailed):
        checking.mark_checked(member, article, note="bad\x00note")
    db.session.rollback()
    later = checking.today() + timedelta(days=90)
    checking.change_check_by(editor, article, later.isoformat())
    assert article.check_by == later
    check = checking.mark_checked(member, article, note="Prices still right")
    db.session.commit()
    assert article.check_by == checking.today() + timedelta(days=365)
    assert (check.checked_by_id, check.note, check.revision_number) == (member.id,
                                                                        "Prices still right", 1)
    # A review mark counts as a check: the date moves a year on, never earlier.
    from editors import review

    article.check_by = checking.today() + timedelta(days=5)
    review.mark_reviewed(editor, article)
    db.session.commit()
    assert article.check_by == checking.today() + timedelta(days=365)


def test_the_page_says_when_it_was_checked_and_once_due_links_to_the_changes(
        app, client, member_client, other_client, member, other_member):
    article = _article(member)
    page = client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert "Not yet checked since it was written; next check due" in page
    assert "may be out of date" not in page
    checking.mark_checked(member, article, note="All fine")
    db.session.commit()
    saving.save_edit(article, member, title=article.title, body="Inductions, updated.",
                     base_revision=1)
    _due(article, 3)
    page = client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert "Last checked by <a href=\"/users/mina\">Mina Member</a> on" in page
    assert "This practice may be out of date." in page
    assert f"/wiki/{article.slug}/diff?from=1&amp;to=2" in page
    assert "See what changed since the last check" in page
    # Only a lead author (or an editor) is offered the check page; others are refused it.
    assert "Mark checked or change the date" in member_client.get(
        f"/wiki/{article.slug}").get_data(as_text=True)
    assert "Mark checked or change the date" not in other_client.get(
        f"/wiki/{article.slug}").get_data(as_text=True)
    assert other_client.get(f"/wiki/{article.slug}/check").status_code == 403
    refused = other_client.submit(f"/wiki/{article.slug}/check-by",
                                  {"date-check_by": "2030-01-01"})
    assert refused.status_code == 403
    bad = member_client.submit(f"/wiki/{article.slug}/check-by", {"date-check_by": "soon"})
    assert bad.status_code == 422 and "year-month-day" in bad.get_data(as_text=True)
    done = member_client.submit(f"/wiki/{article.slug}/check", {"check-note": "Re-read it"})
    assert done.status_code == 302
    listed = member_client.get(f"/wiki/{article.slug}/check").get_data(as_text=True)
    assert "Checks so far" in listed and "“Re-read it”" in listed and "“All fine”" in listed
    page = client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert "may be out of date" not in page


def test_reminders_go_once_to_lead_authors_and_watchers(app, member, other_member, editor):
    article = _article(member)
    quiet = _article(member, title="Quiet article", body="Nothing due here.")
    watch(other_member, "article", article.id)
    for user in (member, other_member):
        db.session.get(MailSettings, user.id).verified_at = utcnow()
    article.check_by = checking.today() + timedelta(days=20)
    db.session.commit()
    first = run_now("check_reminders")
    second = run_now("check_reminders")
    assert first.startswith("1 reminders") and second.startswith("0 reminders")
    sent = db.session.scalars(select(Notification).where(Notification.kind == "check_due")).all()
    assert sorted(row.user_id for row in sent) == sorted([member.id, other_member.id])
    urls = {row.user_id: row.url for row in sent}
    assert urls[member.id] == f"/wiki/{article.slug}/check"  # the lead author checks it
    assert urls[other_member.id] == f"/wiki/{article.slug}"  # a watcher reads it
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.kind == "check_due")) == 2
    assert db.session.scalar(select(func.count()).select_from(CheckReminder)) == 1
    assert quiet.id not in [row.article_id for row in db.session.scalars(select(CheckReminder))]
    # A new date is a new reminder.
    article.check_by = checking.today() + timedelta(days=10)
    db.session.commit()
    assert run_now("check_reminders").startswith("1 reminders")


def test_due_list_queue_and_search_rank(app, client, member_client, editor_client, member):
    fresh = _article(member, title="Laser cutter inductions at the branch",
                     body="Laser cutter inductions, laser cutter safety.")
    stale = _article(member, title="Laser cutter inductions in the lab",
                     body="Laser cutter inductions, laser cutter safety.",
                     sectors=("academic",), tags="labs")
    other = _article(member, title="Reading lists", body="Lists.", tags="reading")
    before = [hit.title for hit in query.search("laser cutter").hits]
    _due(stale, 200)
    _due(other, 3)
    app.extensions["search.engine"].index("article", [stale.id])
    db.session.commit()
    due = client.get("/wiki/?status=due").get_data(as_text=True)
    assert stale.title in due and other.title in due and fresh.title not in due
    assert due.index(stale.title) < due.index(other.title)  # longest waiting first
    by_tag = client.get("/wiki/?status=due&tag=labs").get_data(as_text=True)
    assert stale.title in by_tag and other.title not in by_tag
    by_sector = client.get("/wiki/?status=due&sector=public").get_data(as_text=True)
    assert other.title in by_sector and stale.title not in by_sector
    queue = editor_client.get("/editors/checks").get_data(as_text=True)
    assert stale.title in queue and other.title not in queue
    assert member_client.get("/editors/checks").status_code == 403
    ranked = [hit.title for hit in query.search("laser cutter").hits]
    assert set(ranked) == set(before) and ranked[-1] == stale.title  # lower, never hidden
    assert app.extensions["search.engine"].check().clean


def test_the_reminder_job_reindexes_articles_that_became_overdue(app, member):
    article = _article(member)
    assert "overdue" not in app.extensions["search.engine"].stamps()[f"article:{article.id}"]
    _due(article, int(checking.OVERDUE_AFTER.days) + 1)
    run_now("check_reminders")
    assert app.extensions["search.engine"].stamps()[f"article:{article.id}"].endswith("overdue")
    assert app.extensions["search.engine"].check().clean
    assert db.session.scalar(select(func.count()).select_from(ArticleCheck)) == 0
