"""What the community does: workgroups, questions, answers, comments, votes, acceptance,
solutions and promotion to articles. Services flush; the edge commits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from limits import parse
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import selectinload

from community import notifications
from community.models import (
    Answer,
    Comment,
    PostRevision,
    Question,
    Vote,
    Workgroup,
    WorkgroupMember,
)
from core import audit, permissions, signals
from core.errors import NotFound, Problems, RateLimited, ValidationFailed
from core.extensions import db, limiter
from core.markup import render, slugify
from core.models import SECTORS, User
from core.numbers import parse_int
from core.signals import check_post
from core.slugs import free_slug
from core.spoofing import check_no_bidi_controls
from core.text import check_text
from core.timeutil import utcnow
from core.urls import site_path
from wiki import services as wiki
from wiki.models import Tag

TITLE_MIN, TITLE_MAX = 10, 200
BODY_MAX = 30_000
COMMENT_MAX = 600
NEW_ACCOUNT_AGE = timedelta(days=1)
TAKE_PART = "Please sign in to take part."
POSTING_LIMITS = {"new": "5 per 10 minutes", "member": "30 per 10 minutes"}


# ---------------------------------------------------------------- rules shared by all posts

def check_posting_rate(user: User) -> None:
    """Posting is limited per member, more strictly for accounts less than a day old."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    kind = "new" if utcnow() - user.created_at < NEW_ACCOUNT_AGE else "member"
    item = parse(POSTING_LIMITS[kind])
    if not MovingWindowRateLimiter(limiter.storage).hit(item, "post", str(user.id)):
        raise RateLimited(
            "You are posting faster than we allow"
            + (" for new accounts" if kind == "new" else "")
            + f" ({POSTING_LIMITS[kind]}). Your text is kept below: wait a few minutes and "
            "send it again.")


def clean_text(body: str, *, field: str = "body", limit: int = BODY_MAX,
               what: str = "text") -> str:
    body = check_text(body, field, f"your {what}", multiline=True)
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise ValidationFailed(f"Write some {what} first.", field)
    if len(body) > limit:
        raise ValidationFailed(f"Your {what} is {len(body):,} characters long; the limit is "
                               f"{limit:,}. Shorten it and send it again.", field)
    return body


def clean_question_title(title: str) -> str:
    title = check_no_bidi_controls(" ".join(check_text(title, "title", "the title").split()),
                                   "title", "The title")
    if len(title) < TITLE_MIN:
        raise ValidationFailed(f"Make the title a question of at least {TITLE_MIN} characters, "
                               "so others can find it.", "title")
    if len(title) > TITLE_MAX:
        raise ValidationFailed(f"Keep the title under {TITLE_MAX} characters.", "title")
    return title


def _tags(names: list[str]) -> list[Tag]:
    existing = {tag.name: tag for tag in db.session.scalars(
        select(Tag).where(Tag.name.in_(names)))} if names else {}
    tags = []
    for name in names:
        tag = existing.get(name) or Tag(name=name)
        db.session.add(tag)
        tags.append(tag)
    return tags


def _record_revision(post_type: str, post_id: int, author: User, body: str, title: str = "",
                     summary: str = "") -> PostRevision:
    number = (db.session.scalar(select(func.max(PostRevision.number)).where(
        PostRevision.post_type == post_type, PostRevision.post_id == post_id)) or 0) + 1
    revision = PostRevision(post_type=post_type, post_id=post_id, number=number,
                            author_id=author.id, body=body, title=title, summary=summary)
    db.session.add(revision)
    return revision


def describe(kind: str, thing) -> tuple[str, str]:
    """A label and an address for an article, question, answer or comment, for the audit
    log and the editors' desk."""
    if kind == "article":
        return thing.title, site_path("wiki.article", slug=thing.slug)
    if kind == "question":
        return thing.title, question_url(thing)
    if kind == "answer":
        question = thing.question
        return (f"Answer by {thing.author.name} to “{question.title}”",
                question_url(question, anchor=f"answer-{thing.id}"))
    label = f"Comment by {thing.author.name}"
    url = ""
    if thing.target_type == "article":
        from wiki.models import Article

        article = db.session.get(Article, thing.target_id)
        url = site_path("wiki.article", slug=article.slug,
                        anchor=f"comment-{thing.id}") if article else ""
    else:
        parent = db.session.get(Question if thing.target_type == "question" else Answer,
                                thing.target_id)
        question = parent if thing.target_type == "question" else getattr(
            parent, "question", None)
        url = question_url(question, anchor=f"comment-{thing.id}") if question else ""
    return label, url


