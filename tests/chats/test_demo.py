"""`flask demo load` gives the demo an upcoming chat with its agenda and an archived chat
imported from a summary; both are found by search (type `chat`)."""

from sqlalchemy import select

from chats.models import UPCOMING, Chat, Reply, Suggestion
from chats.scheduling import now
from core.extensions import db
from search import engine, query


def test_demo_chats(app, client, demo):
    chats = {chat.short_name: chat for chat in db.session.scalars(select(Chat))}
    upcoming, archived = chats["libmakerchat"], chats["uklibchat"]
    assert upcoming.status(now()) == UPCOMING and len(upcoming.prompts) == 4
    assert archived.import_key and len(archived.prompts) == 4
    assert db.session.scalar(select(db.func.count(Reply.id)).where(
        Reply.chat_id == archived.id)) == 11
    votes = {s.title: s.votes for s in db.session.scalars(select(Suggestion))}
    assert votes["Quiet study spaces in busy branches"] == 3
    listing = client.get("/chats/").get_data(as_text=True)
    assert upcoming.title in listing and archived.title in listing
    page = client.get(f"/chats/{archived.id}").get_data(as_text=True)
    assert "@threadbare_lib" in page and "Pressure washers" in page
    assert client.get("/chats/agenda").get_data(as_text=True).count('id="topic-') == 3
    found = query.search("button maker", type_="chat")
    assert [hit.url for hit in found.hits] == [f"/chats/{archived.id}"]
    assert query.search("makerspace", type_="chat").total >= 1
    assert engine.current().check().clean
