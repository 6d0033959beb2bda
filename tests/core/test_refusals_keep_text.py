"""A refused form never loses the member's text: the page that refuses it (not allowed,
signed out, an expired form, too many tries) shows what they wrote, to copy."""

import re

from core.extensions import db
from wiki import moderation, saving

TEXT = "Our seed library started with a card catalogue drawer.\nDonations came in spring."


def kept(page: str) -> list[str]:
    return re.findall(r'<textarea id="kept-\d+" readonly rows="\d+">(.*?)</textarea>', page,
                      re.S)


def edit_form(article) -> dict:
    return {"title": article.title, "body": TEXT, "summary": "Spring update",
            "tags": "", "base_revision": str(article.current_revision.number)}


def test_an_edit_refused_after_an_editor_protected_the_article_shows_the_text(
        app, member_client, member, editor):
    article = saving.create_article(member, title="Seed libraries", body="Start small.").article
    db.session.commit()
    moderation.set_protected(article, editor, True)
    db.session.commit()
    response = member_client.submit(f"/wiki/{article.slug}/edit", edit_form(article))
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and "Your text was not saved" in page
    assert TEXT.replace("\n", "\n") in [value.replace("&#39;", "'") for value in kept(page)]
    assert "Spring update" in kept(page) and not any("csrf" in value for value in kept(page))


def test_an_edit_sent_after_the_session_ended_shows_the_text_not_a_redirect(
        app, client, member):
    article = saving.create_article(member, title="Seed libraries", body="Start small.").article
    db.session.commit()
    response = client.submit(f"/wiki/{article.slug}/edit", edit_form(article))
    page = response.get_data(as_text=True)
    assert response.status_code == 401 and "not signed in" in page
    assert TEXT in kept(page) and "Sign in (in a new tab)" in page


def test_a_form_sent_with_an_expired_token_shows_the_text(app, member_client, member):
    article = saving.create_article(member, title="Seed libraries", body="Start small.").article
    db.session.commit()
    response = member_client.post(f"/wiki/{article.slug}/edit",
                                  data={**edit_form(article), "csrf_token": "expired"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "had expired" in page and TEXT in kept(page)


def test_a_signed_out_visit_to_a_members_page_still_goes_to_sign_in(app, client):
    response = client.get("/settings")
    assert response.status_code == 302 and "/login?next=%2Fsettings" in response.location
