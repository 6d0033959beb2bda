"""Chats in search (type `chat`) on whichever engine SEARCH_ENGINE chooses: kept up to
date as prompts are released and replies come and go, checked and rebuilt."""

from chats import live, scheduling
from core.extensions import db
from search import engine, query
from tests.chats.conftest import DURING


def test_a_chat_is_found_by_what_was_said_and_never_by_unreleased_prompts(
        app, chat, clock, editor, member):
    app.config["RATELIMIT_ENABLED"] = False
    found = query.search("lending things", type_="chat")
    assert [hit.url for hit in found.hits] == [f"/chats/{chat.id}"]
    assert query.search("damage", type_="chat").total == 0  # Q2 is not out
    clock.set(DURING)
    live.release_next(editor, chat)
    live.release_next(editor, chat)
    db.session.commit()
    reply = live.post_reply(member, chat, "Photos at checkout, always.",
                            prompt_id=chat.prompts[1].id)
    db.session.commit()
    assert query.search("damage", type_="chat").total == 1
    # Replies are indexed by the minute's job, all at once, not one by one.
    assert query.search("checkout photos", type_="chat").total == 0
    assert scheduling.index_new_replies() == 1
    assert scheduling.index_new_replies() == 0
    assert query.search("checkout photos", type_="chat").total == 1
    live.hide_reply(editor, reply, "Duplicate")
    db.session.commit()
    assert query.search("checkout photos", type_="chat").total == 0
    assert ("chat", 1) in query.search("").facets["type"]
    assert engine.current().check().clean
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0
    assert query.search("damage", type_="chat").total == 1
    assert engine.current().check().clean
