"""The community: workgroups, questions, answers, comments, votes, watches, notifications."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.timeutil import utcnow


class Workgroup(db.Model):
    """A community of practice that members join and put questions to."""

    __tablename__ = "workgroups"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    member_count: Mapped[int] = mapped_column(default=0)

    memberships: Mapped[list[WorkgroupMember]] = relationship(
        back_populates="workgroup", cascade="all, delete-orphan")


class WorkgroupMember(db.Model):
    __tablename__ = "workgroup_members"

    workgroup_id: Mapped[int] = mapped_column(ForeignKey("workgroups.id", ondelete="CASCADE"),
                                              primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    moderator: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    workgroup: Mapped[Workgroup] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()


class QuestionTag(db.Model):
    __tablename__ = "question_tags"

    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"),
                                             primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"),
                                        primary_key=True, index=True)


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (
        # One index per list and order, the equalities first and the order last, so that a
        # page reads its rows in order instead of sorting the site's questions.
        Index("ix_questions_activity", "hidden", "last_activity_at"),
        Index("ix_questions_solved", "hidden", "solved_at"),
        Index("ix_questions_newest", "hidden", "created_at"),
        Index("ix_questions_unanswered", "hidden", "answer_count", "closed_reason",
              "created_at"),
        # A workgroup's questions by activity (its latest in one step), and its open and
        # solved counts from the index alone.
        Index("ix_questions_workgroup", "workgroup_id", "hidden", "last_activity_at",
              "accepted_answer_id"),
        # A member's questions, newest first. With `hidden` in it, the planner prefers it to
        # the indexes above (two equalities against one) when a profile asks for them.
        Index("ix_questions_author", "author_id", "hidden", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    workgroup_id: Mapped[int | None] = mapped_column(ForeignKey("workgroups.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    edited_at: Mapped[datetime | None]
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    score: Mapped[int] = mapped_column(default=0)
    answer_count: Mapped[int] = mapped_column(default=0)
    accepted_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("answers.id", use_alter=True, ondelete="SET NULL"))
    solved_at: Mapped[datetime | None]
    closed_reason: Mapped[str | None] = mapped_column(String(300))
    locked: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
    promoted_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"))
    # An editor merged this question into another as a duplicate: its answers moved there
    # and its address redirects there. (use_alter: restored in a second pass by backups.)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", use_alter=True))
    # Bumped on every change that search shows (text, answers, acceptance, tags, hiding).
    version: Mapped[int] = mapped_column(default=1)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    workgroup: Mapped[Workgroup | None] = relationship()
    tags = relationship("Tag", secondary="question_tags", order_by="Tag.name")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="question", foreign_keys="Answer.question_id")
    accepted_answer: Mapped[Answer | None] = relationship(foreign_keys=[accepted_answer_id],
                                                          post_update=True)

    @property
    def solved(self) -> bool:
        return self.accepted_answer_id is not None


class Answer(db.Model):
    __tablename__ = "answers"
    __table_args__ = (Index("ix_answers_author", "author_id", "hidden", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"),
                                             index=True)
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    score: Mapped[int] = mapped_column(default=0)
    hidden: Mapped[bool] = mapped_column(default=False)

    question: Mapped[Question] = relationship(back_populates="answers",
                                              foreign_keys=[question_id])
    author: Mapped[User] = relationship()


class Comment(db.Model):
    """A short remark on a question, an answer or an article."""

    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint("target_type IN ('question', 'answer', 'article', 'training_topic')",
                        name="target_known"),
        Index("ix_comments_target", "target_type", "target_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden: Mapped[bool] = mapped_column(default=False)

    author: Mapped[User] = relationship()


class Vote(db.Model):
    """One vote per member per post, changeable; never on one's own post."""

    __tablename__ = "votes"
    __table_args__ = (
        CheckConstraint("value IN (-1, 1)", name="value_known"),
        CheckConstraint("target_type IN ('question', 'answer')", name="target_known"),
        Index("ix_votes_target", "target_type", "target_id"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    target_id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int]
    target_author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PostRevision(db.Model):
    """Every saved state of a question or answer, as the wiki keeps for articles."""

    __tablename__ = "post_revisions"
    __table_args__ = (
        UniqueConstraint("post_type", "post_id", "number", name="uq_post_revisions_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_type: Mapped[str] = mapped_column(String(16))
    post_id: Mapped[int]
    number: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(String(300), default="")
    # Removed from history by an editor, as for article revisions (wiki.models.Revision).
    suppressed_at: Mapped[datetime | None]
    suppressed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    author: Mapped[User] = relationship(foreign_keys=[author_id])


class Watch(db.Model):
    __tablename__ = "watches"
    __table_args__ = (Index("ix_watches_target", "target_type", "target_id"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    target_id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(db.Model):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # answer, comment, accepted, mention, workgroup_question, watched_change
    kind: Mapped[str] = mapped_column(String(24))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(300))
    url: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    # What it is about ("article:12"), when repeated news of it joins one unread notification;
    # `repeats` counts the news it holds.
    subject: Mapped[str | None] = mapped_column(String(40))
    repeats: Mapped[int] = mapped_column(default=1, server_default="1")

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
