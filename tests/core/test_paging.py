"""Pages of long lists: a next page is known from one extra row, the total only up to a
limit, so a page of a big site costs the same as a page of a small one."""

from core.extensions import db
from core.paging import paginate
from wiki import reading, saving


def test_a_page_knows_its_neighbours_and_counts_only_up_to_the_limit(app, member):
    for number in range(5):
        saving.create_article(member, title=f"Article {number}", body="Text.")
    db.session.commit()
    query = reading.article_query(sort="title")
    page = paginate(query, page=2, per_page=2, count_limit=10)
    assert [a.title for a in page.items] == ["Article 2", "Article 3"]
    assert (page.has_prev, page.has_next, page.total, page.pages) == (True, True, 5, 3)
    page = paginate(query, page=2, per_page=2, count_limit=3)
    assert (page.has_next, page.total, page.pages) == (True, None, None)
    last = paginate(query, page=3, per_page=2, count_limit=3)
    assert [a.title for a in last.items] == ["Article 4"] and not last.has_next
    assert paginate(query, page=10**30, per_page=2).items == []


def test_the_pager_says_of_how_many_only_when_it_knows(client, member, monkeypatch):
    from core import paging

    for number in range(30):
        saving.create_article(member, title=f"Article {number}", body="Text.")
    db.session.commit()
    page = client.get("/wiki/?page=2&q=article").get_data(as_text=True)
    assert "Page 2 of 2" in page and "30 articles" in page
    monkeypatch.setattr(paging, "COUNT_LIMIT", 10)
    page = client.get("/wiki/?page=2&q=article").get_data(as_text=True)
    assert "Page 2" in page and "Page 2 of" not in page and 'rel="prev"' in page
    assert "More than 10 articles" in page
