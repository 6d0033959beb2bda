"""Account mail against a real SMTP server: verification, password reset, address change,
and the command line."""

from __future__ import annotations

import re

from sqlalchemy import select

from core.extensions import db
from core.models import User
from mail.models import MailSettings, OutboxMessage
from tests.conftest import PASSWORD

# The CSRF token in a page carries the second it was made: the one difference allowed.
CSRF_VALUE = re.compile(r'(name="csrf[-_]token" (?:content|value)=")[^"]+"')


def page_text(response) -> str:
    return CSRF_VALUE.sub(r'\1"', response.get_data(as_text=True))


def test_registration_sends_a_verification_link_that_verifies_the_address(app, client, inbox):
    response = client.submit("/register", {"username": "vera", "email": "vera@example.org",
                                           "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    [message] = inbox.to("vera@example.org")
    assert message["Subject"] == "Verify your e-mail address for Commonplace"
    assert message["List-Unsubscribe"] is None  # account mail
    assert message.is_multipart() and "<a href=" in inbox.html(message)
    user = db.session.scalar(select(User).where(User.username == "vera"))
    assert db.session.get(MailSettings, user.id).verified_at is None
    link = inbox.link(message, "/email/verify/")
    assert client.get(link).status_code == 200  # a page with a button: scanners change nothing
    db.session.expire_all()
    assert db.session.get(MailSettings, user.id).verified_at is None
    assert client.submit(link).status_code == 302
    db.session.expire_all()
    assert db.session.get(MailSettings, user.id).verified_at is not None


def test_a_new_verification_link_is_rate_limited(app, member_client, inbox):
    for _ in range(3):
        assert member_client.submit("/email/verify").status_code == 302
    member_client.submit("/email/verify")
    assert len(inbox.to("mina@example.org")) == 3  # the fourth was refused


def test_password_reset_end_to_end(app, client, member, other_client, inbox):
    unknown = client.submit("/password/reset", {"email": "nobody@example.org"})
    known = client.submit("/password/reset", {"email": "mina@example.org"})
    assert unknown.status_code == known.status_code == 200
    assert page_text(unknown) == page_text(known)
    [message] = [m for m in inbox.to("mina@example.org") if "password" in m["Subject"]]
    link = inbox.link(message, "/password/reset/")
    page = client.get(link)
    assert page.status_code == 200 and 'name="confirm"' in page.get_data(as_text=True)
    mismatch = client.submit(link, {"password": "a new passphrase", "confirm": "another"})
    assert mismatch.status_code == 422
    done = client.submit(link, {"password": "a new passphrase", "confirm": "a new passphrase"})
    assert done.status_code == 302 and done.location.endswith("/login")
    assert client.get(link).status_code == 410  # once only
    assert "Mina Member" not in other_client.get("/").get_data(as_text=True)  # signed out
    client.login("mina", "a new passphrase")


def test_asking_for_a_reset_does_the_same_work_for_a_real_address_and_an_unknown_one(
        app, client, member, inbox):
    """The request only hands the address to the job runner: the same statements (none),
    the same answer, byte for byte; the job then finds the account, or not."""
    from sqlalchemy import event

    from jobs import huey_of

    huey = huey_of(app)
    huey.immediate = False  # queued, as with a consumer: run below
    client.get("/password/reset")
    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    responses, statements = [], []
    for address in ("nobody@example.org", "mina@example.org"):
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            responses.append(client.submit("/password/reset", {"email": address}))
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        statements.append(seen[:])
        seen.clear()
    unknown, known = responses
    assert statements[0] == statements[1] == []
    assert unknown.status_code == known.status_code == 200
    assert page_text(unknown) == page_text(known)
    assert [name for name, _ in unknown.headers] == [name for name, _ in known.headers]
    assert huey.pending_count() == 2  # one job each
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
    [message] = inbox.to("mina@example.org")
    assert message["Subject"] == "Reset your Commonplace password"
    assert inbox.to("nobody@example.org") == []


def test_a_newer_reset_link_makes_the_older_one_worthless(app, client, member, inbox):
    client.submit("/password/reset", {"email": "mina@example.org"})
    client.submit("/password/reset", {"email": "mina@example.org"})
    first, second = [inbox.link(m, "/password/reset/") for m in inbox.to("mina@example.org")
                     if "password" in m["Subject"]]
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    assert client.get("/password/reset/not-a-token").status_code == 410


def test_password_reset_is_rate_limited_per_address(app, client, member, inbox):
    for _ in range(3):
        assert client.submit("/password/reset", {"email": "mina@example.org"}).status_code == 200
    assert client.submit("/password/reset", {"email": "mina@example.org"}).status_code == 429
    assert client.submit("/password/reset", {"email": "otto@example.org"}).status_code == 200


def test_changing_the_address_waits_for_the_new_one_and_tells_the_old(app, member_client,
                                                                      member, inbox):
    wrong = member_client.submit("/settings/email", {"email": "mina@new.example.org",
                                                     "password": "not it"})
    assert wrong.status_code == 422
    response = member_client.submit("/settings/email", {"email": "mina@new.example.org",
                                                        "password": PASSWORD})
    assert response.status_code == 302
    [confirm] = inbox.to("mina@new.example.org")
    [notice] = [m for m in inbox.to("mina@example.org") if "change" in m["Subject"]]
    assert "mina@new.example.org" in inbox.text(notice)
    assert db.session.get(User, member.id).email == "mina@example.org"  # not yet
    assert member_client.submit(inbox.link(confirm, "/email/verify/")).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, member.id).email == "mina@new.example.org"
    assert any("was changed" in m["Subject"] for m in inbox.to("mina@example.org"))


def test_the_command_line_resets_a_password_and_sends_a_test_message(app, member, inbox):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "reset-password", "mina"], input="a cli passphrase\n")
    assert result.exit_code == 0, result.output
    assert app.test_client().login("mina", "a cli passphrase")
    result = runner.invoke(args=["mail", "test", "someone@example.org"])
    assert result.exit_code == 0 and result.output.startswith("sent"), result.output
    [message] = inbox.to("someone@example.org")
    assert message["Message-ID"] == db.session.scalar(
        select(OutboxMessage.message_id).where(OutboxMessage.to_address == "someone@example.org"))
