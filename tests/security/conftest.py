"""A small world of content owned by one member, for checking every route and role."""

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from community import answers, comments, questions, services, workgroups
from core.extensions import db
from core.models import User
from tests.conftest import PEOPLE, make_person
from wiki import saving


@dataclass
class World:
    slug: str
    question_id: int
    question_slug: str
    answer_id: int
    comment_id: int
    workgroup: str
    username: str
    org: str = ""
    org_duplicate: str = ""
    org_library_isil: str = ""
    affiliation_id: int = 0
    membership_id: int = 0
    article_id: int = 0
    partner_post_id: int = 0
    check_date: str = ""


def _make_world(member, admin) -> World:
    article = saving.create_article(member, title="Readers' advisory", body="Ask what they loved.",
                                    tags="advisory").article
    saving.save_edit(article, member, title=article.title, body="Ask what they loved most.",
                     base_revision=1)
    group = workgroups.create_workgroup(admin, "Makerspaces", "Making things.")
    workgroups.join(member, group)
    question = questions.ask(member, title="How do you weed a collection?", body="Details.",
                             workgroup_id=group.id, tags="weeding")
    answer = answers.answer(member, question, "We use usage data.")
    remark = comments.add_comment(member, "question", question.id, "A remark.")
    org = _make_organisations(admin)
    org.update(_make_partnership(member))
    db.session.commit()
    return World(slug=article.slug, question_id=question.id, article_id=article.id,
                 question_slug=services.question_url(question).rsplit("/", 1)[1],
                 answer_id=answer.id, comment_id=remark.id, workgroup=group.slug,
                 username=member.username, **org)


def _make_organisations(admin) -> dict:
    """A consortium added by its admin Olga (so unverified), a library not yet in it, a
    branch that is, a duplicate to merge, and a claim by Otto waiting for approval."""
    from orgs import affiliations, consortia
    from orgs import organisations as registry
    from tests.conftest import register_user

    olga = register_user("olga", display_name="Olga Org-Admin")
    other = db.session.scalar(select(User).where(User.username == "otto"))

    def make(user, name, kind="library", **fields):
        return registry.create_organisation(user, registry.clean_details(
            name=name, kind=kind, **fields))

    consortium = make(olga, "Makers Consortium", "consortium", isil="GB-MKC")
    library = make(admin, "Makers Library", isil="GB-MKL")
    branch = make(admin, "Makers Branch", isil="GB-MKB")
    duplicate = make(admin, "Makers Library (duplicate)")
    membership = consortia.add_member(admin, consortium, branch, "member")
    own = affiliations.claim(olga, consortium, "manager")
    affiliations.approve(admin, own)
    affiliations.set_admin(admin, own, True)
    claim = affiliations.claim(other, consortium, "staff")
    return {"org": consortium.slug, "org_duplicate": duplicate.slug,
            "org_library_isil": library.isil, "affiliation_id": claim.id,
            "membership_id": membership.id}


def _make_partnership(member) -> dict:
    """A post on the partnerships board by the member; a date a check may be moved to."""
    from datetime import timedelta

    from partners import posts
    from wiki.checking import today

    post = posts.create_post(member, posts.PostInput(
        title="A makerspace with a school", body="Looking for a school library.",
        region="Northshire", sectors=["school"]))
    return {"partner_post_id": post.id,
            "check_date": (today() + timedelta(days=200)).isoformat()}


WORLD_PEOPLE = ("member", "other_member", "editor", "admin")  # in the fixture's order


def _build_world(loader) -> World:
    """The world as the fixture makes it, in the snapshot's own database: the four
    members made as their fixtures make them, in the same order (so with the same ids)."""
    loader.config["RATELIMIT_ENABLED"] = False
    people = {name: make_person(name) for name in WORLD_PEOPLE}
    return _make_world(people["member"], people["admin"])


@pytest.fixture
def world(app, member, other_member, editor, admin, snapshots) -> World:
    """The member's small world of content, copied from a snapshot made once per run (a
    dozen services and the search index: a few tenths of a second each time otherwise,
    for about a hundred tests). The four members the test holds are the snapshot's
    (same ids, names and profiles); if a test made them in another order, the world is
    made in its database instead, as it always was."""
    app.config["RATELIMIT_ENABLED"] = False
    people = (member, other_member, editor, admin)
    ids = [person.id for person in people]
    alone = db.session.query(User).count() == len(people)
    db.session.rollback()  # the snapshot replaces the database: hold no transaction open
    if alone and ids == list(range(1, len(people) + 1)):
        made = snapshots.get("security-world", _build_world).fill(app)
        db.session.expire_all()
        assert [person.username for person in people] == \
            [PEOPLE[name][0] for name in WORLD_PEOPLE]
        return made
    return _make_world(member, admin)


def fingerprint() -> dict:
    """Every row of every table: a refused request must leave them exactly as they were."""
    db.session.expire_all()
    return {table.name: sorted(repr(tuple(row)) for row in db.session.execute(select(table)))
            for table in db.metadata.sorted_tables}
