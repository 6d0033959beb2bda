"""Ordinary input that used to end in a 500: huge numbers anywhere a number goes, query
parameters named like the address's own, and two identical requests at once."""

import re

import pytest
from sqlalchemy import func, select

from community.models import Vote, Watch, WorkgroupMember
from core.extensions import db
from core.numbers import DB_INT_MAX, parse_int
from tests.conftest import PASSWORD
from tests.races import same_post_at_once
from tests.security.test_authorisation_matrix import concrete

HUGE = "9" * 25


def test_parse_int_bounds_what_it_reads():
    assert parse_int("42") == 42
    assert parse_int(" -3 ") == -3
    assert parse_int(HUGE) is None
    assert parse_int(str(DB_INT_MAX + 1), 7) == 7
    assert parse_int("1.5") is None and parse_int("") is None and parse_int(None, 1) == 1
    assert parse_int("٣") is None  # a digit, but not one an address should carry
    assert parse_int("0", low=1) is None


def _int_positions(app):
    """Every route with a number in its path, once for each number position."""
    for rule in app.url_map.iter_rules():
        for name in re.findall(r"<int:([^>]+)>", rule.rule):
            yield rule, name


def test_a_huge_number_in_any_path_position_is_not_found(app, world):
    client = app.test_client()
    client.login("adam", PASSWORD)
    checked, wrong = 0, []
    for rule, name in _int_positions(app):
        path = concrete(rule.rule.replace(f"<int:{name}>", HUGE), world)
        response = client.get(path) if "GET" in rule.methods else client.submit(path, {})
        response.close()
        if response.status_code != 404:
            wrong.append((rule.rule, response.status_code))
        checked += 1
    assert not wrong
    assert checked > 20


NUMBER_FIELDS = ["page", "from", "to", "id", "target_id", "workgroup", "base_revision",
                 "merge_into", "position", "value", "item", "number"]


def test_a_huge_number_in_any_query_parameter_is_not_an_error(app, world):
    client = app.test_client()
    client.login("adam", PASSWORD)
    failed = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or "<path:" in rule.rule:
            continue
        path = concrete(rule.rule, world)
        for field in NUMBER_FIELDS:
            response = client.get(path, query_string={field: HUGE})
            response.close()
            if response.status_code >= 500:
                failed.append((rule.rule, field))
    assert not failed


FORMS_WITH_NUMBERS = {
    "/comments": {"target_type": "question", "target_id": HUGE, "body": "A remark here."},
    "/notifications/read": {"id": HUGE},
    "/questions/ask": {"title": "How do we weed the stacks?", "body": "Details.",
                       "workgroup": HUGE, "confirmed": "1"},
    "/wiki/<slug>/edit": {"title": "Readers' advisory", "body": "New text.",
                          "base_revision": HUGE, "save": "1"},
    "/editors/flags/<kind>/<int:object_id>": {"action": "merge", "merge_into": HUGE},
    "/editors/collections/new": {"title": "A list", "intro": ""},
    "/report": {"on": f"answer:{HUGE}", "target": f"answer:{HUGE}", "reason": "spam"},
    "/editors/featured/new": {"target": f"/questions/{HUGE}", "blurb": "Read it.",
                              "position": HUGE},
}


@pytest.mark.parametrize("rule", sorted(FORMS_WITH_NUMBERS))
def test_a_huge_number_in_a_form_is_refused_not_an_error(app, world, rule):
    client = app.test_client()
    client.login("adam", PASSWORD)
    response = client.submit(concrete(rule, world), FORMS_WITH_NUMBERS[rule])
    response.close()
    assert response.status_code < 500, (rule, response.status_code)


@pytest.mark.parametrize("parameter", ["slug", "number", "_method", "endpoint", "_external",
                                       "_anchor", "_scheme"])
def test_an_old_slug_redirect_keeps_any_query_parameter(app, world, member_client,
                                                        parameter):
    member_client.submit(f"/wiki/{world.slug}/rename", {"title": "Advisory for readers"})
    app.config["RATELIMIT_ENABLED"] = False
    editor = app.test_client()
    editor.login("edith", PASSWORD)
    assert editor.submit(f"/wiki/{world.slug}/rename",
                         {"title": "Advisory for readers"}).status_code == 302
    for page in ("", "/history", "/diff", "/revisions/1", "/backlinks", "/contributors"):
        response = member_client.get(f"/wiki/{world.slug}{page}",
                                     query_string={parameter: "x", "page": "2"})
        assert response.status_code == 301, (page, response.status_code)
        assert response.location.startswith(f"/wiki/advisory-for-readers{page}?"), page
        assert f"{parameter}=x" in response.location and "page=2" in response.location


# ---------------------------------------------------------------- the same request twice at once

def _twice_at_once(app, monkeypatch, module, name, path, data, login="otto"):
    """Send the same POST from two signed-in browsers at the same moment; both reach the
    service before either has committed (the service waits for the other once)."""
    return same_post_at_once(app, monkeypatch, path, data, module=module, name=name,
                             login=login)


def _count(model, **where):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**where))


def test_two_identical_votes_at_once_are_one_vote(app, world, monkeypatch):
    from community import votes

    results = _twice_at_once(app, monkeypatch, votes, "vote",
                             f"/questions/{world.question_id}/vote", {"value": "1"})
    assert results == [302, 302]
    assert _count(Vote, target_type="question", target_id=world.question_id) == 1


