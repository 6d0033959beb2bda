"""The partnerships board (partners/): posting, private replies that reach only the poster
(notification and mail), public replies, closing, the write-up, filters, the feed and
hostile input."""

import pytest
from sqlalchemy import select

from community.models import Notification
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.timeutil import utcnow
from mail.models import MailSettings, OutboxMessage
from partners import posts
from partners.models import PartnerPost
from tests.conftest import register_user


def _post(author, **changes):
    given = {"title": "A makerspace with a school", "body": "We have **3D printers**.",
             "region": "Northshire", "sectors": ["school"], "kinds": ["library"],
             "topic": "Makerspaces", **changes}
    post = posts.create_post(author, posts.PostInput(**given))
    db.session.commit()
    return post


def test_posting_checks_every_field_at_once(app, member):
    with pytest.raises(ValidationFailed) as refused:
        posts.create_post(member, posts.PostInput(
            title="", body="", region="", sectors=["museum"], kinds=["castle"],
            until="2001-01-01", topic="x" * 80))
    fields = {field for field, _message in refused.value.errors}
    assert fields == {"title", "body", "region", "sectors", "kinds", "until", "topic"}
    with pytest.raises(ValidationFailed):
        posts.create_post(member, posts.PostInput(title="Bad\x07title", body="Body",
                                                  online=True))
    db.session.rollback()
    post = _post(member, online=True, region="")
    assert (post.sectors, post.kinds, post.topic, post.online) == (
        ["school"], ["library"], "makerspaces", True)
    assert "<strong>3D printers</strong>" in post.body_html


def test_private_replies_reach_only_the_poster_and_public_ones_everyone(
        app, client, member, other_member, editor, member_client, other_client):
    app.config["RATELIMIT_ENABLED"] = False
    db.session.get(MailSettings, member.id).verified_at = utcnow()
    post = _post(member)
    third = register_user("thea", sector="school")
    with pytest.raises(PermissionDenied):
        posts.reply(member, post, "My own post")
    db.session.rollback()
    sent = other_client.submit(f"/partners/{post.id}/replies",
                               {"body": "Our school would *love* this. <script>x</script>"})
    assert sent.status_code == 302
    posts.reply(third, db.session.get(PartnerPost, post.id), "Count us in too", public=True)
    db.session.commit()
    secret = "Our school would"
    assert secret in member_client.get(f"/partners/{post.id}").get_data(as_text=True)
    assert secret in other_client.get(f"/partners/{post.id}").get_data(as_text=True)
    anonymous = client.get(f"/partners/{post.id}").get_data(as_text=True)
    assert secret not in anonymous and "Count us in too" in anonymous
    third_client = app.test_client()
    third_client.sign_in_as(third)
    assert secret not in third_client.get(f"/partners/{post.id}").get_data(as_text=True)
    assert "<script>x" not in other_client.get(f"/partners/{post.id}").get_data(as_text=True)
    notes = db.session.scalars(select(Notification).where(
        Notification.kind == "partner_reply")).all()
    assert {note.user_id for note in notes} == {member.id}
    assert any("privately" in note.text for note in notes)
    mailed = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "partner_reply")).all()
    assert mailed and {message.user_id for message in mailed} == {member.id}
    assert secret not in client.get("/partners/feed.atom").get_data(as_text=True)


def test_closing_writing_up_and_the_board_filters(app, client, member, other_member,
                                                   member_client, other_client):
    app.config["RATELIMIT_ENABLED"] = False
    post = _post(member)
    _post(other_member, title="Oral history with a museum library", sectors=["special"],
          region="", online=True, topic="oral-history")
    board = client.get("/partners/").get_data(as_text=True)
    assert "A makerspace with a school" in board and "Oral history" in board
    assert "Oral history" not in client.get("/partners/?sector=school").get_data(as_text=True)
    assert "A makerspace" not in client.get("/partners/?region=online").get_data(as_text=True)
    assert "A makerspace" in client.get("/partners/?region=northsh").get_data(as_text=True)
    assert "Oral history" in client.get(
        "/partners/?topic=oral-history").get_data(as_text=True)
    for hostile in ("%00", "%", "_" * 300, "\\"):
        assert client.get(f"/partners/?region={hostile}&topic={hostile}").status_code == 200
    assert other_client.submit(f"/partners/{post.id}/close", {}).status_code == 403
    assert member_client.submit(f"/partners/{post.id}/write-up", {}).status_code == 302
    db.session.expire_all()
    assert db.session.get(PartnerPost, post.id).article_id is None  # still open
    member_client.submit(f"/partners/{post.id}/close", {"note": "Riverside High"})
    db.session.expire_all()
    closed = db.session.get(PartnerPost, post.id)
    assert closed.status == "closed" and closed.found_note == "Riverside High"
    assert other_client.submit(f"/partners/{post.id}/replies",
                               {"body": "Too late?"}).status_code == 403
    assert "A makerspace" not in client.get("/partners/").get_data(as_text=True)
    assert "A makerspace" in client.get("/partners/?status=closed").get_data(as_text=True)
    written = member_client.submit(f"/partners/{post.id}/write-up", {})
    assert written.status_code == 302 and "/edit" in written.location
    db.session.expire_all()
    article_id = db.session.get(PartnerPost, post.id).article_id
    assert article_id is not None
    from wiki.models import Article

    article = db.session.get(Article, article_id)
    assert article.title == "Partnership: A makerspace with a school"
    assert article.sectors == ["school"] and "Riverside High" in article.current_revision.body
    feed = client.get("/partners/feed.atom")
    assert feed.status_code == 200 and "Oral history" in feed.get_data(as_text=True)
