"""The register on the web, without JavaScript: pages, forms, JSON, CSV, the feed, the
duplicate's redirect, and the organisation report."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from sqlalchemy import select

from core.extensions import db
from core.timeutil import utcnow
from tests.training.conftest import open_campaign
from training import campaigns, pledges, topics
from training.models import TrainingCampaign, TrainingTopic


def test_proposing_a_topic_shows_similar_ones_first(app, world):
    client = app.test_client()
    client.sign_in_as(world.tom)
    form = {"title": "Copyright and digitisation of photographs", "description": "",
            "format": "any", "audience": "", "region": "", "sectors": "public"}
    shown = client.submit("/training/topics/new", form)
    page = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "Copyright for digitisation projects" in page
    assert db.session.scalar(select(TrainingTopic).where(TrainingTopic.author_id == world.tom.id)) \
        is None
    made = client.submit("/training/topics/new", {**form, "confirmed": "1"})
    assert made.status_code == 302
    similar = json.loads(client.get("/training/topics/similar?title=copyright+digitisation")
                         .get_data(as_text=True))["similar"]
    assert len(similar) == 2
    refused = client.submit("/training/topics/new", {**form, "title": "a\x07b"})
    assert refused.status_code == 422 and "control character" in refused.get_data(as_text=True)


def test_lists_filters_and_the_topic_page(app, world):
    client = app.test_client()
    for path in ("/training/", "/training/?tab=wanted", "/training/?tab=newest&sector=public",
                 "/training/?format=workshop&region=northshire",
                 "/training/?status=declined&sector=%00&page=99999999999",
                 f"/training/topics/{world.topic_id}"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Copyright for digitisation" in client.get("/training/").get_data(as_text=True)
    assert "Copyright" not in client.get("/training/?format=webinar&sector=academic") \
        .get_data(as_text=True).split("<main")[1]


def test_interest_from_the_page_and_the_duplicate_redirects(app, world):
    client = app.test_client()
    client.sign_in_as(world.staff[0])
    library = world.libraries[0]
    response = client.submit(f"/training/topics/{world.topic_id}/interest",
                             {"organisation": str(library.id), "seats": "4"})
    assert response.status_code == 302
    refused = client.submit(f"/training/topics/{world.topic_id}/interest",
                            {"organisation": str(world.libraries[1].id), "seats": "4"})
    assert refused.status_code == 403
    bad = client.submit(f"/training/topics/{world.topic_id}/interest",
                        {"organisation": "", "seats": "-4"})
    assert bad.status_code == 422
    page = client.get(f"/training/topics/{world.topic_id}").get_data(as_text=True)
    assert "<strong>1</strong> library" in page and "<strong>4</strong> staff" in page
    duplicate = topics.propose(world.tom, topics.clean_topic("Copyright again", "", "any", "",
                                                             [], ""))
    db.session.commit()
    editor = app.test_client()
    editor.sign_in_as(world.edith)
    marked = editor.submit(f"/training/topics/{duplicate.id}/duplicate",
                           {"original": str(world.topic_id)})
    assert marked.status_code == 302
    moved = client.get(f"/training/topics/{duplicate.id}")
    assert moved.status_code == 301 and moved.location.endswith(f"/topics/{world.topic_id}")


def test_the_campaign_page_json_and_pledging(app, world):
    campaign = open_campaign(world)
    client = app.test_client()
    client.sign_in_as(world.staff[0])
    page = client.get(f"/training/campaigns/{campaign.id}").get_data(as_text=True)
    assert "Seats needed to go ahead" in page and "No money moves through Commonplace" in page
    sent = client.submit(f"/training/campaigns/{campaign.id}/pledge",
                         {"organisation": str(world.libraries[0].id), "seats": "3",
                          "max_price": "450"})
    assert sent.status_code == 302
    refused = client.submit(f"/training/campaigns/{campaign.id}/pledge",
                            {"organisation": str(world.libraries[0].id), "seats": "3",
                             "max_price": "4.505"})
    assert refused.status_code == 422 and "decimal places" in refused.get_data(as_text=True)
    data = json.loads(client.get(f"/training/campaigns/{campaign.id}.json")
                      .get_data(as_text=True))
    assert data == {**data, "status": "open", "counted_seats": 3, "seats_needed": 3,
                    "price_per_head": 41000, "currency": "GBP", "tipped": False}
    assert data["deadline"].endswith("Z")


def test_opening_a_campaign_from_the_form(app, world):
    client = app.test_client()
    client.sign_in_as(world.hana)
    deadline = (utcnow() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    form = {"host": str(world.body.id), "offer": "", "region": "Northshire",
            "min_participants": "6", "max_participants": "", "currency": "EUR",
            "fixed_fee": "1,500.50", "per_head_fee": "0", "target": "", "deadline": deadline,
            "timezone": "Europe/Paris"}
    assert client.get(f"/training/topics/{world.topic_id}/campaigns/new").status_code == 200
    bad = client.submit(f"/training/topics/{world.topic_id}/campaigns/new",
                        {**form, "fixed_fee": "-3", "deadline": "2001-01-01T10:00"})
    assert bad.status_code == 422
    made = client.submit(f"/training/topics/{world.topic_id}/campaigns/new", form)
    assert made.status_code == 302
    campaign = db.session.scalar(select(TrainingCampaign))
    assert (campaign.fixed_fee, campaign.currency) == (150050, "EUR")
    assert topics.get_topic(world.topic_id).status == "planned"


def test_the_csv_for_the_host_of_a_confirmed_campaign(app, world):
    campaign = open_campaign(world, max_participants="")
    for index in range(3):
        pledges.pledge(world.staff[index], campaign.id, world.libraries[index], "2",
                       "400")
    db.session.commit()
    host = app.test_client()
    host.sign_in_as(world.hana)
    early = host.get(f"/training/campaigns/{campaign.id}.csv")
    assert early.status_code == 302
    campaign.deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    # The page is right before the deadline job runs; the CSV settles it first.
    page = host.get(f"/training/campaigns/{campaign.id}").get_data(as_text=True)
    assert "Confirmed" in page
    campaigns.settle_due()
    rows = list(csv.DictReader(io.StringIO(
        host.get(f"/training/campaigns/{campaign.id}.csv").get_data(as_text=True))))
    assert [row["seats"] for row in rows] == ["2", "2", "2"]
    assert rows[0]["price_per_head"] == "210.00" and rows[0]["amount"] == "420.00"
    assert rows[0]["contact_email"] == "ann@example.org"
    stranger = app.test_client()
    stranger.sign_in_as(world.staff[0])
    assert stranger.get(f"/training/campaigns/{campaign.id}.csv").status_code == 403


def test_the_feed_and_the_umbrella_body_report(app, world):
    from training import interest

    open_campaign(world)
    interest.register(world.staff[0], topics.get_topic(world.topic_id), "3",
                      world.libraries[0])
    interest.register(world.staff[1], topics.get_topic(world.topic_id), "2",
                      world.libraries[1])
    db.session.commit()
    client = app.test_client()
    feed = client.get(f"/training/topics/{world.topic_id}.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    assert b"Campaign hosted by Northshire Library Network" in feed.data
    client.sign_in_as(world.hana)
    report = client.get(f"/orgs/{world.body.slug}/training").get_data(as_text=True)
    assert "Copyright for digitisation projects" in report
    rows = list(csv.reader(io.StringIO(client.get(f"/orgs/{world.body.slug}/training.csv")
                                       .get_data(as_text=True))))
    assert rows[1][3:5] == ["2", "5"]
    library = app.test_client()
    library.sign_in_as(world.staff[0])
    assert library.get(f"/orgs/{world.body.slug}/training").status_code == 403


def test_after_delivery_the_host_starts_the_practice_article_linked_from_the_topic(app, world):
    campaign = open_campaign(world, max_participants="")
    for index in range(3):
        pledges.pledge(world.staff[index], campaign.id, world.libraries[index], "2", "400")
    campaign.deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    campaigns.settle_due()
    campaigns.deliver(world.hana, campaign.id)
    db.session.commit()
    host = app.test_client()
    host.sign_in_as(world.hana)
    made = host.submit(f"/training/campaigns/{campaign.id}/article")
    assert made.status_code == 302 and made.location.endswith("/edit")
    page = host.get(f"/training/topics/{world.topic_id}").get_data(as_text=True)
    assert "what was learnt (practice article)" in page