def test_two_identical_watches_at_once_are_one_watch(app, world, monkeypatch):
    from community import notifications

    results = _twice_at_once(app, monkeypatch, notifications, "watch",
                             f"/questions/{world.question_id}/watch", {"watch": "1"})
    assert results == [302, 302]
    assert _count(Watch, target_type="question", target_id=world.question_id) == 2  # + asker


def test_two_identical_article_watches_at_once_are_one_watch(app, world, monkeypatch):
    from community import notifications
    from wiki.models import Article

    article_id = db.session.scalar(select(Article.id).where(Article.slug == world.slug))
    before = _count(Watch, target_type="article", target_id=article_id)
    results = _twice_at_once(app, monkeypatch, notifications, "watch",
                             f"/wiki/{world.slug}/watch", {"watch": "1"})
    assert results == [302, 302]
    assert _count(Watch, target_type="article", target_id=article_id) == before + 1


def test_two_identical_joins_at_once_are_one_membership(app, world, monkeypatch):
    from community import workgroups
    from community.models import Workgroup

    results = _twice_at_once(app, monkeypatch, workgroups, "join",
                             f"/workgroups/{world.workgroup}/join", {})
    assert results == [302, 302]
    group = db.session.scalar(select(Workgroup).where(Workgroup.slug == world.workgroup))
    assert _count(WorkgroupMember, workgroup_id=group.id) == 2  # mina and otto
    assert group.member_count == 2


def test_two_identical_accepts_at_once_are_one_acceptance(app, world, monkeypatch):
    from community import answers
    from community.models import Notification, Question

    results = _twice_at_once(app, monkeypatch, answers, "accept",
                             f"/answers/{world.answer_id}/accept", {}, login="edith")
    assert results == [302, 302]
    assert db.session.get(Question, world.question_id).accepted_answer_id == world.answer_id
    assert _count(Notification, kind="accepted") <= 2


# ---------------------------------------------------------------- titles named like pages

SLUGGED = {"question": "/questions/<int:question_id>/<slug>", "article": "/wiki/<slug>",
           "workgroup": "/workgroups/<slug>", "collection": "/editors/collections/<slug>"}


def test_the_names_a_slug_may_not_take_come_from_the_url_map(app):
    from core.markup import RESERVED_SLUGS
    from core.slugs import sub_route_names

    assert {"vote", "edit", "history", "answers", "watch", "close", "promote"} <= \
        sub_route_names(SLUGGED["question"])
    assert sub_route_names(SLUGGED["article"]) == RESERVED_SLUGS  # markup's list is complete
    assert sub_route_names(SLUGGED["workgroup"]) == {"new"}
    assert sub_route_names(SLUGGED["collection"]) == {"new"}


def _route_names(kind: str) -> list[str]:
    from core.slugs import sub_route_names

    return sorted(sub_route_names(SLUGGED[kind]))


def test_a_question_titled_like_a_page_of_its_thread_has_its_own_address(
        app, member, other_client):
    from community import questions, services

    app.config["RATELIMIT_ENABLED"] = False
    for name in _route_names("question"):
        question = questions.ask(member, title=f"{name.title()}??????", body="Details.")
        db.session.commit()
        url = services.question_url(question)
        assert url.rsplit("/", 1)[1] not in _route_names("question"), url
        page = other_client.get(url)
        assert page.status_code == 200, (name, url, page.status_code)
        assert f"{name.title()}??????" in page.get_data(as_text=True)
        listed = other_client.get("/questions/").get_data(as_text=True)
        assert f'href="{url}"' in listed, name


def test_an_article_titled_like_a_wiki_page_has_its_own_address(app, member, client):
    from wiki import saving

    for name in _route_names("article"):
        article = saving.create_article(member, title=name.title(), body="Text.").article
        db.session.commit()
        assert article.slug not in _route_names("article")
        page = client.get(f"/wiki/{article.slug}")
        assert page.status_code == 200, name
        assert "Text." in page.get_data(as_text=True)


def test_workgroups_and_collections_named_like_a_page_have_their_own_address(
        app, admin, editor, admin_client):
    from community import workgroups
    from editors import collections as curated

    group = workgroups.create_workgroup(admin, "New", "A workgroup called New.")
    collection = curated.create_collection(editor, "New", "A list called New.")
    db.session.commit()
    assert group.slug == "new-workgroup" and collection.slug == "new-collection"
    page = admin_client.get(f"/workgroups/{group.slug}").get_data(as_text=True)
    assert "A workgroup called New." in page


def test_an_id_with_leading_zeros_is_not_another_address_of_the_same_thing(app, client, member):
    """One address per thing: /questions/0001 is no match, as thirty zeros and a 1 is not."""
    from community import questions
    from core.extensions import db

    app.config["RATELIMIT_ENABLED"] = False
    question = questions.ask(member, title="How do you weed a collection?", body="Gently.")
    db.session.commit()
    assert client.get(f"/questions/{question.id}/x").status_code in (200, 301, 302)
    for path in (f"/questions/000{question.id}/x",
                 "/questions/" + "0" * 30 + f"{question.id}/x"):
        assert client.get(path).status_code == 404, path