def _audit(actor, action: str, kind: str, thing, reason: str = "") -> None:
    label, url = describe(kind, thing)
    audit.record(actor, action, kind, thing.id, label=label, url=url, reason=reason)


def _changed(question: Question) -> None:
    """Search shows this question differently now: bump it and tell the outbox."""
    # In SQL, not from the value read: two answers at once must both count.
    question.version = Question.version + 1
    db.session.flush()
    signals.send(signals.content_changed, kind="question", object_id=question.id)


QUESTION_RULE = "/questions/<int:question_id>/<slug>"


def question_slug(title: str) -> str:
    """The slug after a question's id: from its title, never the name of a page of the
    thread ("Vote??????" is /questions/1/vote-question, not the vote button's address)."""
    return free_slug(slugify(title)[:60], QUESTION_RULE, "question")


def question_url(question: Question, anchor: str | None = None) -> str:
    return site_path("community.question", question_id=question.id,
                     slug=question_slug(question.title), anchor=anchor)


# ---------------------------------------------------------------- workgroups

def get_workgroup(slug: str) -> Workgroup:
    workgroup = db.session.scalar(select(Workgroup).where(Workgroup.slug == slug))
    if workgroup is None:
        raise NotFound("There is no such workgroup.")
    return workgroup


def create_workgroup(admin: User, name: str, description: str) -> Workgroup:
    permissions.require(permissions.may_manage_workgroups(admin),
                        "Only admins may create workgroups.")
    name = check_no_bidi_controls(" ".join(check_text(name, "name", "the name").split()),
                                  "name", "The name")
    if not 3 <= len(name) <= 120:
        raise ValidationFailed("Give the workgroup a name of 3 to 120 characters.", "name")
    slug = free_slug(slugify(name), "/workgroups/<slug>", "workgroup")
    if not slug or db.session.scalar(select(Workgroup.id).where(Workgroup.slug == slug)):
        raise ValidationFailed("A workgroup with this name already exists.", "name")
    description = check_text(description, "description", "the description", multiline=True)
    workgroup = Workgroup(name=name, slug=slug, description=description.strip()[:2000])
    db.session.add(workgroup)
    db.session.flush()
    return workgroup


def edit_workgroup(admin: User, workgroup: Workgroup, name: str, description: str,
                   archived: bool) -> Workgroup:
    permissions.require(permissions.may_manage_workgroups(admin),
                        "Only admins may change workgroups.")
    name = check_no_bidi_controls(" ".join(check_text(name, "name", "the name").split()),
                                  "name", "The name")
    if not 3 <= len(name) <= 120:
        raise ValidationFailed("Give the workgroup a name of 3 to 120 characters.", "name")
    workgroup.name = name
    workgroup.description = check_text(description, "description", "the description",
                                        multiline=True).strip()[:2000]
    workgroup.archived = archived
    db.session.flush()
    return workgroup


def join(user: User, workgroup: Workgroup) -> None:
    permissions.require_member(user, TAKE_PART)
    if workgroup.archived:
        raise ValidationFailed("This workgroup is archived and takes no new members.")
    if db.session.get(WorkgroupMember, (workgroup.id, user.id)) is None:
        db.session.add(WorkgroupMember(workgroup_id=workgroup.id, user_id=user.id))
        workgroup.member_count += 1
        db.session.flush()


