"""Questions, answers, votes, acceptance and promotion: the rules, in the services."""

import pytest
from sqlalchemy import update

from community import answers, comments, promotion, questions, votes
from community.models import PostRevision, Question
from core.errors import NotFound, PermissionDenied, RateLimited, ValidationFailed
from core.extensions import db
from search import query
from wiki import reading, saving
from wiki.models import Article


def test_asking_validates_title_body_tags_and_workgroup(app, member, no_rate_limit):
    for title in ("", "Too short", "x" * 201):
        with pytest.raises(ValidationFailed) as error:
            questions.ask(member, title=title, body="Details")
        assert error.value.field == "title"
    with pytest.raises(ValidationFailed) as error:
        questions.ask(member, title="A proper question here?", body="  ")
    assert error.value.field == "body"
    with pytest.raises(ValidationFailed, match="limit is 30,000"):
        questions.ask(member, title="A proper question here?", body="x" * 30_001)
    with pytest.raises(ValidationFailed) as error:
        questions.ask(member, title="A proper question here?", body="ok", workgroup_id="999")
    assert error.value.field == "workgroup"
    with pytest.raises(PermissionDenied):
        questions.ask(None, title="A proper question here?", body="ok")


def test_a_question_keeps_revisions(ask, member):
    question = ask(member, tags="seeds, gardening")
    questions.edit_question(member, question, title=question.title, body="Edited details.",
                            tags="seeds", summary="Clarified")
    db.session.commit()
    numbers = [row.number for row in db.session.query(PostRevision).filter_by(
        post_type="question", post_id=question.id)]
    assert sorted(numbers) == [1, 2]
    assert [tag.name for tag in question.tags] == ["seeds"]


def test_a_too_long_edit_summary_changes_nothing(ask, reply, member, other_member):
    question = ask(member, tags="seeds")
    answer = reply(other_member, question)
    db.session.commit()
    before = (question.title, question.body, question.html, answer.body, answer.html)
    with pytest.raises(ValidationFailed) as error:
        questions.edit_question(member, question, title="A different title, now?",
                                body="New details.", tags="other", summary="x" * 1000)
    assert error.value.field == "summary"
    with pytest.raises(ValidationFailed) as error:
        answers.edit_answer(other_member, answer, "A new answer.", summary="x" * 1000)
    assert error.value.field == "summary"
    # Refused before anything was touched, not merely rolled back afterwards.
    assert (question.title, question.body, question.html, answer.body, answer.html) == before
    assert [tag.name for tag in question.tags] == ["seeds"]
    assert not db.session.dirty


def test_only_the_asker_or_an_editor_edits(ask, member, other_member, editor):
    question = ask(member)
    with pytest.raises(PermissionDenied):
        questions.edit_question(other_member, question, title=question.title, body="Mine now")
    questions.edit_question(editor, question, title=question.title, body="Tidied by an editor")


def test_voting_rules(ask, reply, member, other_member, make_user):
    question = ask(member)
    answer = reply(other_member, question)
    with pytest.raises(PermissionDenied, match="own post"):
        votes.vote(other_member, "answer", answer.id, 1)
    third = make_user("thea")
    assert votes.vote(member, "answer", answer.id, 1) == 1
    assert votes.vote(member, "answer", answer.id, 1) == 1  # voting twice counts once
    assert votes.vote(third, "answer", answer.id, -1) == 0
    assert votes.vote(member, "answer", answer.id, -1) == -2  # changeable
    assert votes.vote(member, "answer", answer.id, 0) == -1  # withdrawn
    for value in ("2", "x", None, 5):
        with pytest.raises(ValidationFailed):
            votes.vote(member, "answer", answer.id, value)
    with pytest.raises(NotFound):
        votes.vote(member, "answer", 999, 1)


def test_acceptance_makes_a_solution_and_can_change(ask, reply, member, other_member,
                                                    make_user, editor):
    question = ask(member)
    first, second = reply(other_member, question), reply(make_user("thea"), question, "Other")
    with pytest.raises(PermissionDenied):
        answers.accept(other_member, first)
    answers.accept(member, first)
    db.session.commit()
    assert question.solved and question.solved_at is not None
    answers.accept(editor, second)  # an editor may change it
    assert question.accepted_answer_id == second.id
    answers.withdraw_acceptance(member, question)
    assert not question.solved


def test_answers_are_ordered_accepted_then_votes_then_oldest(ask, reply, member,
                                                             other_member, make_user):
    question = ask(member)
    oldest = reply(other_member, question, "Oldest")
    voted = reply(make_user("thea"), question, "Most votes")
    accepted = reply(make_user("theo"), question, "Accepted")
    votes.vote(member, "answer", voted.id, 1)
    answers.accept(member, accepted)
    db.session.commit()
    assert [a.id for a in answers.ordered_answers(question)] == [accepted.id, voted.id,
                                                                  oldest.id]


def test_locked_and_closed_threads(ask, member, other_member, editor, no_rate_limit):
    question = ask(member)
    with pytest.raises(PermissionDenied):
        questions.close(member, question, "spam")
    with pytest.raises(ValidationFailed):
        questions.close(editor, question, "  ")
    questions.close(editor, question, "Duplicate of another question")
    with pytest.raises(ValidationFailed, match="closed"):
        answers.answer(other_member, question, "Late answer")
    questions.reopen(editor, question)
    questions.set_locked(editor, question, True)
    with pytest.raises(PermissionDenied, match="locked"):
        answers.answer(other_member, question, "Locked out")
    with pytest.raises(PermissionDenied, match="locked"):
        comments.add_comment(other_member, "question", question.id, "Hello")


