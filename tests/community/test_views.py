"""Community pages over HTTP: every page, every role, and the unhappy paths."""

import pytest

from community import services, votes
from community.models import Answer, Comment, Question
from core.extensions import db


@pytest.fixture
def thread(ask, reply, member, other_member):
    question = ask(member, title="How should we weed a reference collection?",
                   body="Ours is **huge**.", tags="collections")
    answer = reply(other_member, question, "Use a CREW-style checklist and usage data.")
    return question, answer


def url(question):
    return services.question_url(question)


def test_pages_answer_for_everyone(client, member_client, thread, workgroup):
    question, _answer = thread
    for path in ("/questions/", "/questions/?tab=active", "/questions/?tab=unanswered",
                 "/questions/?tab=solved&tag=collections", "/solutions/",
                 "/solutions/?sector=public&tag=x&workgroup=makerspaces", "/workgroups/",
                 "/workgroups/makerspaces", url(question),
                 f"/questions/{question.id}/history", f"/answers/{thread[1].id}/history"):
        assert client.get(path).status_code == 200, path
        assert member_client.get(path).status_code == 200, path
    assert client.get(f"/questions/{question.id}").status_code == 301
    assert client.get("/questions/999").status_code == 404
    assert client.get("/workgroups/nope").status_code == 404


def test_thread_page_shows_question_answers_and_forms(member_client, thread):
    question, answer = thread
    page = member_client.get(url(question)).get_data(as_text=True)
    assert "<strong>huge</strong>" in page and "CREW-style checklist" in page
    assert "Accept this answer" in page and "Post your answer" in page


def test_ask_without_javascript_shows_similar_questions_first(member_client, thread):
    form = {"title": "How do we weed reference books?", "body": "Details here.",
            "tags": "", "workgroup": ""}
    page = member_client.submit("/questions/ask", form).get_data(as_text=True)
    assert "These may already answer your question" in page
    assert "How should we weed a reference collection?" in page
    assert "Details here." in page and 'name="confirmed"' in page
    assert db.session.query(Question).count() == 1
    response = member_client.submit("/questions/ask", dict(form, confirmed="1"))
    assert response.status_code == 302
    assert db.session.query(Question).count() == 2


def test_similar_endpoint(client, thread):
    data = client.get("/questions/similar?title=weeding reference collections").get_json()
    assert data["similar"][0]["title"] == "How should we weed a reference collection?"
    assert client.get("/questions/similar?title=ab").get_json() == {"similar": []}


def test_asking_needs_sign_in(client):
    response = client.get("/questions/ask")
    assert response.status_code == 302 and "/login" in response.location


def test_bad_question_keeps_the_text(member_client, no_rate_limit):
    page = member_client.submit("/questions/ask", {"title": "Short", "body": "My details",
                                                   "confirmed": "1"}).get_data(as_text=True)
    assert "at least 10 characters" in page and "My details" in page


def test_answer_and_too_long_answer(member_client, other_client, thread):
    question, _answer = thread
    response = member_client.submit(f"/questions/{question.id}/answers",
                                    {"body": "Another idea."})
    assert response.status_code == 302
    long = "y" * 30_001
    response = member_client.submit(f"/questions/{question.id}/answers", {"body": long})
    assert response.status_code == 422
    assert long in response.get_data(as_text=True)  # the text is still in the form


def test_posting_too_fast_keeps_the_text(app, member_client, thread):
    app.config["RATELIMIT_ENABLED"] = True
    question, _answer = thread
    statuses = [member_client.submit(f"/questions/{question.id}/answers",
                                     {"body": f"Answer {n}"}).status_code for n in range(6)]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429
    response = member_client.submit(f"/questions/{question.id}/answers",
                                    {"body": "Keep me please"})
    page = response.get_data(as_text=True)
    assert "posting faster than we allow" in page and "Keep me please" in page