def leave(user: User, workgroup: Workgroup) -> None:
    permissions.require_member(user, TAKE_PART)
    # One statement, counted: of two identical leaves at once, only the one that deleted
    # the row takes one from the count (the other deletes nothing and changes nothing).
    gone = db.session.execute(delete(WorkgroupMember).where(
        WorkgroupMember.workgroup_id == workgroup.id, WorkgroupMember.user_id == user.id))
    if gone.rowcount:
        workgroup.member_count = case((Workgroup.member_count > 0, Workgroup.member_count - 1),
                                      else_=0)
        db.session.flush()


def set_moderator(admin: User, workgroup: Workgroup, member: User, moderator: bool) -> None:
    permissions.require(permissions.may_manage_workgroups(admin),
                        "Only admins may appoint moderators.")
    row = db.session.get(WorkgroupMember, (workgroup.id, member.id))
    if row is None:
        raise ValidationFailed(f"{member.username} is not a member of this workgroup.")
    row.moderator = moderator
    db.session.flush()


def is_member_of(user, workgroup: Workgroup) -> bool:
    return permissions.is_member(user) and db.session.get(
        WorkgroupMember, (workgroup.id, user.id)) is not None


def moderates(user, workgroup_id: int) -> bool:
    """Whether this member moderates that workgroup: the fact core.permissions.may_moderate
    looks up (registered by init_community)."""
    row = db.session.get(WorkgroupMember, (workgroup_id, user.id))
    return bool(row and row.moderator)


# ---------------------------------------------------------------- questions

def get_question(question_id: int, viewer=None) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or not permissions.may_see(viewer, question):
        raise NotFound("There is no such question.")
    return question


def _chosen_workgroup(workgroup_id: int | str | None) -> Workgroup | None:
    if workgroup_id in (None, "", 0, "0"):
        return None
    number = parse_int(workgroup_id)
    workgroup = db.session.get(Workgroup, number) if number is not None else None
    if workgroup is None or workgroup.archived:
        raise ValidationFailed("Choose one of the listed workgroups.", "workgroup")
    return workgroup


def ask(author: User, *, title: str, body: str, tags: str | list[str] = "",
        workgroup_id: int | str | None = None) -> Question:
    permissions.require_member(author, TAKE_PART)
    problems = Problems()  # every field is checked: the form shows all its problems at once
    title = problems.check(clean_question_title, title)
    body = problems.check(clean_text, body, what="question")
    names = problems.check(wiki.parse_tags, tags)
    workgroup = problems.check(_chosen_workgroup, workgroup_id)
    problems.raise_any()
    check_post(author, body)
    check_posting_rate(author)
    question = Question(title=title, body=body, html=render(body).html, author_id=author.id,
                        workgroup_id=workgroup.id if workgroup else None)
    question.tags = _tags(names)
    db.session.add(question)
    db.session.flush()
    _record_revision("question", question.id, author, body, title, "Asked the question")
    notifications.watch(author, "question", question.id)
    url = question_url(question)
    if workgroup is not None:
        notifications.notify(notifications.workgroup_members(workgroup.id), "workgroup_question",
                             f"New question in {workgroup.name}: {title}", url, author)
    notifications.notify(notifications.mentioned(body), "mention",
                         f"{author.name} mentioned you in “{title}”", url, author)
    _changed(question)
    return question


def edit_question(user: User, question: Question, *, title: str, body: str,
                  tags: str | list[str] = "", summary: str = "") -> Question:
    permissions.require(permissions.may_edit_post(user, question),
                        "Only the asker or an editor may edit this question.")
    title, body = clean_question_title(title), clean_text(body, what="question")
    names, summary = wiki.parse_tags(tags), wiki.clean_summary(summary)
    if title == question.title and body == question.body and \
            names == [tag.name for tag in question.tags]:
        return question
    check_post(user, body, question.body)
    question.title, question.body, question.html = title, body, render(body).html
    question.tags = _tags(names)
    question.edited_at = utcnow()
    _record_revision("question", question.id, user, body, title, summary)
    notifications.notify(notifications.watchers("question", question.id), "watched_change",
                         f"{user.name} edited “{title}”", question_url(question), user,
                         subject=f"question:{question.id}")
    _changed(question)
    return question