def test_posting_too_fast_is_refused(app, member):
    app.config["RATELIMIT_ENABLED"] = True
    for number in range(5):  # a brand-new account may post five times in ten minutes
        questions.ask(member, title=f"Question number {number} here?", body="Details")
    with pytest.raises(RateLimited, match="new accounts"):
        questions.ask(member, title="One question too many?", body="Details")


def test_comments_have_a_length_limit(ask, member, other_member):
    question = ask(member)
    with pytest.raises(ValidationFailed, match="limit is 600"):
        comments.add_comment(other_member, "question", question.id, "x" * 601)
    with pytest.raises(NotFound):
        comments.add_comment(other_member, "planet", 1, "hello")


def _answered_elsewhere_meanwhile(question: Question) -> None:
    """Another worker's answer commits between this one's read and its write."""
    with db.engine.begin() as connection:
        connection.execute(update(Question).where(Question.id == question.id)
                           .values(answer_count=Question.answer_count + 1,
                                   version=Question.version + 1))


def test_answers_at_the_same_time_are_all_counted(ask, reply, member, other_member, editor):
    question = ask(member)
    question_id = question.id
    db.session.expire_all()
    question = db.session.get(Question, question_id)
    count, version = question.answer_count, question.version  # read before the other write
    _answered_elsewhere_meanwhile(question)
    reply(other_member, question)
    db.session.expire_all()
    question = db.session.get(Question, question_id)
    assert question.answer_count == count + 2
    assert question.version >= version + 2

    # Hiding and showing again count in SQL too.
    answer = question.answers[0]
    _answered_elsewhere_meanwhile(question)
    answers.set_answer_hidden(editor, answer, True)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Question, question_id).answer_count == count + 2


def test_hiding_an_accepted_answer_unsolves_the_question(ask, reply, member, other_member,
                                                         editor):
    question = ask(member)
    answer = reply(other_member, question)
    answers.accept(member, answer)
    answers.set_answer_hidden(editor, answer, True)
    db.session.commit()
    assert not question.solved and question.answer_count == 0
    with pytest.raises(PermissionDenied):
        answers.set_answer_hidden(member, answer, False)


def test_questions_enter_search_and_leave_it_when_hidden(ask, reply, member, other_member,
                                                         editor):
    question = ask(member, title="How do we lend sewing machines?", body="Insurance worries.")
    answer = reply(other_member, question, "We use a waiver and a short induction.")
    answers.accept(member, answer)
    db.session.commit()
    found = query.search("sewing machines")
    assert [hit.title for hit in found.hits] == ["How do we lend sewing machines?"]
    assert found.hits[0].type == "solution"
    assert query.search("waiver").total == 1  # the answer's words find the thread
    assert query.search("sewing", type_="solution").total == 1
    questions.set_question_hidden(editor, question, True)
    db.session.commit()
    assert query.search("sewing machines").total == 0
    from search import indexer

    assert indexer.check().clean


def test_promotion_credits_the_answerers(ask, reply, member, other_member, make_user):
    question = ask(member, title="How do you start a seed library?",
                   body="Our branch wants to lend seeds next spring.")
    long_answer = ("Begin with a seed swap event, partner with a local gardening club, "
                   "store seeds in labelled envelopes in an old card catalogue, and ask "
                   "borrowers to return saved seeds at the end of the season.")
    answer = reply(other_member, question, long_answer)
    with pytest.raises(PermissionDenied):
        promotion.promotion_draft(member, question)  # not solved yet
    answers.accept(member, answer)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        promotion.promotion_draft(make_user("thea"), question)
    draft = promotion.promotion_draft(member, question)
    assert long_answer in draft.body and "Our branch wants" in draft.body
    article = promotion.promote(member, question, title=draft.title,
                                body=draft.body.replace("Begin with", "Begin, as we did, with"))
    db.session.commit()
    byline = reading.byline(db.session.get(Article, article.id))
    assert other_member in byline["leads"]  # the answerer wrote most of it
    assert question.promoted_article_id == article.id
    with pytest.raises(PermissionDenied):
        promotion.promotion_draft(member, question)  # once only


def test_hidden_questions_are_not_found(ask, member, editor):
    question = ask(member)
    questions.set_question_hidden(editor, question, True)
    db.session.commit()
    with pytest.raises(NotFound):
        questions.get_question(question.id, member)
    assert questions.get_question(question.id, editor) == question
    assert db.session.query(Question).count() == 1


def test_article_writers_watch_and_watchers_hear_of_changes(app, member, other_member):
    from community.models import Notification

    article = saving.create_article(member, title="Book bikes", body="We ride to parks.").article
    db.session.commit()
    saving.save_edit(article, other_member, title=article.title, body="We ride to parks daily.",
                     base_revision=1)
    db.session.commit()
    notes = db.session.query(Notification).filter_by(user_id=member.id).all()
    assert [note.kind for note in notes] == ["watched_change"]
    assert "Otto Other changed “Book bikes”" in notes[0].text
    assert db.session.query(Notification).filter_by(user_id=other_member.id).count() == 0


def test_nobody_hears_twice_of_one_comment(ask, member, other_member):
    from community.models import Notification

    question = ask(member)
    comments.add_comment(other_member, "question", question.id, "What do you think, @mina?")
    db.session.commit()
    notes = db.session.query(Notification).filter_by(user_id=member.id).all()
    assert [note.kind for note in notes] == ["comment"]
