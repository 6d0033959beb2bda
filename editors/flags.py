"""Flags: members report content, enough weight of reports holds it, editors dismiss,
hide or edit; the flag queue and the report page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import joinedload

from community import answers, comments, questions, services
from community.models import Answer, Comment, Question
from core import permissions, signals
from core.audit import AUTOMATIC
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.markup import render
from core.text import excerpt
from core.timeutil import utcnow
from core.urls import site_path
from editors import audit
from editors.common import (
    HOLD_REASONS,
    REASON_MAX,
    TARGET_MODELS,
    clean_line,
    load_target,
    lock_target,
    setting,
)
from editors.history import HISTORY_KINDS, latest_number, suppress_revision
from editors.links import member_reputation
from editors.models import (
    FLAG_REASONS,
    Feature,
    Flag,
    ModerationHold,
    OutdatedMark,
)
from editors.review import mark_outdated
from wiki import moderation, reading, saving
from wiki import services as wiki_services
from wiki.models import Article

# A flag's weight, from the flagger's standing: how long they have been a member...
STANDING_BY_AGE = ((timedelta(days=1), 0.1), (timedelta(days=7), 0.25),
                   (timedelta(days=30), 0.5))
# ...what the community thinks of their posts (counted once the account is a week old,
# so that throwaway accounts voting for each other gain nothing)...
STANDING_BY_REPUTATION = ((50, 0.5), (10, 0.25))
# ...and how their past flags fared: each dismissed flag weighs against them.
WEIGHT_MIN, WEIGHT_MAX = 0.05, 1.5


def flag_weight(user) -> float:
    """How much this member's spam or abuse flag counts towards hiding content before an
    editor looks. A member of a month's standing with no flags dismissed counts 1; an
    account a few hours old counts 0.1, so throwaway accounts cannot hide anything."""
    if permissions.is_editor(user):
        return 1.0
    age = utcnow() - user.created_at
    weight = next((value for limit, value in STANDING_BY_AGE if age < limit), 1.0)
    if age >= timedelta(days=7):
        points = member_reputation(user)
        weight += next((bonus for least, bonus in STANDING_BY_REPUTATION if points >= least),
                       0.0)
    upheld, declined = db.session.execute(
        select(func.count().filter(Flag.status == "actioned"),
               func.count().filter(Flag.status == "dismissed"))
        .where(Flag.flagger_id == user.id)).one()
    weight *= (upheld + 1) / (upheld + declined + 1)
    return round(min(WEIGHT_MAX, max(WEIGHT_MIN, weight)), 2)


def hold_exemption(kind: str, target) -> str:
    """Why this content is never hidden automatically ('' if it may be): featured or
    protected content and editors' own posts wait in the queue for an editor instead."""
    if kind == "article" and target.protected:
        return "protected"
    if kind in ("article", "question"):
        now = utcnow()
        live = db.session.scalar(select(Feature.id).where(
            getattr(Feature, f"{kind}_id") == target.id, Feature.retired_at.is_(None),
            or_(Feature.ends_at.is_(None), Feature.ends_at > now)).limit(1))
        if live is not None:
            return "featured"
    author = target.created_by if kind == "article" else target.author
    if permissions.is_editor(author):
        return "written by an editor"
    return ""


def _open_flag(user, kind: str, object_id: int) -> Flag | None:
    return db.session.scalar(select(Flag).where(
        Flag.target_type == kind, Flag.target_id == object_id, Flag.flagger_id == user.id,
        Flag.status == "open"))


def flag(user, kind: str, object_id: int, reason: str, note: str = "") -> Flag:
    """A member reports content; enough weight of spam or abuse reports from members in
    good standing hides it pending an editor's review.

    A member holds one open flag per item: reporting it again changes nothing and returns
    that flag. Two reports at once are told apart by a partial unique index; the loser's
    request is redone by run_in_transaction and finds the winner's flag.
    """
    permissions.require_member(user, services.TAKE_PART)
    if reason not in FLAG_REASONS:
        raise ValidationFailed("Choose what is wrong.", "reason")
    target = load_target(kind, object_id, user)
    note = clean_line(note, REASON_MAX, "your note", "note", required=reason == "other")
    already = _open_flag(user, kind, object_id)
    if already is not None:
        already.already_open = True
        return already
    lock_target(kind, object_id)
    item = Flag(target_type=kind, target_id=object_id, reason=reason, note=note,
                flagger_id=user.id, weight=flag_weight(user))
    db.session.add(item)
    db.session.flush()
    _hold_if_flagged(kind, target)
    return item


