"""The open agenda: suggest, one vote each (withdrawable), the host picks with credit."""

from __future__ import annotations

import pytest

from chats import agenda
from chats.models import Suggestion
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from tests.chats.conftest import DURING


def test_one_vote_each_withdrawable_and_picked_with_credit(app, member_client, other_client,
                                                          editor_client, member, other_member,
                                                          editor, chat, clock):
    assert member_client.submit("/chats/agenda", {"title": "Quiet study spaces"}
                                ).status_code == 302
    topic = db.session.scalar(db.select(Suggestion))
    assert topic.author_id == member.id
    for _ in range(2):  # a second vote is still one vote
        other_client.submit(f"/chats/agenda/{topic.id}/vote", {"wanted": "1"})
    member_client.submit(f"/chats/agenda/{topic.id}/vote", {"wanted": "1"})
    db.session.refresh(topic)
    assert topic.votes == 2
    other_client.submit(f"/chats/agenda/{topic.id}/vote", {"wanted": "0"})
    db.session.refresh(topic)
    assert topic.votes == 1
    page = other_client.get("/chats/agenda").get_data(as_text=True)
    assert "Quiet study spaces" in page and "1 vote ·" in page and "Vote for it" in page
    assert member_client.submit("/chats/agenda", {"title": ""}).status_code == 422
    # Only the host picks, before the chat starts; the prompt credits Mina.
    assert member_client.submit(f"/chats/{chat.id}/pick/{topic.id}").status_code == 403
    assert "Pick a prompt from the open agenda" in editor_client.get(
        f"/chats/{chat.id}").get_data(as_text=True)
    editor_client.submit(f"/chats/{chat.id}/pick/{topic.id}")
    db.session.expire_all()
    assert [p.body for p in chat.prompts][-1] == "Quiet study spaces"
    assert chat.prompts[-1].suggestion.author_id == member.id
    clock.set(DURING)
    editor_client.submit(f"/chats/{chat.id}/release")
    editor_client.submit(f"/chats/{chat.id}/release")
    editor_client.submit(f"/chats/{chat.id}/release")
    editor_client.submit(f"/chats/{chat.id}/release")
    page = other_client.get(f"/chats/{chat.id}").get_data(as_text=True)
    assert "Suggested by Mina Member on the open agenda" in page
    with pytest.raises(ValidationFailed, match="picked already"):
        agenda.vote(other_member, topic, True)
    later = agenda.suggest(other_member, "Weeding")
    with pytest.raises(ValidationFailed, match="before the chat starts"):
        agenda.pick(editor, chat, later)
    with pytest.raises(PermissionDenied):
        agenda.pick(member, chat, later)
