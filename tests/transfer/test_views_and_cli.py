"""The wiring: `flask import mediawiki` and `flask export`, the admins' downloads, a claim
approved, and the licence in the footer."""

from __future__ import annotations

import bz2
import gzip
import io
import zipfile

from sqlalchemy import func, select

from core.extensions import db
from tests.conftest import PASSWORD
from tests.transfer.conftest import dump_bytes, page_xml, revision_xml
from transfer.models import Placeholder, PlaceholderClaim
from wiki.models import Article, ArticleAuthor, Revision

DUMP = dump_bytes(
    page_xml("Seed library", 1, [
        revision_xml(10, "Seeds to lend. {{Infobox library|name=Town}}", user="Ada"),
        revision_xml(11, "Seeds to lend, and tools.", user="Ada",
                     stamp="2020-02-01T00:00:00Z")]),
    page_xml("Help:Editing", 2, [revision_xml(20, "How to edit.")], ns=12))


def test_cli_imports_compressed_dumps_and_dry_runs(app, tmp_path):
    runner = app.test_cli_runner()
    plain = tmp_path / "wiki.xml.bz2"
    plain.write_bytes(bz2.compress(DUMP))
    result = runner.invoke(args=["import", "mediawiki", str(plain), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Would import from Practice Wiki: 1 new articles" in result.output
    assert "Infobox library ×1" in result.output and "12 1" in result.output
    assert db.session.scalar(select(func.count()).select_from(Article)) == 0
    packed = tmp_path / "wiki.xml.gz"
    packed.write_bytes(gzip.compress(DUMP))
    result = runner.invoke(args=["import", "mediawiki", str(packed)])
    assert result.exit_code == 0, result.output
    assert "Imported from Practice Wiki: 1 new articles" in result.output
    assert db.session.scalar(select(func.count()).select_from(Revision)) == 2
    again = runner.invoke(args=["import", "mediawiki", str(packed)])
    assert "0 revisions" in again.output and "2 already imported" in again.output
    broken = tmp_path / "broken.xml"
    broken.write_bytes(DUMP[:-40])
    result = runner.invoke(args=["import", "mediawiki", str(broken)])
    assert result.exit_code == 1 and "not well-formed XML" in result.output
    files = runner.invoke(args=["import", "mediawiki", str(packed), "--files",
                                str(tmp_path / "no-such-folder")])
    assert files.exit_code == 2 and "does not exist" in files.output
    out = tmp_path / "out.zip"
    result = runner.invoke(args=["export", "markdown", str(out)])
    assert result.exit_code == 0 and "Exported 1 articles" in result.output
    assert "articles/seed-library.md" in zipfile.ZipFile(out).namelist()
    xml = tmp_path / "out.xml"
    result = runner.invoke(args=["export", "mediawiki", str(xml)])
    assert "Exported 1 articles (2 revisions)" in result.output


def test_admin_downloads_and_approves_a_claim(app, admin_client, member_client, member):
    app.test_cli_runner()
    from tests.transfer.conftest import run_import

    run_import(DUMP)
    ada = db.session.scalar(select(Placeholder).where(Placeholder.wiki_username == "Ada")).user
    page = member_client.get(f"/transfer/claim/{ada.username}")
    assert page.status_code == 200 and "Is “Ada” you?" in page.get_data(as_text=True)
    response = member_client.submit(f"/transfer/claim/{ada.username}", {"note": "I am Ada."})
    assert response.status_code == 302
    claim = db.session.scalar(select(PlaceholderClaim))
    assert claim.status == "pending" and claim.member_id == member.id
    overview = admin_client.get("/transfer/")
    assert "I am Ada." in overview.get_data(as_text=True)
    download = admin_client.get("/transfer/export/markdown.zip")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert "articles/seed-library.md" in zipfile.ZipFile(io.BytesIO(download.data)).namelist()
    download.close()
    xml = admin_client.get("/transfer/export/mediawiki.xml")
    assert b"export-0.11" in xml.data
    xml.close()
    response = admin_client.submit(f"/transfer/claims/{claim.id}/approve")
    assert response.status_code == 302
    db.session.expire_all()
    authors = db.session.scalars(select(ArticleAuthor.user_id)).all()
    assert authors == [member.id]
    assert set(db.session.scalars(select(Revision.author_id))) == {member.id}
    assert db.session.get(Placeholder, ada.id).claimed_by_id == member.id
    assert "already been claimed" in member_client.get(
        f"/transfer/claim/{ada.username}").get_data(as_text=True)


def test_placeholders_cannot_sign_in_and_the_footer_names_the_licence(app, client):
    from tests.transfer.conftest import run_import

    run_import(DUMP)
    ada = db.session.scalar(select(Placeholder)).user
    response = client.submit("/login", {"login": ada.username, "password": PASSWORD})
    assert response.status_code != 302
    page = client.get("/").get_data(as_text=True)
    assert 'rel="license">CC BY-SA 4.0</a>' in page
    profile = client.get(f"/users/{ada.username}")
    assert profile.status_code == 200
    assert "Imported from Practice Wiki" in profile.get_data(as_text=True)


def test_the_revision_page_lists_what_the_import_dropped(app, client):
    from tests.transfer.conftest import run_import

    run_import(DUMP)
    page = client.get("/wiki/seed-library/revisions/1").get_data(as_text=True)
    assert "1 template could not be converted" in page
    assert "{{Infobox library}}" in page and "Town" in page
    assert "could not be converted" not in client.get(
        "/wiki/seed-library/revisions/2").get_data(as_text=True)


def test_an_admin_mails_a_claim_link_and_the_member_who_opens_it_takes_the_credit(
        app, admin_client, member_client, member, client):
    import json
    from urllib.parse import urlsplit

    from mail.models import OutboxMessage
    from tests.transfer.conftest import run_import

    run_import(DUMP)
    ada = db.session.scalar(select(Placeholder).where(Placeholder.wiki_username == "Ada")).user
    page = admin_client.get(f"/transfer/claim/{ada.username}").get_data(as_text=True)
    assert "Mail them a link" in page
    assert "Mail them a link" not in member_client.get(
        f"/transfer/claim/{ada.username}").get_data(as_text=True)
    bad = admin_client.submit(f"/transfer/claim/{ada.username}/mail", {"email": "not mail"})
    assert bad.status_code == 422 and "does not look right" in bad.get_data(as_text=True)
    refused = member_client.submit(f"/transfer/claim/{ada.username}/mail",
                                   {"email": "ada@example.org"})
    assert refused.status_code == 403
    response = admin_client.submit(f"/transfer/claim/{ada.username}/mail",
                                   {"email": "Ada@Example.org"})
    assert response.status_code == 302
    message = db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.kind == "placeholder_claim"))
    assert message.to_address == "ada@example.org" and "Practice Wiki" in message.subject
    context = json.loads(message.context)
    path = urlsplit(context["link"]).path
    from mail.compose import build

    raw = build(to=message.to_address, name=message.to_name, subject=message.subject,
                template=message.template, message_id=message.message_id, **context)
    import email
    from email import policy

    parsed = email.message_from_string(raw, policy=policy.default)
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert "within 14 days" in " ".join(text.split()) and context["link"] in text
    assert "Take the credit for my edits" in html
    assert path.startswith("/transfer/claim/mail/")
    assert client.get(path).status_code == 302  # sign in first
    forged = member_client.get(path[:-3] + "abc")
    assert forged.status_code == 410
    offer = member_client.get(path)
    assert offer.status_code == 200 and "ada@example.org" in offer.get_data(as_text=True)
    taken = member_client.submit(path)
    assert taken.status_code == 302
    db.session.expire_all()
    assert set(db.session.scalars(select(Revision.author_id))) == {member.id}
    assert db.session.get(Placeholder, ada.id).claimed_by_id == member.id
    claim = db.session.scalar(select(PlaceholderClaim))
    assert claim.status == "approved" and "mailed to ada@example.org" in claim.note
    again = member_client.get(path)  # worthless once claimed
    assert again.status_code == 410 and "Ask an admin" in again.get_data(as_text=True)
