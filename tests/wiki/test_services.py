"""The wiki's rules, tested in the service without HTTP."""

import pytest

from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.extensions import db
from wiki import cleaning, moderation, reading, saving
from wiki.models import Article, ArticleAuthor, ArticleSlug, Revision

PARAGRAPHS = "First paragraph about planning.\n\nSecond paragraph about money.\n\n" \
             "Third paragraph about staff.\n"


def authors(article):
    db.session.expire_all()
    return {row.user.username: (row.share, row.lead, row.edits) for row in
            db.session.query(ArticleAuthor).filter_by(article_id=article.id)}


def test_create_article_writes_revision_one(write, member):
    article = write(member, title="Café culture: über-libraries", body="Hello *world*.",
                    tags="Cafés, makerspaces, cafés", sectors=["public", "school"])
    revision = article.current_revision
    assert article.slug == "café-culture-über-libraries"
    assert revision.number == 1 and revision.kind == "create"
    assert revision.html == "<p>Hello <em>world</em>.</p>"
    assert [tag.name for tag in article.tags] == ["cafés", "makerspaces"]
    assert article.sectors == ["public", "school"]
    assert revision.attribution == [[1, 2]]
    assert authors(article) == {"mina": (2, True, 1)}


def test_titles_and_slugs(write, member):
    write(member, title="Recent")
    assert db.session.query(Article).filter_by(title="Recent").one().slug == "recent-article"
    with pytest.raises(ValidationFailed, match="already has this title"):
        saving.create_article(member, title="recent!", body="x")
    for title in ("", "   ", "!!!", "x" * 201):
        with pytest.raises(ValidationFailed) as error:
            saving.create_article(member, title=title, body="text")
        assert error.value.field == "title"


def test_body_rules(app, member):
    with pytest.raises(ValidationFailed, match="no text"):
        saving.create_article(member, title="Empty", body="  \n ")
    app.config["ARTICLE_MAX_CHARS"] = 100
    with pytest.raises(ValidationFailed, match="limit is 100") as error:
        saving.create_article(member, title="Long", body="x" * 101)
    assert error.value.field == "body"


def test_tags_and_sectors_are_checked(app, member):
    with pytest.raises(ValidationFailed) as error:
        saving.create_article(member, title="T", body="b", tags="<script>")
    assert error.value.field == "tags"
    with pytest.raises(ValidationFailed):
        saving.create_article(member, title="T", body="b", tags=",".join(
            f"t{n}" for n in range(20)))
    with pytest.raises(ValidationFailed):
        saving.create_article(member, title="T", body="b", sectors=["mars"])


def test_anonymous_may_not_write(app):
    with pytest.raises(PermissionDenied):
        saving.create_article(None, title="T", body="b")


def test_edit_makes_a_new_revision_and_credits_new_words(write, edit, member, other_member):
    article = write(member, body="One two three four five six seven eight nine.")
    result = edit(article, other_member, "One two three four five six seven eight nine. Ten!",
                  summary="More")
    assert result.revision.number == 2 and result.revision.summary == "More"
    assert result.revision.size_delta == len(" Ten!")
    assert authors(article) == {"mina": (9, True, 1), "otto": (1, False, 1)}


def test_a_save_that_changes_nothing_makes_no_revision(write, edit, member):
    article = write(member)
    result = edit(article, member, article.current_revision.body)
    assert result.revision is None
    assert article.revision_count == 1


def test_non_overlapping_concurrent_edits_merge(write, edit, member, other_member):
    article = write(member, body=PARAGRAPHS)
    edit(article, member, PARAGRAPHS.replace("planning", "careful planning"), base=1)
    result = edit(article, other_member, PARAGRAPHS.replace("staff", "volunteers"), base=1)
    assert result.merged_with == 2 and result.revision.kind == "merge"
    body = article.current_revision.body
    assert "careful planning" in body and "volunteers" in body
    assert article.revision_count == 3


def test_overlapping_edits_conflict_and_nothing_is_saved(write, edit, member, other_member):
    article = write(member, body=PARAGRAPHS)
    edit(article, member, PARAGRAPHS.replace("about money", "about the budget"), base=1)
    mine = PARAGRAPHS.replace("about money", "about grants")
    with pytest.raises(saving.EditConflict) as error:
        saving.save_edit(article, other_member, title=article.title, body=mine,
                         base_revision=1)
    db.session.rollback()
    assert error.value.yours == mine
    assert error.value.current.number == 2
    assert db.session.get(Article, article.id).revision_count == 2


@pytest.mark.parametrize("base", ["99", "0", "-1", "abc", "1.5"])
def test_stale_or_forged_base_revision_is_refused_clearly(write, member, base):
    article = write(member)
    with pytest.raises(ValidationFailed) as error:
        saving.save_edit(article, member, title=article.title, body="new", base_revision=base)
    assert "Your text is below" in error.value.message or "your text is below" in \
        error.value.message


