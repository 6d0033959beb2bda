"""Notifications by mail, grouped bursts, one-click unsubscribe, digests, hostile headers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from community import answers, workgroups
from community.models import Notification
from core.extensions import db
from core.timeutil import utcnow
from mail import digests, outbox
from mail.models import MailSettings, OutboxMessage
from tests.mail.conftest import verified


def test_an_answer_notifies_the_asker_by_mail_once_verified(app, member, other_member, ask,
                                                            reply, inbox):
    question = ask(member)
    reply(other_member, question)
    assert inbox.to("mina@example.org") == []  # not verified yet: no notification mail
    verified(member)
    reply(other_member, question, "Ask the local gardeners to help.")
    [message] = inbox.to("mina@example.org")
    assert "answered" in message["Subject"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = inbox.text(message)
    assert "/questions/" in text and "/settings/notifications" in text
    assert "you chose e-mail at once" in text


def test_a_burst_of_answers_is_one_message(app, member, other_member, ask, reply, inbox):
    verified(member)
    app.config["MAIL_GROUP_SECONDS"] = 60
    question = ask(member)
    for number in range(5):
        reply(other_member, question, f"Answer number {number}, with details.")
    assert inbox.messages == []  # held for others to join
    outbox.sweep(now=utcnow() + timedelta(seconds=61))
    [message] = inbox.to("mina@example.org")
    assert message["Subject"] == "New answers on your question"
    assert inbox.text(message).count("answered") == 5
    outbox.sweep(now=utcnow() + timedelta(seconds=120))
    assert len(inbox.messages) == 1  # a second sweep sends nothing again


def test_one_click_unsubscribe_turns_that_kind_off_without_signing_in(app, member,
                                                                     other_member, ask,
                                                                     reply, inbox):
    verified(member)
    question = ask(member)
    reply(other_member, question)
    [message] = inbox.messages
    url = message["List-Unsubscribe"].strip("<>").replace("http://127.0.0.1:5000", "")
    stranger = app.test_client()  # no cookie, no CSRF token: as a mail client posts it
    response = stranger.post(url, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert stranger.post(url[:-3] + "xyz", data={}).status_code == 404  # a forged token
    reply(other_member, question, "Another answer, with more.")
    assert len(inbox.messages) == 1  # answers are off now: no mail,
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == member.id)) == 1  # and nothing new on the site either


def test_hostile_names_and_titles_never_break_a_header(app, member, make_user, ask, inbox):
    verified(member)
    evil = make_user("evil", display_name="Eve")
    evil.display_name = "Eve\r\nBcc: victim@example.org\r\n"  # as if it got past the form
    db.session.commit()
    question = ask(member, title="Seeds " + "very long title " * 11)
    answers.answer(evil, question, "An answer\r\nSubject: injected")
    db.session.commit()
    [message] = inbox.to("mina@example.org")
    headers = message.as_string().split("\n\n", 1)[0]
    assert "\nBcc:" not in headers and "\nSubject: injected" not in headers
    assert message["Bcc"] is None and message.get_all("Subject") == [message["Subject"]]
    assert len(message["Subject"]) <= 150 and "\n" not in message["Subject"]
    assert message["X-Envelope-To"] == "mina@example.org"


def _solved_question_in_workgroup(member, other_member, workgroup, ask, reply):
    workgroups.join(member, workgroup)
    db.session.commit()
    question = ask(other_member, title="Seed library rules we wrote", workgroup_id=workgroup.id)
    answer = reply(member, question, "Here are ours, with <script>alert(1)</script>.")
    answers.accept(other_member, answer)
    db.session.commit()
    return question


def test_a_weekly_digest_has_the_news_and_comes_once_a_week(app, member, other_member,
                                                           workgroup, ask, reply, inbox):
    verified(member)
    assert digests.send_digests() == "1 nothing new"
    question = _solved_question_in_workgroup(member, other_member, workgroup, ask, reply)
    ask(other_member, title="Who lends tools to members?", workgroup_id=workgroup.id)
    now = utcnow() + timedelta(minutes=1)
    assert digests.send_digests(now) == "1 queued"
    assert digests.send_digests(now) == "1 not due"  # run twice: one digest
    [message] = [m for m in inbox.to("mina@example.org") if "digest" in m["Subject"]]
    text = inbox.text(message)
    assert message["Subject"] == "Your weekly Commonplace digest"
    assert "Seed library rules we wrote" in text and "Who lends tools to members?" in text
    assert f"/questions/{question.id}" in text
    assert "<script>" not in inbox.html(message)
    assert message["List-Unsubscribe"]
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.category == "digest")) == 1
    assert digests.send_digests(now + timedelta(days=1)) == "1 not due"


def test_the_digest_turned_off_in_settings_sends_none(app, member, member_client, inbox):
    verified(member)
    form = {kind: "site" for kind in ("answer", "comment", "accepted", "mention",
                                      "workgroup_question", "watched_change")}
    page = member_client.get("/settings/notifications").get_data(as_text=True)
    assert "In the digest" in page and "Weekly" in page
    response = member_client.submit("/settings/notifications", dict(form, digest="never"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(MailSettings, member.id).digest == "never"
    assert member_client.submit("/settings/notifications",
                                dict(form, digest="hourly")).status_code == 422
    assert digests.send_digests() == "none"



def test_two_consumers_sending_digests_at_once_send_one(app, monkeypatch, member,
                                                        other_member, workgroup, ask, inbox):
    from tests.races import in_threads, lockstep

    verified(member)
    workgroups.join(member, workgroup)
    db.session.commit()
    ask(other_member, title="Who lends tools to members?", workgroup_id=workgroup.id)
    db.session.remove()
    now = utcnow() + timedelta(minutes=1)
    barrier = lockstep(monkeypatch, digests, "gather", after=True)  # both have looked
    results = in_threads(app, lambda _index: digests.send_digests(now), barrier=barrier)
    assert sorted(results) == ["1 already sent", "1 queued"]
    assert len([m for m in inbox.to("mina@example.org") if "digest" in m["Subject"]]) == 1
