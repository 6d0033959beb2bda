"""After the chat: summary with highlights, the archive page, curator, practice article."""

from __future__ import annotations

import pytest

from chats import live, summaries
from chats.models import Highlight
from community.models import Notification
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from tests.chats.conftest import AFTER, DURING


@pytest.fixture
def held(app, chat, clock, editor, member, other_member):
    """The chat held: Q1 and Q2 out, Mina and Otto answered, then it ended."""
    app.config["RATELIMIT_ENABLED"] = False
    clock.set(DURING)
    live.release_next(editor, chat)
    first = live.post_reply(member, chat, "Sewing machines and a **button maker**.",
                            prompt_id=chat.prompts[0].id)
    second = live.post_reply(other_member, chat, "Telescopes.", prompt_id=chat.prompts[0].id)
    live.release_next(editor, chat)
    third = live.post_reply(other_member, chat, "A checklist at the desk.",
                            prompt_id=chat.prompts[1].id)
    intro = live.post_reply(member, chat, "Hi, Mina from Town Library.")
    db.session.commit()
    clock.set(AFTER)
    return {"chat": chat, "first": first, "second": second, "third": third, "intro": intro}


def _summary_form(held, **extra):
    chat = held["chat"]
    return {"overview": "We lend **far more** than books.", "next_steps": "Next: makerspaces.",
            f"synthesis-{chat.prompts[0].id}": "Tools and gadgets lead.",
            "highlight": [str(held["first"].id), str(held["third"].id)], **extra}


def test_the_host_writes_a_summary_and_the_quoted_are_told(editor_client, member_client,
                                                           held, member, other_member):
    chat = held["chat"]
    assert member_client.get(f"/chats/{chat.id}/summary").status_code == 403
    form = editor_client.get(f"/chats/{chat.id}/summary").get_data(as_text=True)
    assert "Sewing machines" in form and 'name="highlight"' in form
    response = editor_client.submit(f"/chats/{chat.id}/summary", _summary_form(held))
    assert response.status_code == 302
    assert {row.reply_id for row in db.session.scalars(db.select(Highlight))} == {
        held["first"].id, held["third"].id}
    told = {row.user_id: row for row in db.session.scalars(
        db.select(Notification).where(Notification.kind == "chat_highlight"))}
    assert set(told) == {member.id, other_member.id}
    assert told[member.id].url.endswith(f"/chats/{chat.id}#reply-{held['first'].id}")
    assert "quoted your reply in the summary" in member_client.get("/notifications").get_data(
        as_text=True)
    # Saving again tells nobody twice.
    editor_client.submit(f"/chats/{chat.id}/summary", _summary_form(held))
    assert db.session.scalar(db.select(db.func.count(Notification.id)).where(
        Notification.kind == "chat_highlight")) == 2


def test_the_archive_shows_the_summary_first_then_every_reply(client, editor, held):
    chat = held["chat"]
    summaries.write_summary(editor, chat, overview="We lend **far more** than books.",
                            next_steps="", syntheses={}, highlights={held["first"].id})
    db.session.commit()
    page = client.get(f"/chats/{chat.id}").get_data(as_text=True)
    summary_at = page.index('id="summary"')
    assert summary_at < page.index('id="prompts"')
    assert "<strong>far more</strong>" in page
    quote = page[summary_at:page.index('id="prompts"')]
    assert "Mina Member" in quote and f'href="#reply-{held["first"].id}"' in quote
    for reply in ("first", "second", "third", "intro"):
        assert f'id="reply-{held[reply].id}"' in page
    assert "Archive" in page and "chat-poll.js" not in page  # no polling once it is over


def test_only_after_the_end_and_only_the_host_or_curator(app, clock, chat, editor, member,
                                                         other_member, editor_client):
    with pytest.raises(ValidationFailed, match="once the chat has ended"):
        summaries.write_summary(editor, chat, overview="x", next_steps="", syntheses={},
                                highlights=set())
    clock.set(AFTER)
    with pytest.raises(PermissionDenied):
        summaries.write_summary(member, chat, overview="x", next_steps="", syntheses={},
                                highlights=set())
    editor_client.submit(f"/chats/{chat.id}/curator", {"username": "mina"})
    db.session.refresh(chat)
    assert chat.curator_id == member.id
    summaries.write_summary(member, chat, overview="Curated.", next_steps="", syntheses={},
                            highlights=set())
    with pytest.raises(PermissionDenied):
        summaries.name_curator(other_member, chat, "otto")


def test_a_summary_becomes_an_article_crediting_the_quoted(app, editor_client, editor, held,
                                                          member, other_member):
    from wiki.models import ArticleAuthor

    chat = held["chat"]
    summaries.write_summary(editor, chat, overview="Lending beyond books.", next_steps="",
                            syntheses={}, highlights={held["first"].id, held["third"].id})
    db.session.commit()
    response = editor_client.submit(f"/chats/{chat.id}/article")
    assert response.status_code == 302 and "/wiki/" in response.headers["Location"]
    db.session.refresh(chat)
    credited = set(db.session.scalars(db.select(ArticleAuthor.user_id).where(
        ArticleAuthor.article_id == chat.article_id)))
    assert {member.id, other_member.id} <= credited
    with pytest.raises(ValidationFailed, match="article already"):
        summaries.to_article(editor, chat)