def close(editor: User, question: Question, reason: str) -> Question:
    permissions.require(permissions.may_moderate(editor, question),
                        "Only editors and workgroup moderators may close questions.")
    reason = " ".join(check_text(reason, "reason", "the reason").split())
    if not reason:
        raise ValidationFailed("Say why the question is closed.", "reason")
    reason = reason[:300]
    if reason != (question.closed_reason or None):
        _audit(editor, "question.closed", "question", question, reason)
    question.closed_reason = reason
    db.session.flush()
    return question


def reopen(editor: User, question: Question) -> Question:
    permissions.require(permissions.may_moderate(editor, question),
                        "Only editors and workgroup moderators may reopen questions.")
    if question.closed_reason:
        _audit(editor, "question.reopened", "question", question)
    question.closed_reason = None
    db.session.flush()
    return question


def set_locked(editor: User, question: Question, locked: bool) -> Question:
    permissions.require(permissions.may_lock(editor), "Only editors may lock threads.")
    if bool(question.locked) != bool(locked):
        _audit(editor, "question.locked" if locked else "question.unlocked", "question",
               question)
    question.locked = locked
    db.session.flush()
    return question


def set_question_hidden(editor: User, question: Question, hidden: bool, *,
                        audited: bool = True) -> Question:
    """Hide or show a question. `audited=False`: the caller writes the log's entry."""
    permissions.require(permissions.may_hide(editor, question), "Only editors may hide questions.")
    if audited and bool(question.hidden) != bool(hidden):
        _audit(editor, "question.hidden" if hidden else "question.shown", "question", question)
    question.hidden = hidden
    _changed(question)
    return question


# ---------------------------------------------------------------- answers and comments

def get_answer(answer_id: int, viewer=None) -> Answer:
    answer = db.session.get(Answer, answer_id)
    if answer is None or not permissions.may_see(viewer, answer) or \
            not permissions.may_see(viewer, answer.question):
        raise NotFound("There is no such answer.")
    return answer


def answer(author: User, question: Question, body: str) -> Answer:
    permissions.require_member(author, TAKE_PART)
    permissions.require(permissions.may_answer(author, question),
                        "This thread is locked: it takes no new answers.")
    if question.closed_reason:
        raise ValidationFailed(f"This question is closed ({question.closed_reason}) and takes "
                               "no new answers.", "body")
    body = clean_text(body, what="answer")
    check_post(author, body)
    check_posting_rate(author)
    reply = Answer(question_id=question.id, body=body, html=render(body).html,
                   author_id=author.id)
    db.session.add(reply)
    question.answer_count = Question.answer_count + 1
    question.last_activity_at = utcnow()
    db.session.flush()
    _record_revision("answer", reply.id, author, body, summary="Answered")
    url = f"{question_url(question)}#answer-{reply.id}"
    told = {question.author_id}
    notifications.notify(told, "answer",
                         f"{author.name} answered your question “{question.title}”", url, author)
    watching = notifications.watchers("question", question.id) - told
    notifications.notify(watching, "watched_change",
                         f"{author.name} answered “{question.title}”", url, author,
                         subject=f"question:{question.id}")
    notifications.notify(notifications.mentioned(body) - told - watching, "mention",
                         f"{author.name} mentioned you in an answer to “{question.title}”", url,
                         author)
    notifications.watch(author, "question", question.id)
    _changed(question)
    return reply


def edit_answer(user: User, reply: Answer, body: str, summary: str = "") -> Answer:
    permissions.require(permissions.may_edit_post(user, reply),
                        "Only the answer's author or an editor may edit it.")
    body, summary = clean_text(body, what="answer"), wiki.clean_summary(summary)
    if body == reply.body:
        return reply
    check_post(user, body, reply.body)
    reply.body, reply.html, reply.edited_at = body, render(body).html, utcnow()
    _record_revision("answer", reply.id, user, body, summary=summary)
    _changed(reply.question)
    return reply


