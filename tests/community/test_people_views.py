"""Notifications, watching, badges and the profile's community section, on the web."""

import re

import pytest

from community import answers, notifications, questions, services, workgroups
from community.models import Notification, Watch
from core.extensions import db
from wiki import moderation, saving


@pytest.fixture(autouse=True)
def people(app):
    if "people.notifications" not in app.view_functions:
        from community.people import init_people

        init_people(app)


def unread(user) -> int:
    db.session.expire_all()
    return notifications.unread_count(user)


def notify(user, count=1, url="/wiki/"):
    for number in range(count):
        notifications.notify({user.id}, "answer", f"Notice number {number}", url, None)
    db.session.commit()
    return db.session.query(Notification).filter_by(user_id=user.id).order_by(
        Notification.id).all()


def test_the_header_shows_the_unread_count_to_members_only(client, member_client, member):
    page = member_client.get("/").get_data(as_text=True)
    assert 'href="/notifications"' in page and "unread" not in page
    notify(member, 3)
    page = member_client.get("/").get_data(as_text=True)
    # "Notifications" as text on a wide screen and as the bell's alt text on a phone.
    assert re.search(r'<span class="label-wide">Notifications</span><img class="icon-narrow" '
                     r'src="/static/img/bell.svg" alt="Notifications" width="20" height="20">'
                     r'<span class="visually-hidden">, 3 unread</span>'
                     r'<span class="count-badge" aria-hidden="true">3</span>', page)
    assert "/notifications" not in client.get("/").get_data(as_text=True)


def test_notifications_need_signing_in(client):
    response = client.get("/notifications")
    assert response.status_code == 302
    assert response.location.endswith("/login?next=%2Fnotifications")


def test_the_list_is_newest_first_paginated_with_unread_marked(member_client, member):
    items = notify(member, 30)
    notifications.mark_read(member, items[-1].id)
    db.session.commit()
    page = member_client.get("/notifications").get_data(as_text=True)
    assert page.index("Notice number 29") < page.index("Notice number 28")
    assert "Notice number 4" not in page  # on page 2
    assert page.count("badge-unread") == 24  # 25 shown, the newest one read
    assert 'href="/wiki/"' in page
    assert "Notice number 4" in member_client.get("/notifications?page=2").get_data(
        as_text=True)


def test_marking_one_read_opens_it(member_client, member):
    first, second = notify(member, 2, url="/questions/7/seeds#answer-3")
    response = member_client.submit("/notifications/read", {"id": first.id})
    assert response.status_code == 302
    assert response.location == "/questions/7/seeds#answer-3"
    assert unread(member) == 1
    assert db.session.get(Notification, first.id).read_at is not None


def test_marking_all_read(member_client, member):
    notify(member, 4)
    response = member_client.submit("/notifications/read")
    assert response.location.endswith("/notifications")
    assert unread(member) == 0


def test_only_local_targets_are_followed(member_client, member):
    for url in ("https://elsewhere.example/", "//elsewhere.example/x"):
        [item] = [row for row in notify(member, 1, url=url) if row.read_at is None]
        response = member_client.submit("/notifications/read", {"id": item.id})
        assert response.location.endswith("/notifications")


def test_another_members_notification_is_refused(member_client, other_member, member):
    [theirs] = notify(other_member)
    notify(member)
    for value in (theirs.id, 99999, "x"):
        response = member_client.submit("/notifications/read", {"id": value})
        assert response.status_code == 404
    assert unread(other_member) == 1 and unread(member) == 1


def test_marking_read_needs_the_csrf_token(member_client, member):
    notify(member)
    assert member_client.post("/notifications/read").status_code == 400
    assert unread(member) == 1


