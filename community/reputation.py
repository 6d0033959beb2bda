"""Reputation and badges, computed from what a member has done (nothing is stored).

Everything comes from five aggregate queries (`member_stats`), however much the member
has written: votes received, questions, answers (with acceptances), article authorship
and workgroups. Hidden posts and hidden articles earn nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import and_, case, func, or_, select

from community.models import Answer, Question, Vote, WorkgroupMember
from core.extensions import db
from wiki.models import Article, ArticleAuthor

# Points, in one place: the /badges page explains the rule from these same numbers.
UPVOTE_ANSWER = 10
UPVOTE_QUESTION = 5
DOWNVOTE = -2
ACCEPTED = 15
WORDS_PER_POINT = 10  # of current article text a member leads
ARTICLE_CAP = 50  # at most this many points per article

REPUTATION_RULES = [
    (f"+{UPVOTE_ANSWER}", "for each up-vote on one of your answers"),
    (f"+{UPVOTE_QUESTION}", "for each up-vote on one of your questions"),
    (f"−{-DOWNVOTE}", "for each down-vote on one of your posts"),
    (f"+{ACCEPTED}", "when your answer to someone else's question is accepted"),
    ("+1", f"for every {WORDS_PER_POINT} words of an article's current text, in articles "
           f"where you are a lead author (at most {ARTICLE_CAP} per article)"),
]


@dataclass(frozen=True)
class MemberStats:
    questions: int = 0
    best_question_score: int = 0
    answers: int = 0
    best_answer_score: int = 0
    accepted: int = 0  # accepted answers, including to one's own question
    accepted_for_others: int = 0
    upvotes_on_answers: int = 0
    upvotes_on_questions: int = 0
    downvotes: int = 0
    articles_led: int = 0
    articles_contributed: int = 0  # any share or edit, lead or not
    article_points: int = 0
    workgroups: int = 0


@dataclass(frozen=True)
class Badge:
    key: str
    name: str
    rule: str
    earned: Callable[[MemberStats], bool]


BADGES = [
    Badge("first-question", "Curious", "Asked a first question.",
          lambda s: s.questions >= 1),
    Badge("first-answer", "Helper", "Answered a first question.",
          lambda s: s.answers >= 1),
    Badge("first-accepted", "Problem solver",
          "Wrote the accepted answer to someone else's question.",
          lambda s: s.accepted_for_others >= 1),
    Badge("ten-answers", "Regular", "Answered ten questions.",
          lambda s: s.answers >= 10),
    Badge("well-received", "Well received", "Wrote an answer with a score of 5 or more.",
          lambda s: s.best_answer_score >= 5),
    Badge("good-question", "Good question", "Asked a question with a score of 5 or more.",
          lambda s: s.best_question_score >= 5),
    Badge("lead-author", "Author", "Is a lead author of an article.",
          lambda s: s.articles_led >= 1),
    Badge("five-articles", "Collaborator", "Contributed to five articles.",
          lambda s: s.articles_contributed >= 5),
    Badge("workgroup", "Colleague", "Joined a workgroup.",
          lambda s: s.workgroups >= 1),
]


def _vote_counts(user_id: int) -> dict[tuple[str, int], int]:
    """Votes received on visible posts, by (post type, value)."""
    rows = db.session.execute(
        select(Vote.target_type, Vote.value, func.count())
        .outerjoin(Question, and_(Vote.target_type == "question", Question.id == Vote.target_id))
        .outerjoin(Answer, and_(Vote.target_type == "answer", Answer.id == Vote.target_id))
        .where(Vote.target_author_id == user_id,
               or_(Question.hidden.is_(False), Answer.hidden.is_(False)))
        .group_by(Vote.target_type, Vote.value)).all()
    return {(target_type, value): count for target_type, value, count in rows}


def member_stats(user) -> MemberStats:
    user_id = user.id
    votes = _vote_counts(user_id)
    questions, best_question = db.session.execute(
        select(func.count(Question.id), func.coalesce(func.max(Question.score), 0))
        .where(Question.author_id == user_id, Question.hidden.is_(False))).one()
    is_accepted = Question.accepted_answer_id == Answer.id
    answers, best_answer, accepted, accepted_for_others = db.session.execute(
        select(func.count(Answer.id), func.coalesce(func.max(Answer.score), 0),
               func.coalesce(func.sum(case((is_accepted, 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(is_accepted, Question.author_id != user_id),
                                            1), else_=0)), 0))
        .join(Question, Question.id == Answer.question_id)
        .where(Answer.author_id == user_id, Answer.hidden.is_(False),
               Question.hidden.is_(False))).one()
    points = case((ArticleAuthor.share >= WORDS_PER_POINT * ARTICLE_CAP, ARTICLE_CAP),
                  else_=ArticleAuthor.share // WORDS_PER_POINT)
    led, contributed, article_points = db.session.execute(
        select(func.coalesce(func.sum(case((ArticleAuthor.lead.is_(True), 1), else_=0)), 0),
               func.count(),
               func.coalesce(func.sum(case((ArticleAuthor.lead.is_(True), points),
                                           else_=0)), 0))
        .join(Article, Article.id == ArticleAuthor.article_id)
        .where(ArticleAuthor.user_id == user_id, Article.hidden.is_(False))).one()
    workgroups = db.session.scalar(select(func.count()).select_from(WorkgroupMember)
                                   .where(WorkgroupMember.user_id == user_id))
    return MemberStats(
        questions=questions, best_question_score=best_question, answers=answers,
        best_answer_score=best_answer, accepted=int(accepted),
        accepted_for_others=int(accepted_for_others),
        upvotes_on_answers=votes.get(("answer", 1), 0),
        upvotes_on_questions=votes.get(("question", 1), 0),
        downvotes=votes.get(("answer", -1), 0) + votes.get(("question", -1), 0),
        articles_led=int(led), articles_contributed=contributed,
        article_points=int(article_points), workgroups=workgroups or 0)


def reputation_from(stats: MemberStats) -> int:
    total = (UPVOTE_ANSWER * stats.upvotes_on_answers
             + UPVOTE_QUESTION * stats.upvotes_on_questions
             + DOWNVOTE * stats.downvotes
             + ACCEPTED * stats.accepted_for_others
             + stats.article_points)
    return max(0, total)


def badges_from(stats: MemberStats) -> list[Badge]:
    return [badge for badge in BADGES if badge.earned(stats)]


def reputation(user) -> int:
    return reputation_from(member_stats(user))


def badges(user) -> list[Badge]:
    return badges_from(member_stats(user))
