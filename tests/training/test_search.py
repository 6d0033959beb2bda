"""Training topics are a search type (`type=training`): proposed, found; a duplicate leaves
the index; the index stays consistent with the register (`flask search check`)."""

from core.extensions import db
from search import engine, query
from training import topics


def test_topics_are_found_and_duplicates_leave_the_index(app, world):
    found = query.search("digitisation", type_="training")
    assert [hit.title for hit in found.hits] == ["Copyright for digitisation projects"]
    duplicate = topics.propose(world.tom, topics.clean_topic(
        "Digitisation copyright questions", "", "any", "", [], ""))
    db.session.commit()
    assert query.search("digitisation", type_="training").total == 2
    topics.mark_duplicate(world.edith, duplicate, topics.get_topic(world.topic_id))
    db.session.commit()
    assert query.search("digitisation", type_="training").total == 1
    assert engine.current().check().clean
    page = app.test_client().get("/search?q=digitisation&type=training")
    assert "Training topic" in page.get_data(as_text=True)
