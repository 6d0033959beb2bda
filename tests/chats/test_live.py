"""The live hour: releasing prompts, replies, the polling endpoint, hiding, locking."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from chats import live
from chats.models import Reply
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.models import AuditEntry
from tests.chats.conftest import AFTER, DURING


@pytest.fixture
def running(chat, clock):
    clock.set(DURING)
    return chat


def _reply(client, chat, body, **fields):
    return client.submit(f"/chats/{chat.id}/reply", {"body": body, **fields})


def test_the_host_releases_prompts_one_at_a_time(app, editor_client, member_client, chat,
                                                 clock):
    # Not before the start.
    assert editor_client.submit(f"/chats/{chat.id}/release").status_code == 302
    db.session.refresh(chat)
    assert all(p.released_at is None for p in chat.prompts)
    clock.set(DURING)
    assert member_client.submit(f"/chats/{chat.id}/release").status_code == 403
    page = member_client.get(f"/chats/{chat.id}").get_data(as_text=True)
    assert "What do you lend besides books?" not in page  # not out yet
    editor_client.submit(f"/chats/{chat.id}/release")
    db.session.expire_all()
    assert [p.released_at is not None for p in chat.prompts] == [True, False, False]
    page = member_client.get(f"/chats/{chat.id}").get_data(as_text=True)
    assert "What do you lend besides books?" in page
    assert "How do you handle damage?" not in page
    editor_client.submit(f"/chats/{chat.id}/release")
    editor_client.submit(f"/chats/{chat.id}/release")
    db.session.expire_all()
    with pytest.raises(ValidationFailed, match="Every prompt is out"):
        live.release_next(db.session.merge(chat.host), chat)


def test_replies_introductions_and_one_level_of_replies(app, member_client, other_client,
                                                        editor, member, running):
    first = running.prompts[0]
    # Before a prompt is out nobody can answer it.
    response = _reply(member_client, running, "Too early", prompt_id=str(first.id))
    assert response.status_code == 422 and "not been released" in response.get_data(
        as_text=True)
    assert "Too early" in response.get_data(as_text=True)  # the text is kept
    live.release_next(editor, running)
    db.session.commit()
    assert _reply(member_client, running, "Hello, I run a *tool library*.").status_code == 302
    response = _reply(member_client, running, "Sewing machines <script>x()</script>",
                      prompt_id=str(first.id))
    assert response.status_code == 302
    answer = db.session.scalar(db.select(Reply).where(Reply.prompt_id == first.id))
    assert "<script" not in answer.html
    assert response.headers["Location"].endswith(f"#reply-{answer.id}")
    _reply(other_client, running, "Which brand?", parent_id=str(answer.id))
    child = db.session.scalar(db.select(Reply).where(Reply.parent_id == answer.id))
    assert child.prompt_id == first.id
    # A reply to a reply joins the first level's thread: one level deep.
    _reply(member_client, running, "Singer.", parent_id=str(child.id))
    grandchild = db.session.scalar(db.select(Reply).order_by(Reply.id.desc()))
    assert grandchild.parent_id == answer.id
    page = other_client.get(f"/chats/{running.id}").get_data(as_text=True)
    assert "<em>tool library</em>" in page and "Which brand?" in page
    assert f'id="reply-{child.id}"' in page


def test_replies_have_the_answers_length_limit(member_client, running, editor):
    live.release_next(editor, running)
    db.session.commit()
    response = _reply(member_client, running, "x" * 30_001,
                      prompt_id=str(running.prompts[0].id))
    assert response.status_code == 422
    assert "the limit is 30,000" in response.get_data(as_text=True)
    assert _reply(member_client, running, "   ").status_code == 422


def test_the_poll_answers_only_what_is_new_in_one_query(app, client, member_client, member,
                                                        editor, running):
    url = f"/chats/{running.id}/replies"
    assert client.get(f"{url}?after=0").status_code == 204
    one = live.post_reply(member, running, "Hello all")
    two = live.post_reply(member, running, "I am from Riverside")
    db.session.commit()
    data = client.get(f"{url}?after=0").get_json()
    assert [item["id"] for item in data["replies"]] == [one.id, two.id]
    assert data["last"] == two.id and "Hello all" in data["replies"][0]["html"]
    assert [item["id"] for item in client.get(f"{url}?after={one.id}").get_json()[
        "replies"]] == [two.id]
    assert client.get(f"{url}?after={two.id}").status_code == 204
    fragment = client.get(f"{url}?after={one.id}&format=html").get_data(as_text=True)
    assert "I am from Riverside" in fragment and "Hello all" not in fragment
    # Hidden replies are gone from the poll (and from the page, for members).
    live.hide_reply(editor, one, "Off topic")
    db.session.commit()
    assert [item["id"] for item in client.get(f"{url}?after=0").get_json()[
        "replies"]] == [two.id]
    assert "Hello all" not in member_client.get(f"/chats/{running.id}").get_data(as_text=True)
    # Nonsense numbers are no numbers: from the start.
    assert client.get(f"{url}?after=99999999999999999999").get_json()["replies"]
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", record)
        try:
            assert client.get(f"{url}?after={two.id}").status_code == 204
            client.get(f"{url}?after=0")
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    assert len(statements) == 2, statements  # one per poll
    assert "chat_replies" in statements[0]


def test_hosts_hide_with_a_reason_and_lock(app, editor_client, member_client, member, editor,
                                           running):
    reply = live.post_reply(member, running, "Buy my product")
    db.session.commit()
    assert member_client.submit(f"/chats/replies/{reply.id}/hide",
                                {"reason": "spam"}).status_code == 403
    editor_client.submit(f"/chats/replies/{reply.id}/hide", {"reason": ""})
    db.session.refresh(reply)
    assert not reply.hidden  # a reason is required
    editor_client.submit(f"/chats/replies/{reply.id}/hide", {"reason": "Advertising"})
    db.session.refresh(reply)
    assert reply.hidden and reply.hidden_reason == "Advertising"
    entry = db.session.scalar(db.select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert (entry.action, entry.reason) == ("chat_reply.hidden", "Advertising")
    assert "Buy my product" in editor_client.get(f"/chats/{running.id}").get_data(as_text=True)
    assert member_client.submit(f"/chats/{running.id}/lock").status_code == 403
    editor_client.submit(f"/chats/{running.id}/lock", {"locked": "1"})
    response = _reply(member_client, running, "Am I late?")
    assert response.status_code == 422 and "locked" in response.get_data(as_text=True)
    with pytest.raises(PermissionDenied):
        live.set_locked(member, running, False)


def test_closing_ends_replies(app, editor_client, member_client, running, clock):
    editor_client.submit(f"/chats/{running.id}/close")
    db.session.refresh(running)
    assert running.closed_at is not None
    assert _reply(member_client, running, "Still here?").status_code == 422
    clock.set(AFTER)
    assert "ended" in live.reply_refusal(running)


def test_replies_are_rate_limited_like_answers(app, member_client, running):
    codes = [_reply(member_client, running, f"Hello {n}").status_code for n in range(6)]
    assert codes == [302] * 5 + [429]  # a new account: 5 per 10 minutes