def _hold_weight(kind: str, object_id: int) -> tuple[float, int]:
    """The weight of open spam and abuse flags on this item, and how many members gave it."""
    weight, flaggers = db.session.execute(
        select(func.coalesce(func.sum(Flag.weight), 0), func.count(func.distinct(
            Flag.flagger_id)))
        .where(Flag.target_type == kind, Flag.target_id == object_id, Flag.status == "open",
               Flag.reason.in_(HOLD_REASONS))).one()
    return float(weight), flaggers


def _hold_if_flagged(kind: str, target) -> None:
    weight, flaggers = _hold_weight(kind, target.id)
    if weight + 1e-9 < setting("EDITORS_HOLD_AFTER_FLAGS") or target.hidden:
        return
    if db.session.get(ModerationHold, (kind, target.id)) is not None:
        return
    if hold_exemption(kind, target):
        return  # its flags stay open on the desk, where the editors decide
    _set_hidden(kind, target, AUTOMATIC, True)
    db.session.add(ModerationHold(target_type=kind, target_id=target.id, flaggers=flaggers))
    db.session.flush()
    audit.record(AUTOMATIC, f"{kind}.held", kind, target,
                 reason=f"Flagged as spam or offensive by {flaggers} members (weight "
                        f"{weight:.2f}); hidden until an editor reviews it.")


def _set_hidden(kind: str, target, actor, hidden: bool) -> None:
    """Through the content's own service; the desk writes the log's entry itself."""
    if kind == "article":
        moderation.set_hidden(target, actor, hidden, audited=False)
    elif kind == "question":
        questions.set_question_hidden(actor, target, hidden, audited=False)
    elif kind == "answer":
        answers.set_answer_hidden(actor, target, hidden, audited=False)
    else:
        comments.set_comment_hidden(actor, target, hidden, audited=False)