def set_answer_hidden(editor: User, reply: Answer, hidden: bool, *,
                      audited: bool = True) -> Answer:
    """Hide or show an answer. `audited=False`: the caller writes the log's entry."""
    permissions.require(permissions.may_hide(editor, reply), "Only editors may hide answers.")
    if audited and bool(reply.hidden) != bool(hidden):
        _audit(editor, "answer.hidden" if hidden else "answer.shown", "answer", reply)
    if reply.hidden != hidden:
        reply.hidden = hidden
        reply.question.answer_count = Question.answer_count + (-1 if hidden else 1)
        if hidden and reply.question.accepted_answer_id == reply.id:
            reply.question.accepted_answer_id = None
            reply.question.solved_at = None
    _changed(reply.question)
    return reply


def comment_target(target_type: str, target_id: int, viewer=None):
    if target_type == "question":
        return get_question(target_id, viewer)
    if target_type == "answer":
        return get_answer(target_id, viewer)
    if target_type == "article":
        from wiki.models import Article

        article = db.session.get(Article, target_id)
        if article is None or not permissions.may_see(viewer, article):
            raise NotFound("There is no such article.")
        return article
    raise NotFound("Comments go on questions, answers and articles.")


def add_comment(author: User, target_type: str, target_id: int, body: str) -> Comment:
    permissions.require_member(author, TAKE_PART)
    target = comment_target(target_type, target_id, author)
    thread = target if target_type == "question" else (
        target.question if target_type == "answer" else None)
    permissions.require(permissions.may_comment(author, thread),
                        "This thread is locked: it takes no new comments.")
    body = clean_text(body, limit=COMMENT_MAX, what="comment")
    check_post(author, body)
    check_posting_rate(author)
    remark = Comment(target_type=target_type, target_id=target_id, author_id=author.id,
                     body=body, html=render(body).html)
    db.session.add(remark)
    db.session.flush()
    if thread is not None:
        thread.last_activity_at = utcnow()
        url = question_url(thread, anchor=f"comment-{remark.id}")
        title = thread.title
    else:
        url = site_path("wiki.article", slug=target.slug, anchor=f"comment-{remark.id}")
        title = target.title
        wiki.touch(target)
    owner = getattr(target, "author_id", None) or getattr(target, "created_by_id", None)
    notifications.notify({owner}, "comment", f"{author.name} commented on “{title}”", url, author)
    watched_type, watched_id = ("article", target.id) if thread is None else ("question",
                                                                            thread.id)
    watching = notifications.watchers(watched_type, watched_id) - {owner}
    notifications.notify(watching, "watched_change", f"{author.name} commented on “{title}”",
                         url, author, subject=f"{watched_type}:{watched_id}")
    # Nobody hears twice of one comment: a mention only reaches those not told already.
    notifications.notify(notifications.mentioned(body) - {owner} - watching, "mention",
                         f"{author.name} mentioned you in a comment on “{title}”", url, author)
    return remark


def set_comment_hidden(editor: User, remark: Comment, hidden: bool, *,
                       audited: bool = True) -> Comment:
    """Hide or show a comment. `audited=False`: the caller writes the log's entry."""
    permissions.require(permissions.may_hide(editor, remark), "Only editors may hide comments.")
    if audited and bool(remark.hidden) != bool(hidden):
        _audit(editor, "comment.hidden" if hidden else "comment.shown", "comment", remark)
    remark.hidden = hidden
    if remark.target_type == "article":
        from wiki.models import Article

        article = db.session.get(Article, remark.target_id)
        if article is not None:
            wiki.touch(article)
    db.session.flush()
    return remark


def comments_for(target_type: str, ids: list[int], viewer=None) -> dict[int, list[Comment]]:
    if not ids:
        return {}
    query = (select(Comment).where(Comment.target_type == target_type,
                                   Comment.target_id.in_(ids))
             .options(selectinload(Comment.author)).order_by(Comment.created_at, Comment.id))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Comment.hidden.is_(False))
    grouped: dict[int, list[Comment]] = {}
    for remark in db.session.scalars(query):
        grouped.setdefault(remark.target_id, []).append(remark)
    return grouped


# ---------------------------------------------------------------- votes and acceptance

