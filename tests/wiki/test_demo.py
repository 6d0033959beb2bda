"""`flask demo load` writes realistic articles through the real services."""

from core.extensions import db
from wiki import reading
from wiki.models import Article, ArticleLink, Revision


def test_demo_articles_show_bylines_histories_and_links(app, demo):
    result = demo
    assert result.exit_code == 0, result.output
    articles = db.session.query(Article).all()
    assert len(articles) >= 12
    assert all(article.revision_count >= 3 for article in articles)
    authors_per_article = [len(article.authors) for article in articles]
    assert min(authors_per_article) >= 2
    assert any(len(reading.byline(article)["leads"]) >= 2 for article in articles)
    assert db.session.query(ArticleLink).count() >= 12
    red = [link for link in db.session.query(ArticleLink)
           if reading.article_by_title(link.target_title) is None]
    assert red, "some demo links should offer to create a missing article"
    dates = [revision.created_at for revision in db.session.query(Revision)]
    assert max(dates) > min(dates)
