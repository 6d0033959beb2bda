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
    org_id: int = 0
    topic_id: int = 0
    topic2_id: int = 0
    campaign_id: int = 0
    pledge_id: int = 0
    offer_id: int = 0
    topic_comment_id: int = 0
    file_sha: str = ""  # uploaded by the member, used by nothing yet (files/)
    chat_id: int = 0
    chat_reply_id: int = 0
    suggestion_id: int = 0
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
    org["file_sha"] = _make_file(member)
    chat = _make_chat(member, admin)
    org.update(_make_partnership(member))
    db.session.commit()
    return World(slug=article.slug, question_id=question.id, article_id=article.id,
                 question_slug=services.question_url(question).rsplit("/", 1)[1],
                 answer_id=answer.id, comment_id=remark.id, workgroup=group.slug,
                 username=member.username, **org, **chat)


def _make_chat(member, admin) -> dict:
    """A chat hosted by the admin, live for the next eleven hours, its first prompt out
    and answered by Mina; and a topic Mina suggested for the next one."""
    from datetime import timedelta

    from chats import agenda, live
    from chats.models import Chat, Prompt
    from core.timeutil import utcnow

    start = utcnow() - timedelta(minutes=5)
    chat = Chat(title="Weeding hour", short_name="weedchat", time_zone="Europe/London",
                starts_at=start, ends_at=start + timedelta(hours=11), host_id=admin.id)
    chat.prompts.extend([Prompt(number=1, body="What do you weed first?", html="<p>W</p>"),
                         Prompt(number=2, body="Who decides?", html="<p>D</p>")])
    db.session.add(chat)
    db.session.flush()
    live.release_next(admin, chat)
    reply = live.post_reply(member, chat, "Outdated travel guides.",
                            prompt_id=chat.prompts[0].id)
    suggestion = agenda.suggest(member, "Lending telescopes")
    return {"chat_id": chat.id, "chat_reply_id": reply.id, "suggestion_id": suggestion.id}


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
            "membership_id": membership.id, **_make_training(olga, consortium)}


def _make_training(olga, consortium) -> dict:
    """Two topics; a campaign on the first hosted by Olga's consortium, which pledges to
    it; a trainer's offer on it (by Otto, who has a trainer profile); a comment on it."""
    from datetime import timedelta

    from core.timeutil import utcnow
    from training import campaigns, discussion, offers, pledges, topics, trainers

    other = db.session.scalar(select(User).where(User.username == "otto"))
    trainers.save_profile(other, "Cataloguing and metadata workshops.", "online")
    topic = topics.propose(olga, topics.clean_topic("Cataloguing zines", "", "workshop", "",
                                                    [], ""))
    topic2 = topics.propose(olga, topics.clean_topic("Zine cataloguing", "", "any", "", [],
                                                     ""))
    deadline = (utcnow() + timedelta(days=10)).replace(second=0, microsecond=0)
    campaign = campaigns.open_campaign(olga, topic, consortium, campaigns.clean_campaign({
        "region": "", "min_participants": "5", "max_participants": "", "currency": "GBP",
        "fixed_fee": "500", "per_head_fee": "0", "target": "", "deadline": deadline,
        "timezone": "UTC"}))
    pledge = pledges.pledge(olga, campaign.id, consortium, "2", "500")
    offer = offers.make_offer(other, topic, {
        "currency": "GBP", "fixed_fee": "400", "per_head_fee": "0", "min_participants": "4",
        "max_participants": "", "dates": "", "format": "any", "valid_until": None,
        "note": ""}, campaign=campaign)
    remark = discussion.add(olga, topic, "Could it cover **zine** metadata?")
    return {"org_id": consortium.id, "topic_id": topic.id, "topic2_id": topic2.id,
            "campaign_id": campaign.id, "pledge_id": pledge.id, "offer_id": offer.id,
            "topic_comment_id": remark.id}


def _make_file(member) -> str:
    """An image the member uploaded and has not used yet: only they and editors see it."""
    import io

    from PIL import Image

    from files.uploads import Upload, upload

    data = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(data, "PNG")
    data.seek(0)
    return upload(member, Upload(data, "draft.png", alt="A teal square")).sha256


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