def test_watching_and_unwatching_a_thread(ask, member_client, member, other_member, editor):
    question = ask(other_member)
    url = f"/questions/{question.id}/watch"
    response = member_client.submit(url, {"watch": "1"})
    assert response.location == services.question_url(question)
    assert notifications.is_watching(member, "question", question.id)
    member_client.submit(url, {"watch": "0"})
    db.session.expire_all()
    assert not notifications.is_watching(member, "question", question.id)
    assert member_client.submit("/questions/999/watch", {"watch": "1"}).status_code == 404
    questions.set_question_hidden(editor, question, True)
    db.session.commit()
    assert member_client.submit(url, {"watch": "1"}).status_code == 404
    assert db.session.query(Watch).filter_by(user_id=member.id).count() == 0


def test_watching_an_article(member_client, member, other_member, editor):
    article = saving.create_article(other_member, title="Seed libraries",
                                    body="Envelopes and a card index.").article
    db.session.commit()
    response = member_client.submit(f"/wiki/{article.slug}/watch", {"watch": "1"})
    assert response.location.endswith(f"/wiki/{article.slug}")
    assert notifications.is_watching(member, "article", article.id)
    assert member_client.submit("/wiki/no-such-page/watch", {"watch": "1"}).status_code == 404
    moderation.set_hidden(article, editor, True)
    db.session.commit()
    assert member_client.submit(f"/wiki/{article.slug}/watch",
                                {"watch": "0"}).status_code == 404


def test_watching_needs_a_member(client, ask, member):
    question = ask(member)
    response = client.submit(f"/questions/{question.id}/watch", {"watch": "1"})
    assert response.status_code == 302 and "/login" in response.location


def test_the_badges_page_explains_badges_and_reputation(client, member_client, ask, member):
    page = client.get("/badges").get_data(as_text=True)
    for text in ("<h1>Badges and reputation</h1>", "Curious", "Well received",
                 "How reputation is counted", "+15"):
        assert text in page
    assert "You have this badge" not in page
    ask(member)
    assert "You have this badge" in member_client.get("/badges").get_data(as_text=True)


def test_the_profile_shows_reputation_badges_answers_and_workgroups(
        client, ask, reply, member, other_member, editor, workgroup):
    question = ask(other_member, title="How do you run a seed swap?")
    answer = reply(member, question)
    answers.accept(other_member, answer)
    workgroups.join(member, workgroup)
    mine = ask(member, title="Which seeds store the longest?")
    hidden = ask(member, title="A question an editor has hidden")
    questions.set_question_hidden(editor, hidden, True)
    db.session.commit()
    page = client.get("/users/mina").get_data(as_text=True)
    assert "In the community" in page
    assert "<dt>Reputation</dt><dd>15</dd>" in page
    assert "Problem solver" in page and "Colleague" in page
    assert f'href="{services.question_url(question)}#answer-{answer.id}"' in page
    assert "Accepted</span>" in page
    assert mine.title in page and workgroup.name in page
    assert hidden.title not in page


def test_an_article_has_a_watch_button_for_members_whatever_the_cached_page_holds(
        app, write, member, member_client, other_client, editor_client, client, other_member):
    article = write(member, title="Seed libraries", body="Start with a drawer.")
    url = f"/wiki/{article.slug}"
    assert "Watch this article" not in client.get(url).get_data(as_text=True)
    assert "Watch this article" in other_client.get(url).get_data(as_text=True)
    response = other_client.submit(f"{url}/watch", {"watch": "1"})
    assert response.status_code == 302
    assert notifications.is_watching(other_member, "article", article.id)
    watched = other_client.get(url).get_data(as_text=True)
    assert "Stop watching" in watched and "of its changes and comments" in watched
    # The fragment cached for members is shared; the watch state is each member's own
    # (mina wrote the article, so she watches it; an editor's page is never cached).
    assert "Stop watching" in member_client.get(url).get_data(as_text=True)
    assert "Watch this article" in editor_client.get(url).get_data(as_text=True)
    other_client.submit(f"{url}/watch", {"watch": "0"})
    assert "Watch this article" in other_client.get(url).get_data(as_text=True)
