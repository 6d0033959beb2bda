"""Who hears about what: notifications fan out through the community services."""

import pytest

from community import answers, comments, notifications, questions, services, workgroups
from community.models import Notification
from core.extensions import db


@pytest.fixture(autouse=True)
def people(app):
    """Until community/__init__ wires it, register the people blueprint ourselves."""
    if "people.notifications" not in app.view_functions:
        from community.people import init_people

        init_people(app)


def inbox(user, kind=None) -> list[Notification]:
    query = db.session.query(Notification).filter_by(user_id=user.id)
    if kind:
        query = query.filter_by(kind=kind)
    return query.order_by(Notification.id).all()


def test_an_answer_notifies_the_asker_with_a_link_to_it(ask, reply, member, other_member):
    question = ask(member)
    answer = reply(other_member, question)
    [item] = inbox(member, "answer")
    assert item.actor_id == other_member.id
    assert item.url == f"{services.question_url(question)}#answer-{answer.id}"
    assert question.title in item.text
    assert inbox(other_member) == []  # never the actor


def test_a_comment_notifies_the_author_of_the_post(ask, reply, member, other_member,
                                                   make_user):
    question = ask(member)
    answer = reply(other_member, question)
    third = make_user("thea")
    comments.add_comment(third, "answer", answer.id, "Which seed varieties did you use?")
    db.session.commit()
    [item] = inbox(other_member, "comment")
    assert item.actor_id == third.id and "#comment-" in item.url


def test_accepting_notifies_the_answerer(ask, reply, member, other_member):
    question = ask(member)
    answer = reply(other_member, question)
    answers.accept(member, answer)
    db.session.commit()
    [item] = inbox(other_member, "accepted")
    assert item.url.endswith(f"#answer-{answer.id}")


def test_a_mention_notifies_the_member_named(ask, member, other_member, make_user):
    third = make_user("thea.r")
    ask(member, body="Has anyone tried this? @thea.r and @OTTO might know; @nobody won't.")
    assert len(inbox(third, "mention")) == 1
    assert len(inbox(other_member, "mention")) == 1  # usernames match whatever their case


def test_a_workgroup_question_notifies_members_but_never_the_asker(
        ask, workgroup, member, other_member, editor):
    for user in (member, other_member):
        workgroups.join(user, workgroup)
    db.session.commit()
    ask(member, workgroup_id=workgroup.id)
    assert len(inbox(other_member, "workgroup_question")) == 1
    assert inbox(member, "workgroup_question") == []
    assert inbox(editor) == []  # not a member


def test_watchers_hear_of_answers_comments_and_edits(ask, reply, member, other_member,
                                                    make_user):
    question = ask(member)
    watcher = make_user("wanda")
    notifications.watch(watcher, "question", question.id)
    reply(other_member, question)
    comments.add_comment(other_member, "question", question.id, "A follow-up thought.")
    questions.edit_question(member, question, title=question.title, body="More detail.")
    db.session.commit()
    [news] = inbox(watcher, "watched_change")  # three changes, one unread notification
    assert news.repeats == 3 and news.text == f"Mina Member edited “{question.title}”"
    notifications.unwatch(watcher, "question", question.id)
    reply(make_user("xavier"), question)
    assert [item.repeats for item in inbox(watcher, "watched_change")] == [3]
    # The asker watches their own question but hears of each answer once, as the asker.
    kinds = [item.kind for item in inbox(member)]
    assert kinds.count("answer") == 2 and "watched_change" not in kinds


def test_unread_count_and_marking_read(ask, reply, member, other_member):
    question = ask(member)
    reply(other_member, question)
    reply(other_member, question, "Another idea: a swap box by the door.")
    assert notifications.unread_count(member) == 2
    first = inbox(member)[0]
    assert notifications.mark_read(member, first.id) == 1
    assert notifications.mark_read(other_member, inbox(member)[1].id) == 0  # not theirs
    assert notifications.unread_count(member) == 1
    assert notifications.mark_read(member) == 1
    assert notifications.unread_count(member) == 0
    assert notifications.unread_count(None) == 0


def test_repeated_changes_to_one_article_are_one_unread_notification(
        app, write, edit, member, other_member, make_user, client):
    article = write(member, title="Seed library how-to", body="Start with a drawer.")
    watcher = make_user("wanda")
    notifications.watch(watcher, "article", article.id)
    db.session.commit()
    for number in range(3):
        edit(article, other_member, f"Start with a drawer. Change {number}.")
    [news] = inbox(watcher, "watched_change")
    assert news.repeats == 3 and news.actor_id == other_member.id
    assert news.url == f"/wiki/{article.slug}/diff?to=2"  # catching up starts at the first
    other = write(member, title="Another article", body="Text.")
    notifications.watch(watcher, "article", other.id)
    edit(other, other_member, "Changed.")
    assert [item.repeats for item in inbox(watcher, "watched_change")] == [3, 1]
    client.sign_in_as(watcher)
    page = client.get("/notifications").get_data(as_text=True)
    assert "3 changes since you last looked (the link opens the first)</span> ·" in page
    assert notifications.unread_count(watcher) == 2
    notifications.mark_read(watcher, news.id)
    edit(article, other_member, "Start with a drawer. Change 4.")  # read: a new one begins
    assert [item.repeats for item in inbox(watcher, "watched_change")] == [3, 1, 1]
    assert notifications.unread_count(watcher) == 2
