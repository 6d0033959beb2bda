"""Wiki pages over HTTP: every page, every role, and the unhappy paths."""

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy.exc import IntegrityError

from core.extensions import db
from wiki.models import Article, Revision

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def article(write, member):
    return write(member, title="Readers' advisory", body="## Listening\n\nAsk what they loved.\n"
                 "\nSee [[Book groups]].", tags="readers advisory", sectors=["public"])


def form_for(article, **changes):
    data = {"title": article.title, "body": article.current_revision.body, "summary": "",
            "tags": ", ".join(tag.name for tag in article.tags), "sectors": article.sectors,
            "base_revision": str(article.current_revision.number), "save": "1"}
    data.update(changes)
    return data


def revision_count(article_id):
    db.session.expire_all()
    return db.session.get(Article, article_id).revision_count


def test_article_page_shows_text_byline_and_red_link(client, article):
    page = client.get("/wiki/readers-advisory").get_data(as_text=True)
    assert "Readers&#39; advisory" in page and "Ask what they loved." in page
    assert "By <a href=\"/wiki/../users/mina\"" not in page
    assert 'href="/users/mina">Mina Member</a>' in page
    assert 'class="wikilink new"' in page and "/wiki/new?title=Book+groups" in page
    assert "#readers-advisory" in page and "Public library" in page


def test_every_article_page_answers(client, article, edit, other_member):
    edit(article, other_member, article.current_revision.body + "\n\nMore.")
    for path in ("/wiki/", "/wiki/?sort=updated&sector=public&tag=readers+advisory&q=read",
                 "/wiki/tags/", "/wiki/recent", "/wiki/readers-advisory/history",
                 "/wiki/readers-advisory/revisions/1", "/wiki/readers-advisory/diff?from=1&to=2",
                 "/wiki/readers-advisory/backlinks", "/wiki/readers-advisory/contributors", "/"):
        assert client.get(path).status_code == 200, path
    assert client.get("/wiki/tags/Readers advisory").status_code == 302


def test_unknown_pages_are_404(client, article):
    for path in ("/wiki/no-such-article", "/wiki/no-such-article/history",
                 "/wiki/readers-advisory/revisions/9", "/wiki/readers-advisory/diff?from=1&to=9"):
        assert client.get(path).status_code == 404, path


def test_readers_are_asked_to_sign_in_to_write(client, article):
    for path in ("/wiki/new", "/wiki/readers-advisory/edit"):
        response = client.get(path)
        assert response.status_code == 302 and "/login?next=" in response.location


def test_new_article_offers_the_outline(member_client):
    page = member_client.get("/wiki/new?title=Seed+library").get_data(as_text=True)
    assert "The problem or context" in page and "Who to contact" in page
    assert 'value="Seed library"' in page and "start with a blank page" in page
    blank = member_client.get("/wiki/new?blank=1").get_data(as_text=True)
    assert "The problem or context" not in blank


def test_write_an_article(member_client):
    response = member_client.submit("/wiki/new", {
        "title": "Seed library", "body": "We lend **seeds**.", "tags": "gardening",
        "sectors": ["public", "school"], "save": "1"})
    assert response.status_code == 302 and response.location.endswith("/wiki/seed-library")
    page = member_client.get("/wiki/seed-library").get_data(as_text=True)
    assert "<strong>seeds</strong>" in page and "Your article is published" in page


def test_preview_renders_without_saving(member_client):
    response = member_client.submit("/wiki/new", {"title": "Draft", "body": "*Preview me*",
                                                  "preview": "1"})
    page = response.get_data(as_text=True)
    assert "<em>Preview me</em>" in page and "*Preview me*" in page
    assert db.session.query(Article).count() == 0


def test_empty_title_keeps_the_text(member_client):
    page = member_client.submit("/wiki/new", {"title": "", "body": "My precious text",
                                              "save": "1"}).get_data(as_text=True)
    assert "Give the article a title." in page and "My precious text" in page
    assert db.session.query(Article).count() == 0


def test_body_over_the_limit_keeps_the_text(app, member_client):
    app.config["ARTICLE_MAX_CHARS"] = 50
    body = "This is my long text. " * 5
    page = member_client.submit("/wiki/new", {"title": "Long", "body": body,
                                              "save": "1"}).get_data(as_text=True)
    assert "the limit is 50" in page and "This is my long text." in page


def test_edit_saves_a_revision(member_client, article):
    response = member_client.submit("/wiki/readers-advisory/edit",
                                    form_for(article, body="New text.", summary="Rewrite"))
    assert response.status_code == 302
    assert revision_count(article.id) == 2
    history = member_client.get("/wiki/readers-advisory/history").get_data(as_text=True)
    assert "Rewrite" in history and "#2" in history


