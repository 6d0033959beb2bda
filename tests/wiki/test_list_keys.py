"""What the article lists read instead of counting and sorting on each view: each tag's
count of visible articles, and each article's title key."""

from sqlalchemy import func, select

from core.extensions import db
from wiki import moderation, reading, saving
from wiki.models import Article, ArticleTag, Tag


def recounted() -> list[tuple[str, int]]:
    return list(db.session.execute(
        select(Tag.name, func.count(Article.id))
        .join(ArticleTag, ArticleTag.tag_id == Tag.id)
        .join(Article, Article.id == ArticleTag.article_id)
        .where(Article.hidden.is_(False)).group_by(Tag.name)
        .order_by(func.count(Article.id).desc(), Tag.name)).all())


def test_tag_counts_follow_tagging_editing_hiding_and_restoring(write, edit, member, editor,
                                                                admin):
    first = write(member, title="Makerspaces", tags="making, teens")
    second = write(member, title="Book groups", tags="reading, teens")
    write(member, title="Oral history", tags="archives")
    assert reading.tag_counts() == recounted() == [("teens", 2), ("archives", 1),
                                                   ("making", 1), ("reading", 1)]
    edit(first, member, first.current_revision.body + " More.", tags=["making", "budgets"])
    edit(second, member, second.current_revision.body, tags=["reading", "teens", "budgets"])
    assert reading.tag_counts() == recounted()
    assert dict(reading.tag_counts())["teens"] == 1
    moderation.set_hidden(second, editor, True)
    db.session.commit()
    assert reading.tag_counts() == recounted()
    assert "reading" not in dict(reading.tag_counts())
    edit(first, editor, first.current_revision.body, tags=["making"])  # editors may edit...
    moderation.set_hidden(second, editor, True)  # ...and hiding twice counts once
    db.session.commit()
    assert reading.tag_counts() == recounted()
    moderation.set_hidden(second, admin, False)
    db.session.commit()
    assert reading.tag_counts() == recounted()
    assert reading.tag_counts(2) == recounted()[:2]


def test_a_question_tag_is_not_an_article_tag(app, write, member):
    from community import questions

    app.config["RATELIMIT_ENABLED"] = False
    questions.ask(member, title="How do you weed a collection?", body="Details.",
                  tags="weeding")
    write(member, title="Weeding", tags="collections")
    db.session.commit()
    assert reading.tag_counts() == [("collections", 1)]


def test_articles_sort_by_title_regardless_of_case_and_follow_renames(write, member, editor):
    for title in ("banana bread", "Apple pie", "cherry tart"):
        write(member, title=title)
    titles = [a.title for a in db.session.scalars(reading.article_query(sort="title"))]
    assert titles == ["Apple pie", "banana bread", "cherry tart"]
    saving.rename(db.session.scalar(select(Article).where(Article.slug == "apple-pie")),
                  editor, "Damson jam")
    db.session.commit()
    titles = [a.title for a in db.session.scalars(reading.article_query(sort="title"))]
    assert titles == ["banana bread", "cherry tart", "Damson jam"]
    keys = db.session.execute(select(Article.title, Article.title_key)).all()
    assert all(key == title.lower() for title, key in keys)


def test_a_tag_lists_the_same_articles_however_common_it_is(write, member, editor,
                                                            monkeypatch):
    for number in range(4):
        write(member, title=f"Guide {number}", tags="shared" if number % 2 else "other")
    moderation.set_hidden(db.session.scalar(select(Article).where(Article.slug == "guide-1")),
                          editor, True)
    db.session.commit()
    seen = []
    for rare in (0, 1000):  # "shared" counted as common, then as rare
        monkeypatch.setattr(reading, "RARE_TAG", rare)
        seen.append([a.title for a in db.session.scalars(reading.article_query(tag="shared"))])
    assert seen == [["Guide 3"], ["Guide 3"]]
    assert list(db.session.scalars(reading.article_query(tag="nobody-uses-this"))) == []