def vote(user: User, target_type: str, target_id: int, value: int | str) -> int:
    """Vote +1 or -1 (0 withdraws); returns the post's new score."""
    permissions.require_member(user, TAKE_PART)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed("A vote is 1, -1 or 0.", "value") from None
    if value not in (-1, 0, 1):
        raise ValidationFailed("A vote is 1, -1 or 0.", "value")
    post = get_question(target_id, user) if target_type == "question" else \
        get_answer(target_id, user)
    thread = post if target_type == "question" else post.question
    refusal = permissions.vote_refusal(user, post, thread)
    permissions.require(not refusal, refusal)
    existing = db.session.get(Vote, (user.id, target_type, target_id))
    if value == 0:  # a statement, not a row: of two withdrawals at once, one deletes it
        db.session.execute(delete(Vote).where(Vote.user_id == user.id,
                                              Vote.target_type == target_type,
                                              Vote.target_id == target_id))
    elif existing is None:
        db.session.add(Vote(user_id=user.id, target_type=target_type, target_id=target_id,
                            value=value, target_author_id=post.author_id))
    else:
        existing.value = value
    db.session.flush()
    post.score = db.session.scalar(select(func.coalesce(func.sum(Vote.value), 0)).where(
        Vote.target_type == target_type, Vote.target_id == target_id))
    db.session.flush()
    return post.score


def my_votes(user, target_type: str, ids: list[int]) -> dict[int, int]:
    if not permissions.is_member(user) or not ids:
        return {}
    return dict(db.session.execute(select(Vote.target_id, Vote.value).where(
        Vote.user_id == user.id, Vote.target_type == target_type,
        Vote.target_id.in_(ids))).all())


def accept(user: User, reply: Answer) -> Question:
    question = reply.question
    permissions.require(permissions.may_accept(user, question),
                        "Only the asker or an editor may accept an answer.")
    if reply.hidden:
        raise ValidationFailed("A hidden answer cannot be accepted.")
    first = question.accepted_answer_id is None
    question.accepted_answer_id = reply.id
    question.solved_at = question.solved_at if not first else utcnow()
    question.last_activity_at = utcnow()
    db.session.flush()
    notifications.notify({reply.author_id}, "accepted",
                         f"Your answer to “{question.title}” was accepted",
                         f"{question_url(question)}#answer-{reply.id}", user)
    _changed(question)
    return question


def withdraw_acceptance(user: User, question: Question) -> Question:
    permissions.require(permissions.may_accept(user, question),
                        "Only the asker or an editor may change the accepted answer.")
    question.accepted_answer_id = None
    question.solved_at = None
    _changed(question)
    return question


def ordered_answers(question: Question, viewer=None) -> list[Answer]:
    """Accepted first, then by votes, then oldest."""
    query = (select(Answer).where(Answer.question_id == question.id)
             .options(selectinload(Answer.author))
             .order_by(case((Answer.id == (question.accepted_answer_id or 0), 0), else_=1),
                       Answer.score.desc(), Answer.created_at, Answer.id))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Answer.hidden.is_(False))
    return list(db.session.scalars(query))


# ---------------------------------------------------------------- lists

TABS = ("newest", "active", "unanswered", "solved")
# solved_at is set exactly when an answer is accepted; saying so lets PostgreSQL skip the
# unsolved questions in ix_questions_solved (NULLs sort last there, first when read
# backwards for "newest solved first").
SOLVED = (Question.accepted_answer_id.is_not(None), Question.solved_at.is_not(None))


def question_query(*, tab: str = "newest", tag: str | None = None,
                   workgroup: Workgroup | None = None, sector: str | None = None,
                   viewer=None):
    query = select(Question).options(selectinload(Question.author), selectinload(Question.tags),
                                     selectinload(Question.workgroup))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Question.hidden.is_(False))
    if tag:
        query = query.where(Question.tags.any(Tag.name == tag))
    if workgroup is not None:
        query = query.where(Question.workgroup_id == workgroup.id)
    if sector in SECTORS:
        query = query.where(Question.author.has(User.sector == sector))
    if tab == "unanswered":
        query = query.where(Question.answer_count == 0, Question.closed_reason.is_(None))
    if tab == "solved":
        return query.where(*SOLVED).order_by(Question.solved_at.desc(), Question.id.desc())
    if tab == "active":
        return query.order_by(Question.last_activity_at.desc(), Question.id.desc())
    return query.order_by(Question.created_at.desc(), Question.id.desc())