def test_an_edit_that_keeps_losing_races_shows_the_members_text_again(
        member_client, article, monkeypatch):
    from core import transactions
    from wiki import saving

    def always_lose(*_args, **_kwargs):
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(transactions.time, "sleep", lambda _seconds: None)
    monkeypatch.setattr(saving, "save_edit", always_lose)
    response = member_client.submit("/wiki/readers-advisory/edit",
                                    form_for(article, body="My careful new paragraph."))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Nothing you wrote is lost" in page
    assert "My careful new paragraph." in page        # in the editor, to save again
    assert 'name="base_revision" type="hidden" value="1"' in page
    assert revision_count(article.id) == 1


def test_edit_without_csrf_changes_nothing(member_client, article):
    response = member_client.post("/wiki/readers-advisory/edit", data=form_for(article,
                                                                               body="Sneaky"))
    assert response.status_code == 400
    assert revision_count(article.id) == 1


def test_conflict_page_keeps_my_text_beside_the_current(member_client, other_client, article):
    base = form_for(article)
    other_client.submit("/wiki/readers-advisory/edit",
                        dict(base, body=base["body"].replace("loved", "adored")))
    mine = base["body"].replace("loved", "hated")
    response = member_client.submit("/wiki/readers-advisory/edit", dict(base, body=mine))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "overlaps with someone else" in page and "nothing you wrote is lost" in page
    assert "Ask what they hated." in page and "Ask what they adored." in page
    assert 'name="base_revision" type="hidden" value="2"' in page
    assert revision_count(article.id) == 2


def test_forged_base_revision_keeps_the_text(member_client, article):
    page = member_client.submit("/wiki/readers-advisory/edit",
                                form_for(article, body="Keep me", base_revision="77")
                                ).get_data(as_text=True)
    assert "does not have" in page and "Keep me" in page
    assert revision_count(article.id) == 1


def test_protected_article_refuses_members(member_client, editor_client, article):
    editor_client.submit("/wiki/readers-advisory/protect", {"protect": "1"})
    assert member_client.get("/wiki/readers-advisory/edit").status_code == 403
    assert member_client.submit("/wiki/readers-advisory/edit", form_for(article)
                                ).status_code == 403
    assert editor_client.get("/wiki/readers-advisory/edit").status_code == 200


def test_editor_actions_refuse_members(member_client, article):
    assert member_client.submit("/wiki/readers-advisory/protect").status_code == 403
    assert member_client.submit("/wiki/readers-advisory/hide").status_code == 403
    assert member_client.get("/wiki/readers-advisory/rename").status_code == 403
    assert member_client.get("/wiki/readers-advisory/protect").status_code == 405


def test_hide_and_restore(client, editor_client, admin_client, article):
    editor_client.submit("/wiki/readers-advisory/hide", {"hide": "1"})
    assert client.get("/wiki/readers-advisory").status_code == 404
    assert "readers-advisory" not in client.get("/wiki/").get_data(as_text=True)
    assert "Hidden." in editor_client.get("/wiki/readers-advisory").get_data(as_text=True)
    assert editor_client.submit("/wiki/readers-advisory/hide", {"hide": "0"}).status_code == 403
    admin_client.submit("/wiki/readers-advisory/hide", {"hide": "0"})
    assert client.get("/wiki/readers-advisory").status_code == 200


def test_rename_redirects_the_old_address(editor_client, client, article):
    response = editor_client.submit("/wiki/readers-advisory/rename",
                                    {"title": "Readers' advisory conversations"})
    assert response.location.endswith("/wiki/readers-advisory-conversations")
    old = client.get("/wiki/readers-advisory/history")
    assert old.status_code == 301
    assert old.location.endswith("/wiki/readers-advisory-conversations/history")


def test_revert_is_a_post_that_restores(member_client, article, edit, other_member):
    edit(article, other_member, "Vandalised.")
    assert member_client.get("/wiki/readers-advisory/revert/1").status_code == 405
    response = member_client.submit("/wiki/readers-advisory/revert/1", {"summary": "Undo"})
    assert response.status_code == 302
    db.session.expire_all()
    latest = db.session.query(Revision).filter_by(article_id=article.id, number=3).one()
    assert latest.kind == "revert" and "Ask what they loved." in latest.body
    assert member_client.submit("/wiki/readers-advisory/revert/99").status_code == 404


def test_diff_page_is_readable_without_colour(client, article, edit, other_member):
    edit(article, other_member, article.current_revision.body.replace("loved", "adored"))
    page = client.get("/wiki/readers-advisory/diff?from=1&to=2").get_data(as_text=True)
    assert "<ins>" in page and "<del>" in page
    assert "is underlined" in page and "struck through" in page


