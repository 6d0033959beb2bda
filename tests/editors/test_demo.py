"""`flask demo load` gives the home page features, two collections and a review mark."""

from sqlalchemy import func, select

from core.extensions import db
from editors import collections as curated
from editors import review
from editors.home import featured_now
from editors.models import Collection, CollectionItem, ReviewMark
from wiki.models import Article


def test_demo_desk_makes_the_home_page_look_alive(app, client, demo):
    result = demo
    assert result.exit_code == 0, result.output
    cards = featured_now()
    assert len(cards) >= 4 and {card.kind for card in cards} == {"article", "question",
                                                                  "collection"}
    collections = db.session.scalars(select(Collection)).all()
    assert len(collections) == 2
    for collection in collections:
        assert db.session.scalar(select(func.count()).select_from(CollectionItem).where(
            CollectionItem.collection_id == collection.id)) >= 5
        kinds = {item.kind for item in curated.collection_items(collection)}
        assert kinds == {"article", "question"}
    [mark] = db.session.scalars(select(ReviewMark)).all()
    assert review.article_status(db.session.get(Article, mark.article_id)).reviewed_current
    page = client.get("/").get_data(as_text=True)
    assert "Starting a makerspace: seven readings" in page
    assert "Reviewed by" in client.get("/wiki/starting-a-library-makerspace").get_data(
        as_text=True)