def revisions_of(post_type: str, post_id: int) -> list[PostRevision]:
    return list(db.session.scalars(select(PostRevision).where(
        PostRevision.post_type == post_type, PostRevision.post_id == post_id)
        .options(selectinload(PostRevision.author)).order_by(PostRevision.number.desc())))


# ---------------------------------------------------------------- from solution to article

@dataclass
class Draft:
    title: str
    body: str
    sources: list[tuple[User, str, str]]  # (author, summary, text added)


def promotion_draft(user: User, question: Question) -> Draft:
    """An article drafted from the thread: the question as context, the answers as practice."""
    permissions.require(permissions.may_promote(user, question),
                        "Only the asker or an editor may promote a solved thread, once.")
    answers = ordered_answers(question)
    chosen = [reply for reply in answers if reply.id == question.accepted_answer_id]
    chosen += [reply for reply in answers if reply.id != question.accepted_answer_id
               and reply.score > 0][:2]
    sources = [(question.author, f"From the question by {question.author.name}",
                f"## The problem or context\n\n{question.body.strip()}\n")]
    for number, reply in enumerate(chosen):
        heading = "## The practice\n\n" if number == 0 else ""
        sources.append((reply.author, f"From the answer by {reply.author.name}",
                        f"{heading}{reply.body.strip()}\n"))
    sources.append((user, "Link to the thread",
                    f"## Resources\n\n- The original discussion: [{question.title}]"
                    f"({question_url(question)})\n"))
    body = "\n".join(text for _author, _summary, text in sources)
    title = re.sub(r"\?+$", "", question.title).strip()
    return Draft(title=title, body=body, sources=sources)


def promote(user: User, question: Question, *, title: str, body: str, tags="",
            sectors=None):
    """Create the article: one revision per source (so each answerer is credited for the
    words that came from them), then the promoter's own edits as the last revision."""
    draft = promotion_draft(user, question)
    text = ""
    result = None
    for author, summary, addition in draft.sources:
        text = f"{text}\n{addition}" if text else addition
        if result is None:
            result = wiki.create_article(author, title=title, body=text, summary=summary,
                                         tags=tags or [tag.name for tag in question.tags],
                                         sectors=sectors)
        else:
            wiki.save_edit(result.article, author, title=title, body=text, summary=summary,
                           tags=tags or [tag.name for tag in question.tags], sectors=sectors,
                           base_revision=result.article.current_revision.number)
    article = result.article
    wiki.save_edit(article, user, title=title, body=body,
                   summary=f"Promoted from the solved question “{question.title}”",
                   tags=tags or [tag.name for tag in question.tags], sectors=sectors,
                   base_revision=article.current_revision.number)
    question.promoted_article_id = article.id
    _changed(question)
    return article


def open_questions_in(workgroup_id, solved: bool = False):
    """Count of a workgroup's visible open (or solved) questions, for use per workgroup:
    read from ix_questions_workgroup alone."""
    accepted = Question.accepted_answer_id
    return (select(func.count()).where(Question.workgroup_id == workgroup_id,
                                       Question.hidden.is_(False),
                                       accepted.is_not(None) if solved else accepted.is_(None))
            .scalar_subquery())


def workgroup_counts() -> dict[int, tuple[int, int]]:
    """Open and solved questions per workgroup, in one query (each workgroup's counted in
    its stretch of ix_questions_workgroup, without reading a question row)."""
    rows = db.session.execute(
        select(Workgroup.id, open_questions_in(Workgroup.id),
               open_questions_in(Workgroup.id, solved=True))).all()
    return {group_id: (open_, solved) for group_id, open_, solved in rows if open_ or solved}


def my_workgroup_ids(user) -> set[int]:
    if not permissions.is_member(user):
        return set()
    return set(db.session.scalars(select(WorkgroupMember.workgroup_id).where(
        WorkgroupMember.user_id == user.id)))