def test_contributors_page(client, article, edit, other_member):
    edit(article, other_member, article.current_revision.body + "\n\nOtto's addition here.")
    page = client.get("/wiki/readers-advisory/contributors").get_data(as_text=True)
    assert "Mina Member" in page and "Otto Other" in page and "Lead author" in page


def test_changes_feed_is_valid_atom(client, article, edit, other_member):
    edit(article, other_member, "Changed <b>text</b>.", summary="Tidy & trim")
    response = client.get("/feeds/changes.atom")
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}summary").text == "Tidy & trim"
    for entry in entries:
        for child in ("id", "title", "updated", "author"):
            assert entry.find(f"{ATOM}{child}") is not None


def test_profile_lists_articles(client, article):
    page = client.get("/users/mina").get_data(as_text=True)
    assert "Lead author of" in page and "Readers&#39; advisory" in page


def test_article_page_follows_every_change_it_shows(client, member_client, editor_client,
                                                    article, write, edit, member, other_member):
    """Article pages are reused between views; each change must still show at once."""
    page = lambda: client.get("/wiki/readers-advisory").get_data(as_text=True)  # noqa: E731
    assert 'class="wikilink new"' in page()
    write(other_member, title="Book groups", body="How we run them.")
    assert 'class="wikilink new"' not in page()  # the red link turned blue
    editor_client.submit("/wiki/book-groups/hide", {"hide": "1"})
    assert 'class="wikilink new"' in page()  # and red again when its target is hidden
    edit(article, other_member, article.current_revision.body + "\n\nA new paragraph here.")
    assert "A new paragraph here." in page()
    member_client.submit("/settings", {"profile-display_name": "Mina Renamed",
                                       "profile-library": "", "profile-sector": "",
                                       "profile-bio": "", "profile-submit": "1"})
    assert "Mina Renamed" in page()
    editor_client.submit("/wiki/readers-advisory/protect", {"protect": "1"})
    assert "Protected" in page()
    member_page = member_client.get("/wiki/readers-advisory").get_data(as_text=True)
    assert 'href="/wiki/readers-advisory/edit"' not in member_page


def test_a_restorer_with_no_words_left_is_not_a_contributor_in_the_byline(
        client, article, edit, other_member, make_user):
    from wiki import saving

    original = article.current_revision.number
    edit(article, other_member, article.current_revision.body + "\n\nOtto's addition here.")
    restorer = make_user("rita", display_name="Rita Restorer")
    saving.revert(article, restorer, original)
    db.session.commit()
    page = client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    byline = page[page.index('class="byline'):page.index("</p>", page.index('class="byline'))]
    assert "Mina Member" in byline
    assert "Rita Restorer" not in byline and "Otto Other" not in byline  # no words left
    who = client.get(f"/wiki/{article.slug}/contributors").get_data(as_text=True)
    table = who[who.index("<table"):who.index("</table>")]
    assert "Mina Member" in table and "Rita Restorer" not in table
    assert ">0%" not in table.replace(" ", "")
    also = who[who.index("Also edited"):]
    assert "Rita Restorer</a> (1 edit)" in also and "Otto Other</a> (1 edit)" in also


def test_article_lists_and_the_home_page_name_the_lead_authors(client, write, member,
                                                               other_member):
    write(member, title="Seed swaps", body="Swap seeds in spring.")
    for page in (client.get("/wiki/"), client.get("/")):
        html = page.get_data(as_text=True)
        item = html[html.index('href="/wiki/seed-swaps"'):]
        item = item[:item.index("</li>")]
        assert 'By <a href="/users/mina">Mina Member</a> · Updated' in item


def test_a_missing_article_offers_to_write_it_search_for_it_or_ask(client, member_client):
    response = client.get("/wiki/seed-swap-shelves")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "There is no article called “Seed swap shelves”" in page
    assert "/search?q=Seed+swap+shelves" in page
    assert "/questions/ask?title=Seed+swap+shelves" in page
    assert "Sign in</a> to write it" in page
    page = member_client.get("/wiki/seed-swap-shelves").get_data(as_text=True)
    assert 'href="/wiki/new?title=Seed+swap+shelves">Write “Seed swap shelves”</a>' in page


def test_the_history_list_offers_to_restore_each_earlier_revision(
        client, member_client, article, edit, other_member):
    edit(article, other_member, "Vandalised.")
    page = member_client.get("/wiki/readers-advisory/history").get_data(as_text=True)
    link = 'href="/wiki/readers-advisory/revisions/1#restore">restore'
    assert link in page and "/revisions/2#restore" not in page  # not the current one
    assert link not in client.get("/wiki/readers-advisory/history").get_data(as_text=True)
    form = member_client.get("/wiki/readers-advisory/revisions/1").get_data(as_text=True)
    assert 'class="revert-form" id="restore"' in form