def resolve_flags(editor, kind: str, object_id: int, resolution: str, status: str) -> int:
    return db.session.execute(
        update(Flag).where(Flag.target_type == kind, Flag.target_id == object_id,
                           Flag.status == "open")
        .values(status=status, resolution=resolution, resolved_by_id=editor.id,
                resolved_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount or 0


def _flag_summary(kind: str, object_id: int) -> str:
    rows = db.session.execute(
        select(Flag.reason, func.count()).where(Flag.target_type == kind,
                                                Flag.target_id == object_id,
                                                Flag.status == "open")
        .group_by(Flag.reason).order_by(Flag.reason)).all()
    return "; ".join(f"flagged {FLAG_REASONS[reason].lower()} by {count}"
                     for reason, count in rows)


def reason_or_summary(reason: str, kind: str, object_id: int) -> str:
    reason = clean_line(reason, REASON_MAX, "the reason", "reason")
    return reason or _flag_summary(kind, object_id)


def release_hold(kind: str, object_id: int) -> bool:
    hold = db.session.get(ModerationHold, (kind, object_id))
    if hold is None:
        return False
    db.session.delete(hold)
    db.session.flush()
    return True


def dismiss_flags(editor, kind: str, object_id: int, reason: str = "") -> int:
    """Nothing wrong: close the flags, and show again what their number had hidden."""
    permissions.require_editor(editor)
    target = load_target(kind, object_id, editor)
    why = reason_or_summary(reason, kind, object_id)
    count = resolve_flags(editor, kind, object_id, "dismissed", "dismissed")
    if release_hold(kind, object_id) and target.hidden:
        _set_hidden(kind, target, AUTOMATIC, False)
    audit.record(editor, "flags.dismissed", kind, target, reason=why,
                 detail=f"{count} flag{'s' if count != 1 else ''}")
    return count


def hide_content(editor, kind: str, object_id: int, reason: str = "") -> object:
    """Hide flagged content (it leaves pages and search) and close its flags."""
    permissions.require_editor(editor)
    target = load_target(kind, object_id, editor)
    why = reason_or_summary(reason, kind, object_id)
    if not target.hidden:
        _set_hidden(kind, target, editor, True)
    release_hold(kind, object_id)
    count = resolve_flags(editor, kind, object_id, "hidden", "actioned")
    audit.record(editor, f"{kind}.hidden", kind, target, reason=why,
                 detail=f"{count} flag{'s' if count != 1 else ''} closed")
    return target


def edit_flagged(editor, kind: str, object_id: int, *, body: str, title: str = "",
                 reason: str = "", suppress_previous: bool = False) -> object:
    """Correct flagged content through its own service, then close its flags. With
    `suppress_previous`, the text it replaced is removed from the history as well (an
    article's, question's or answer's; a comment keeps no history)."""
    permissions.require_editor(editor)
    target = load_target(kind, object_id, editor)
    why = reason_or_summary(reason, kind, object_id)
    summary = clean_line(f"Moderated: {why}" if why else "Moderated", 300, "", "reason")
    before = latest_number(kind, target) if kind in HISTORY_KINDS else 0
    if kind == "article":
        saving.save_edit(target, editor, title=title or target.title, body=body,
                         summary=summary, tags=[tag.name for tag in target.tags],
                         sectors=target.sectors,
                         base_revision=target.current_revision.number)
    elif kind == "question":
        questions.edit_question(editor, target, title=title or target.title, body=body,
                                tags=[tag.name for tag in target.tags], summary=summary)
    elif kind == "answer":
        answers.edit_answer(editor, target, body, summary)
    else:
        body = services.clean_text(body, limit=comments.COMMENT_MAX, what="comment")
        signals.check_post(editor, body, target.body)
        target.body, target.html = body, render(body).html
        if target.target_type == "article":
            article = db.session.get(Article, target.target_id)
            if article is not None:
                wiki_services.touch(article)
    if release_hold(kind, object_id) and target.hidden:
        _set_hidden(kind, target, AUTOMATIC, False)
    count = resolve_flags(editor, kind, object_id, "edited", "actioned")
    audit.record(editor, f"{kind}.edited", kind, target, reason=why,
                 detail=f"{count} flag{'s' if count != 1 else ''} closed")
    if suppress_previous and kind in HISTORY_KINDS and latest_number(kind, target) > before:
        suppress_revision(editor, kind, object_id, before, why)  # the text it replaced
    return target




def outdated_from_flags(editor, article_id: int, note: str) -> OutdatedMark:
    permissions.require_editor(editor)
    article = load_target("article", article_id, editor)
    mark = mark_outdated(editor, article, note or _flag_summary("article", article_id))
    resolve_flags(editor, "article", article_id, "outdated", "actioned")
    return mark




@dataclass
class FlagGroup:
    """Every flag on one piece of content, and the content itself."""

    kind: str
    object_id: int
    flags: list[Flag]
    target: object | None = None
    label: str = ""
    url: str = ""
    excerpt: str = ""
    held: bool = False
    weight: float = 0.0  # of open spam and abuse flags, against EDITORS_HOLD_AFTER_FLAGS
    exempt: str = ""  # why it is never hidden automatically, if it is not

    @property
    def duplicate_of(self) -> str:
        """The question a duplicate flag's note points at, as the flagger wrote it (an
        address or #number), to fill in "Merge into"; '' if none does."""
        for item in self.flags:
            found = _QUESTION_ADDRESS.search(item.note or "") if item.reason == "duplicate" \
                else None
            if found:
                return found.group(0).rstrip(".,;:!?)'\"")
        return ""


_QUESTION_ADDRESS = re.compile(r"\S*/questions/\d+\S*|#\d+\b")


def flag_groups(editor, status: str = "open", limit: int = 200) -> list[FlagGroup]:
    """Flags grouped by what they are about, oldest first, in a fixed number of queries."""
    permissions.require_editor(editor)
    query = select(Flag).options(joinedload(Flag.flagger), joinedload(Flag.resolved_by))
    if status == "open":
        query = query.where(Flag.status == "open").order_by(Flag.created_at, Flag.id)
    else:
        query = query.where(Flag.status != "open").order_by(Flag.resolved_at.desc(),
                                                             Flag.id.desc())
    groups: dict[tuple[str, int], FlagGroup] = {}
    for item in db.session.scalars(query.limit(limit)):
        key = (item.target_type, item.target_id)
        groups.setdefault(key, FlagGroup(item.target_type, item.target_id, [])).flags.append(
            item)
    by_kind: dict[str, set[int]] = {}
    for kind, object_id in groups:
        by_kind.setdefault(kind, set()).add(object_id)
    loaded: dict[tuple[str, int], object] = {}
    loaders = {
        "article": select(Article).options(joinedload(Article.current_revision),
                                           joinedload(Article.created_by)),
        "question": select(Question).options(joinedload(Question.author)),
        "answer": select(Answer).options(joinedload(Answer.author),
                                         joinedload(Answer.question)),
        "comment": select(Comment).options(joinedload(Comment.author)),
    }
    for kind, ids in by_kind.items():
        model = TARGET_MODELS[kind]
        for thing in db.session.scalars(loaders[kind].where(model.id.in_(ids))):
            loaded[(kind, thing.id)] = thing
    holds = set()
    if groups:
        holds = set(db.session.execute(select(ModerationHold.target_type,
                                              ModerationHold.target_id)).all())
    result = []
    threshold = setting("EDITORS_HOLD_AFTER_FLAGS")
    for key, group in groups.items():
        thing = loaded.get(key)
        if thing is None:
            continue
        group.target = thing
        if group.kind == "comment":
            group.label, group.url = f"Comment by {thing.author.name}", ""
        else:
            group.label, group.url = audit.describe(group.kind, thing)
        html = thing.current_revision.html if group.kind == "article" else thing.html
        group.excerpt = excerpt(html, 240)
        group.held = key in holds
        if status == "open":
            group.weight = sum(item.weight for item in group.flags
                               if item.reason in HOLD_REASONS)
            if group.weight + 1e-9 >= threshold and not group.held and not thing.hidden:
                group.exempt = hold_exemption(group.kind, thing)
        result.append(group)
    return result


def open_flag_count() -> int:
    """How many pieces of content have open flags."""
    targets = select(Flag.target_type, Flag.target_id).where(Flag.status == "open").distinct()
    return db.session.scalar(select(func.count()).select_from(targets.subquery())) or 0


def flaggable_items(kind: str, object_id: int, viewer) -> list[tuple[str, object, str]]:
    """What a member may report on a page: the article or question itself, its answers
    and its comments, each as (key, thing, description)."""
    if kind == "article":
        article = load_target("article", object_id, viewer)
        items = [(f"article:{article.id}", article, f"The article “{article.title}”")]
        for remark in comments.comments_for("article", [article.id], viewer).get(
                article.id, []):
            items.append((f"comment:{remark.id}", remark,
                          f"Comment by {remark.author.name}: {excerpt(remark.html, 90)}"))
        return items
    if kind != "question":
        raise NotFound("Report problems from an article or a question page.")
    question = load_target("question", object_id, viewer)
    items = [(f"question:{question.id}", question, f"The question “{question.title}”")]
    replies = answers.ordered_answers(question, viewer)
    remarks = comments.comments_for("question", [question.id], viewer).get(question.id, [])
    for remark in remarks:
        items.append((f"comment:{remark.id}", remark,
                      f"Comment by {remark.author.name} on the question: "
                      f"{excerpt(remark.html, 90)}"))
    answer_comments = comments.comments_for("answer", [a.id for a in replies], viewer)
    for reply in replies:
        items.append((f"answer:{reply.id}", reply,
                      f"Answer by {reply.author.name}: {excerpt(reply.html, 90)}"))
        for remark in answer_comments.get(reply.id, []):
            items.append((f"comment:{remark.id}", remark,
                          f"Comment by {remark.author.name} on that answer: "
                          f"{excerpt(remark.html, 90)}"))
    return items


@dataclass
class ReportPage:
    """The page a report is made from (an article or a thread), and what it is about."""

    kind: str  # article or question
    object_id: int
    url: str
    item: str  # the key of the thing reported, chosen on the form: "answer:12"


def report_page(on: str | None, viewer) -> ReportPage:
    """Where a report starts, from ?on=article:<slug>, question:<id>, answer:<id> or
    comment:<id>. An answer or a comment is reported from the page that shows it."""
    kind, _, key = (on or "").partition(":")
    if kind == "article" and key:
        article = reading.get_article(key[:200], viewer)
        return ReportPage("article", article.id, site_path("wiki.article", slug=article.slug),
                          f"article:{article.id}")
    if kind not in ("question", "answer", "comment") or not key.isdigit() or len(key) > 12:
        raise NotFound("Report problems with an article, a question, an answer or a comment.")
    thing = load_target(kind, int(key), viewer)
    item, anchor = f"{kind}:{thing.id}", f"{kind}-{thing.id}"
    if kind == "comment":
        if thing.target_type in comments.KINDS:  # a part's own page lists its comments
            raise NotFound("Report this comment to the editors from its page.")
        parent = comments.comment_target(thing.target_type, thing.target_id, viewer)
        if thing.target_type == "article":
            return ReportPage("article", parent.id,
                              site_path("wiki.article", slug=parent.slug, anchor=anchor), item)
        thing = parent
    question = thing.question if isinstance(thing, Answer) else thing
    if kind == "question":
        anchor = None
    return ReportPage("question", question.id, services.question_url(question, anchor), item)
