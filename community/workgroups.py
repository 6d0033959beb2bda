"""Workgroups: creating, editing, joining and leaving them, their moderators and question counts."""

from __future__ import annotations

from sqlalchemy import case, delete, func, select

from community.models import Question, Workgroup, WorkgroupMember
from community.services import TAKE_PART
from core import permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.markup import slugify
from core.models import User
from core.slugs import free_slug
from core.spoofing import check_no_bidi_controls
from core.text import check_text


def get_workgroup(slug: str) -> Workgroup:
    workgroup = db.session.scalar(select(Workgroup).where(Workgroup.slug == slug))
    if workgroup is None:
        raise NotFound("There is no such workgroup.")
    return workgroup


def clean_name(name: str) -> str:
    """A workgroup's name as kept: one line, 3 to 120 characters, no direction controls."""
    name = check_no_bidi_controls(" ".join(check_text(name, "name", "the name").split()),
                                  "name", "The name")
    if not 3 <= len(name) <= 120:
        raise ValidationFailed("Give the workgroup a name of 3 to 120 characters.", "name")
    return name


def create_workgroup(admin: User, name: str, description: str) -> Workgroup:
    permissions.require(permissions.may_manage_workgroups(admin),
                        "Only admins may create workgroups.")
    name = clean_name(name)
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
    name = clean_name(name)
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
