"""The training register in the browser: a trainer proposes a topic, two libraries
register interest, the trainer comments, declares himself a trainer and offers, the
umbrella body's admin opens a campaign with the offer, three libraries pledge and watch the
price fall, it tips, the deadline passes (the clock moved: the deadline set back, then the
deadline job run), the pledgers receive mail, and the host downloads the CSV for
invoicing. axe is clean on every new page."""

from __future__ import annotations

import csv
import email
import io
from datetime import timedelta
from email.policy import default
from pathlib import Path

from playwright.sync_api import expect

from core import accounts
from core.extensions import db
from core.timeutil import utcnow
from jobs import huey_of
from tests.e2e.helpers import assert_accessible, browser_page, create_user, sign_in

BODY = "Fenland Library Network"
LIBRARIES = {"ann": "Fen Town Library", "bob": "Marsh End Library", "cat": "Dyke Road Library"}
TOPIC = "Running a seed library"


def _seed(app) -> None:
    from mail.preferences import settings_of
    from orgs import affiliations, consortia
    from orgs import organisations as registry

    create_user(app, "eda", role="editor", display_name="Eda Editor")
    create_user(app, "hana", display_name="Hana Host")
    create_user(app, "tomt", display_name="Tom Trainer")
    for username in LIBRARIES:
        create_user(app, username, display_name=f"{username.title()} Staff")
    with app.app_context():
        editor = accounts.get_by_username("eda")
        body = registry.create_organisation(editor, registry.clean_details(
            name=BODY, kind="association", sectors="public", country="GB"))
        own = affiliations.claim(accounts.get_by_username("hana"), body, "manager")
        affiliations.approve(editor, own)
        affiliations.set_admin(editor, own, True)
        for username, name in LIBRARIES.items():
            library = registry.create_organisation(editor, registry.clean_details(
                name=name, kind="library", sectors="public", country="GB", region="Fenland"))
            consortia.add_member(editor, body, library, "member")
            person = accounts.get_by_username(username)
            affiliations.approve(editor, affiliations.claim(person, library, "staff"))
            settings_of(person.id).verified_at = utcnow()  # their address is confirmed
        db.session.commit()


