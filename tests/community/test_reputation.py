"""Reputation and badges: a fixed rule, computed from the data in a fixed number of queries."""

import pytest
from sqlalchemy import event

from community import answers, reputation, votes, workgroups
from core.extensions import db
from wiki import moderation, saving


@pytest.fixture
def voters(make_user):
    return [make_user(f"voter{number}") for number in range(5)]


def words(count: int) -> str:
    return " ".join(f"word{number}" for number in range(count))


def count_queries(function, *args):
    for arg in args:
        db.session.refresh(arg)  # loading the member is not the statistics' cost
    statements = []

    def record(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        result = function(*args)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return result, len(statements)


def test_reputation_counts_votes_acceptance_and_led_article_text(
        ask, reply, member, other_member, editor, admin, voters, workgroup):
    # An accepted answer to someone else's question, with three up-votes: 15 + 3 x 10.
    theirs = ask(other_member)
    answer = reply(member, theirs)
    answers.accept(other_member, answer)
    for voter in (other_member, editor, admin):
        votes.vote(voter, "answer", answer.id, 1)
    # Own question: one up-vote, one down-vote: +5 - 2.
    mine = ask(member, title="How do you label a seed library?")
    votes.vote(editor, "question", mine.id, 1)
    votes.vote(admin, "question", mine.id, -1)
    # Accepting an answer to one's own question earns nothing.
    own = reply(member, mine, "We used envelopes.")
    answers.accept(member, own)
    # Votes on a hidden answer earn nothing.
    hidden = reply(member, theirs, "Spam, hidden by an editor.")
    votes.vote(voters[0], "answer", hidden.id, 1)
    answers.set_answer_hidden(editor, hidden, True)
    # Leading an article of 125 words: 12 points; a hidden one earns nothing.
    saving.create_article(member, title="Seed libraries", body=words(125))
    gone = saving.create_article(member, title="Hidden article", body=words(300)).article
    moderation.set_hidden(gone, editor, True)
    workgroups.join(member, workgroup)
    db.session.commit()

    stats = reputation.member_stats(member)
    assert stats.upvotes_on_answers == 3 and stats.upvotes_on_questions == 1
    assert stats.downvotes == 1 and stats.accepted == 2 and stats.accepted_for_others == 1
    assert stats.articles_led == 1 and stats.article_points == 12
    assert reputation.reputation(member) == 15 + 30 + 5 - 2 + 12
    assert {badge.key for badge in reputation.badges(member)} == {
        "first-question", "first-answer", "first-accepted", "lead-author", "workgroup"}
    assert reputation.reputation(other_member) == 0
    assert {badge.key for badge in reputation.badges(other_member)} == {"first-question"}


def test_reputation_never_goes_below_zero_and_article_points_are_capped(
        ask, member, other_member, editor):
    question = ask(member)
    votes.vote(other_member, "question", question.id, -1)
    votes.vote(editor, "question", question.id, -1)
    db.session.commit()
    assert reputation.reputation(member) == 0
    saving.create_article(member, title="A long article", body=words(900))
    db.session.commit()
    assert reputation.reputation(member) == reputation.ARTICLE_CAP - 4 > 0


def test_well_received_regular_and_collaborator_badges(ask, reply, member, other_member,
                                                        voters):
    question = ask(other_member)
    answers = [reply(member, question, f"Idea number {number}.") for number in range(10)]
    for voter in voters:
        votes.vote(voter, "answer", answers[0].id, 1)
    for number in range(5):
        article = saving.create_article(other_member, title=f"Article {number}",
                                        body=words(40)).article
        saving.save_edit(article, member, title=article.title, body=words(40) + " more",
                         base_revision=1)
    db.session.commit()
    earned = {badge.key for badge in reputation.badges(member)}
    assert {"ten-answers", "well-received", "five-articles"} <= earned
    assert "lead-author" not in earned


def test_stats_take_the_same_few_queries_however_much_a_member_did(ask, reply, member,
                                                                   other_member, voters):
    _stats, before = count_queries(reputation.member_stats, member)
    for number in range(6):
        question = ask(other_member, title=f"Question number {number} about seeds?")
        answer = reply(member, question)
        votes.vote(voters[number % 5], "answer", answer.id, 1)
    db.session.commit()
    stats, after = count_queries(reputation.member_stats, member)
    assert stats.answers == 6 and stats.upvotes_on_answers == 6
    assert before == after == 5


def test_every_badge_has_a_rule_and_a_unique_key():
    keys = [badge.key for badge in reputation.BADGES]
    assert len(keys) == len(set(keys)) >= 8
    assert all(badge.rule.endswith(".") for badge in reputation.BADGES)
