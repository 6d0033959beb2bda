"""The home page's "In the community" box: the next chat (or the live one) and the
training topics libraries want most; absent when there are neither."""

from core.extensions import db
from tests.chats.conftest import DURING, Clock, schedule
from training import interest, topics


def test_the_box_is_absent_on_an_empty_site(client):
    assert "In the community" not in client.get("/").get_data(as_text=True)


def test_the_box_shows_the_next_chat_then_the_live_one_and_wanted_topics(
        app, client, editor, member, other_member):
    clock = Clock(app)
    app.config["RATELIMIT_ENABLED"] = False
    schedule(editor)  # 20 March 2027, 19:00 in London
    later = schedule(editor, title="Makerspaces on a shoestring", starts="2027-04-20T19:00",
                     ends="2027-04-20T20:00")
    quiet = topics.propose(member, topics.clean_topic(
        "Cataloguing zines", "Small-press material.", "workshop", "", "", ""))
    wanted = topics.propose(member, topics.clean_topic(
        "Copyright for digitisation", "What may we scan?", "webinar", "", "", "online"))
    declined = topics.propose(member, topics.clean_topic(
        "Declined topic", "", "any", "", "", ""))
    db.session.flush()
    interest.register(other_member, wanted, 4, None)
    topics.set_status(editor, declined, "declined", "Out of scope.")
    db.session.commit()

    page = client.get("/").get_data(as_text=True)
    box = page[page.index("In the community"):page.index("Active workgroups")
               if "Active workgroups" in page else None]
    assert "Next chat" in box and "Lending things that are not books" in box
    assert "Saturday 20 March 2027, 19:00–20:00 GMT" in box
    assert later.title not in box
    assert box.index(wanted.title) < box.index(quiet.title)  # most wanted first
    assert "4 staff interested" in box  # a member for themselves: no library
    assert "Declined topic" not in box

    clock.set(DURING)
    box = client.get("/").get_data(as_text=True)
    assert "Live now" in box and "Lending things that are not books" in box