def _mail_to(mail_dir: Path, address: str) -> list[str]:
    found = []
    for path in sorted(mail_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        if address in message["To"]:
            found.append(message["Subject"] + "\n" + message.get_body(("plain",)).get_content())
    return found


def test_propose_pledge_tip_confirm_and_download(page, live_server, browser, console):
    app = live_server.app
    _seed(app)
    huey_of(app).immediate = True  # mail is written as it is queued

    # Tom, a trainer, proposes a topic.
    sign_in(page, "tomt", next_path="/training/topics/new")
    assert_accessible(page, "the new topic form")
    page.get_by_label("Title", exact=True).fill(TOPIC)
    page.get_by_label("Description", exact=True).fill("Lending seeds: storage, donations.")
    page.get_by_label("Format", exact=True).select_option("workshop")
    page.get_by_label("Public library", exact=True).check()
    page.get_by_role("button", name="Propose the topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TOPIC)
    topic_path = page.url.removeprefix(live_server.url)
    assert_accessible(page, "a topic's page")

    # Two libraries register interest.
    for username, seats in (("ann", "3"), ("bob", "2")):
        with browser_page(browser, live_server, console) as other:
            sign_in(other, username, next_path=topic_path)
            other.get_by_label("For", exact=True).select_option(label=LIBRARIES[username])
            other.get_by_label("How many staff", exact=True).fill(seats)
            other.get_by_role("button", name="Register interest").click()
            expect(other.get_by_role("status")).to_contain_text("interest is registered")
    page.reload()
    expect(page.get_by_role("main")).to_contain_text("5 staff in all")

    # Tom comments on the topic; he declares himself a trainer (offers are trainers').
    page.get_by_label("Your comment", exact=True).fill("I ran one in **Ely**: ask me.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment-list")).to_contain_text("I ran one in Ely: ask me.")
    assert_accessible(page, "a topic's page with its discussion")
    page.goto(live_server.url + "/training/trainer")
    assert_accessible(page, "the trainer profile form")
    page.get_by_label("What you train", exact=True).fill("Seed libraries and gardens.")
    page.get_by_label("Where you train", exact=True).fill("East of England")
    page.get_by_role("button", name="Save my trainer profile").click()
    expect(page.get_by_role("main")).to_contain_text("Seed libraries and gardens.")
    page.goto(live_server.url + topic_path)

    # Tom offers to run it.
    page.get_by_role("link", name="I am a trainer: make an offer").click()
    assert_accessible(page, "the offer form")
    page.get_by_label("Fixed fee", exact=True).fill("600")
    page.get_by_label("Fee per head", exact=True).fill("0")
    page.get_by_label("Minimum participants", exact=True).fill("6")
    page.get_by_role("button", name="Send the offer").click()
    expect(page.get_by_role("status")).to_contain_text("offer is sent")

    # Hana opens a campaign for the network, with Tom's offer.
    with browser_page(browser, live_server, console) as host:
        sign_in(host, "hana", next_path=topic_path)
        host.get_by_role("link", name="Open a campaign").click()
        assert_accessible(host, "the campaign form")
        host.get_by_label("Trainer's offer", exact=True).select_option(index=1)
        host.get_by_label("Minimum participants", exact=True).fill("6")
        deadline = (utcnow() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
        host.get_by_label("Deadline", exact=True).fill(deadline)
        host.get_by_label("Time zone", exact=True).select_option("Europe/London")
        host.get_by_role("button", name="Open the campaign").click()
        expect(host.get_by_role("status")).to_contain_text("campaign is open")
        campaign_path = host.url.removeprefix(live_server.url)
        expect(host.locator("#seats-needed")).to_have_text("6 more")

        # Three libraries pledge two seats each and watch the price fall.
        prices = []
        for username in LIBRARIES:
            with browser_page(browser, live_server, console) as library:
                sign_in(library, username, next_path=campaign_path)
                library.get_by_label("Seats", exact=True).fill("2")
                library.get_by_label("The most you will pay per head", exact=True).fill("400")
                library.get_by_role("button", name="Pledge").click()
                expect(library.get_by_role("status")).to_contain_text("pledge is recorded")
                prices.append(library.locator("#price-now").inner_text())
                if username == "ann":
                    assert_accessible(library, "a campaign's page with a pledge")
        assert prices == ["GBP 300.00", "GBP 150.00", "GBP 100.00"]
        host.reload()
        expect(host.locator("#campaign-status")).to_have_text("Going ahead")
        assert_accessible(host, "a campaign's page for its host")

        # The deadline passes (the clock moved) and the deadline job runs.
        with app.app_context():
            from training import campaigns
            from training.models import TrainingCampaign

            campaign = db.session.scalar(db.select(TrainingCampaign))
            campaign.deadline = utcnow() - timedelta(minutes=1)
            db.session.commit()
            host.reload()
            expect(host.locator("#campaign-status")).to_have_text("Confirmed")  # before the job
            assert campaigns.settle_due() == 1
        mail = _mail_to(Path(app.config["MAIL_DIR"]), "cat@example.org")
        assert any("going ahead" in text for text in mail), mail
        assert any("confirmed at GBP 100.00" in text for text in mail), mail

        # The host downloads the pledges for invoicing.
        host.reload()
        with host.expect_download() as download:
            host.get_by_role("link", name="Download the pledges for invoicing (CSV)").click()
        rows = list(csv.DictReader(io.StringIO(
            Path(download.value.path()).read_text(encoding="utf-8"))))
        assert sorted(row["organisation"] for row in rows) == sorted(LIBRARIES.values())
        assert {row["amount"] for row in rows} == {"200.00"}

        # The network's report shows its members' demand.
        host.goto(f"/orgs/{BODY.lower().replace(' ', '-')}/training")
        expect(host.get_by_role("main")).to_contain_text(TOPIC)
        assert_accessible(host, "an umbrella body's training report")
    page.goto("/training/")
    expect(page.get_by_role("main").get_by_role("link", name=TOPIC)).to_be_visible()
    assert_accessible(page, "the training register")