def test_title_change_moves_the_slug_and_the_old_one_redirects(write, edit, member):
    article = write(member, title="Old name")
    edit(article, member, article.current_revision.body, title="New name")
    assert article.slug == "new-name"
    assert reading.get_article("old-name") == article
    assert {row.slug for row in db.session.query(ArticleSlug)} == {"old-name", "new-name"}


def test_revert_restores_text_and_original_authors(write, edit, member, other_member):
    article = write(member, body="Original words written by Mina here.")
    edit(article, other_member, "Vandal text.")
    assert authors(article)["otto"][1] is True
    result = saving.revert(article, other_member, 1)
    db.session.commit()
    assert result.revision.number == 3 and result.revision.reverted_to == 1
    assert article.current_revision.body == "Original words written by Mina here."
    shares = authors(article)
    assert shares["mina"][:2] == (6, True) and shares["otto"][:2] == (0, False)
    with pytest.raises(ValidationFailed, match="same as the current"):
        saving.revert(article, member, 3)
    with pytest.raises(NotFound):
        saving.revert(article, member, 42)


def test_protected_articles_are_for_editors(write, edit, member, editor):
    article = write(member)
    with pytest.raises(PermissionDenied):
        moderation.set_protected(article, member, True)
    moderation.set_protected(article, editor, True)
    db.session.commit()
    with pytest.raises(PermissionDenied, match="protected"):
        saving.save_edit(article, member, title=article.title, body="changed")
    assert edit(article, editor, "changed by an editor").revision.number == 2


def test_hidden_articles_leave_sight_and_only_admins_restore(write, member, editor, admin):
    article = write(member)
    moderation.set_hidden(article, editor, True)
    db.session.commit()
    with pytest.raises(NotFound):
        reading.get_article(article.slug, member)
    assert reading.get_article(article.slug, editor) == article
    with pytest.raises(PermissionDenied):
        saving.save_edit(article, editor, title=article.title, body="x")
    with pytest.raises(PermissionDenied):
        moderation.set_hidden(article, editor, False)
    moderation.set_hidden(article, admin, False)
    assert reading.get_article(article.slug, member) == article


def test_links_backlinks_and_red_links(write, member, editor):
    source = write(member, title="Source", body="See [[Target page]] and [[Elsewhere|there]].")
    html = reading.mark_red_links(source.current_revision.html, source)
    assert html.count('class="wikilink new"') == 2
    assert "/wiki/new?title=Target+page" in html
    target = write(member, title="Target page", body="Hello.")
    html = reading.mark_red_links(source.current_revision.html, source)
    assert html.count('class="wikilink new"') == 1
    assert '<a class="wikilink" href="/wiki/target-page">Target page</a>' in html
    assert reading.backlinks(target) == [source]
    moderation.set_hidden(target, editor, True)
    db.session.commit()
    assert reading.missing_link_slugs(source, member) == {"target-page", "elsewhere"}
    assert reading.missing_link_slugs(source, editor) == {"elsewhere"}
    assert reading.backlinks(target, member) == [source]


def test_links_follow_edits(write, edit, member):
    source = write(member, title="Source", body="See [[A]] and [[B]].")
    edit(source, member, "See [[B]] and [[C]].")
    from wiki.models import ArticleLink

    assert {link.target_slug for link in db.session.query(ArticleLink)} == {"b", "c"}


def test_rename_is_for_editors(write, member, editor):
    article = write(member, title="Before")
    with pytest.raises(PermissionDenied):
        saving.rename(article, member, "After")
    saving.rename(article, editor, "After")
    db.session.commit()
    assert article.slug == "after" and article.current_revision.kind == "rename"
    assert reading.get_article("before") == article


def test_profile_lists_led_and_contributed_articles(write, edit, member, other_member):
    article = write(member, body="A long text by Mina with many words in it.")
    edit(article, other_member, article.current_revision.body + " Otto adds.")
    mine = reading.articles_of(member)
    theirs = reading.articles_of(other_member)
    assert [row.article for row in mine["led_articles"]] == [article]
    assert [row.article for row in theirs["contributed_articles"]] == [article]


def test_byline_names_leads_then_contributors(write, edit, member, other_member, make_user):
    article = write(member, body=" ".join(f"word{n}" for n in range(40)))
    extra = [make_user(f"helper{n}") for n in range(5)]
    for user in [other_member, *extra]:
        edit(article, user, article.current_revision.body + f" {user.username}.")
    byline = reading.byline(db.session.get(Article, article.id))
    assert [user.username for user in byline["leads"]] == ["mina"]
    assert len(byline["others"]) == 3 and byline["more"] == 3


def test_every_revision_is_kept(write, edit, member):
    article = write(member, body="v1")
    for version in range(2, 6):
        edit(article, member, f"v{version}")
    numbers = [r.number for r in db.session.query(Revision).filter_by(article_id=article.id)
               .order_by(Revision.number)]
    assert numbers == [1, 2, 3, 4, 5]


def test_tags_typed_with_spaces_are_kept_in_one_hyphenated_form():
    assert cleaning.parse_tags("Seed  Library, seed-library, Teens , local history") == [
        "seed-library", "teens", "local-history"]