def test_votes_with_and_without_javascript(member_client, other_client, thread):
    question, answer = thread
    response = member_client.submit(f"/answers/{answer.id}/vote", {"value": "1"},
                                    headers={"Accept": "application/json"})
    assert response.get_json() == {"score": 1, "value": 1}
    response = member_client.submit(f"/answers/{answer.id}/vote", {"value": "-1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Answer, answer.id).score == -1
    own = other_client.submit(f"/answers/{answer.id}/vote", {"value": "1"},
                              headers={"Accept": "application/json"})
    assert own.status_code == 403 and "own post" in own.get_json()["error"]
    assert member_client.post(f"/answers/{answer.id}/vote", data={"value": "1"}).status_code \
        == 400  # no CSRF token
    assert member_client.get(f"/answers/{answer.id}/vote").status_code == 405


def test_accepting_someone_elses_question_is_refused(other_client, member_client, thread):
    question, answer = thread
    assert other_client.submit(f"/answers/{answer.id}/accept").status_code == 403
    assert member_client.submit(f"/answers/{answer.id}/accept").status_code == 302
    page = member_client.get("/solutions/").get_data(as_text=True)
    assert "How should we weed a reference collection?" in page


def test_answering_a_locked_thread(editor_client, other_client, thread):
    question, _answer = thread
    editor_client.submit(f"/questions/{question.id}/lock", {"locked": "1"})
    response = other_client.submit(f"/questions/{question.id}/answers", {"body": "Too late"},
                                   follow_redirects=True)
    assert "locked" in response.get_data(as_text=True)
    assert db.session.query(Answer).count() == 1


def test_moderation_is_for_editors(member_client, editor_client, client, thread):
    question, answer = thread
    for path, data in ((f"/questions/{question.id}/close", {"reason": "x"}),
                       (f"/questions/{question.id}/lock", {}),
                       (f"/questions/{question.id}/hide", {}),
                       (f"/answers/{answer.id}/hide", {})):
        assert member_client.submit(path, data).status_code == 403, path
    editor_client.submit(f"/questions/{question.id}/close", {"reason": "Answered elsewhere"})
    assert "Answered elsewhere" in client.get(url(question)).get_data(as_text=True)
    editor_client.submit(f"/questions/{question.id}/hide", {"hidden": "1"})
    assert client.get(url(question)).status_code == 404


def test_comments_on_posts_and_articles(member_client, other_client, thread, write, member):
    question, answer = thread
    response = other_client.submit("/comments", {"target_type": "answer",
                                                 "target_id": str(answer.id),
                                                 "body": "Which checklist exactly?"})
    assert response.status_code == 302
    assert "Which checklist exactly?" in member_client.get(url(question)).get_data(
        as_text=True)
    article = write(member, title="Weeding", body="How we weed.")
    other_client.submit("/comments", {"target_type": "article", "target_id": str(article.id),
                                      "body": "We do this too."})
    page = member_client.get("/wiki/weeding").get_data(as_text=True)
    assert "Discussion" in page and "We do this too." in page
    bad = other_client.submit("/comments", {"target_type": "answer",
                                            "target_id": str(answer.id), "body": "z" * 700})
    assert bad.status_code == 422 and "z" * 700 in bad.get_data(as_text=True)
    assert other_client.submit("/comments", {"target_type": "x", "target_id": "1",
                                             "body": "hi"}).status_code == 404
    assert db.session.query(Comment).count() == 2


def test_workgroups_join_leave_and_admin_only_creation(member_client, admin_client,
                                                        workgroup):
    assert member_client.get("/workgroups/new").status_code == 403
    response = admin_client.submit("/workgroups/new", {"name": "Digital collections",
                                                       "description": "Scanning"})
    assert response.location.endswith("/workgroups/digital-collections")
    member_client.submit("/workgroups/makerspaces/join")
    assert "You are a member" in member_client.get("/workgroups/").get_data(as_text=True)
    member_client.submit("/workgroups/makerspaces/leave")
    assert "You are a member" not in member_client.get("/workgroups/").get_data(as_text=True)
    assert member_client.get("/workgroups/makerspaces/edit").status_code == 403


def test_promotion_through_the_pages(member_client, thread):
    question, answer = thread
    member_client.submit(f"/answers/{answer.id}/accept")
    page = member_client.submit(f"/questions/{question.id}/promote").get_data(as_text=True)
    assert "Draft a practice article" in page and "CREW-style checklist" in page
    response = member_client.submit(f"/questions/{question.id}/promote", {
        "save": "1", "title": "Weeding a reference collection",
        "body": "## Context\n\nOurs is huge.\n\n## Practice\n\nUse a CREW-style checklist "
                "and usage data.", "tags": "collections"})
    assert response.status_code == 302
    article_page = member_client.get(response.location).get_data(as_text=True)
    assert "Otto Other" in article_page


def test_counts_in_the_question_list_agree_with_their_number(client, ask, member, other_member):
    question = ask(member)
    votes.vote(other_member, "question", question.id, 1)
    db.session.commit()
    page = client.get("/questions/").get_data(as_text=True)
    assert "<strong>1</strong> vote</span>" in page and "1 vote, 0 answers." in page
