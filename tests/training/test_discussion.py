"""A topic's discussion (the community's comments, kind "training_topic"), trending with
comments, trainer profiles (who may offer) and withdrawing offers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from community.models import Comment, Notification
from core.errors import NotFound, PermissionDenied, RateLimited, ValidationFailed
from core.extensions import db
from core.models import AuditEntry
from core.timeutil import utcnow
from tests.training.conftest import open_campaign
from training import discussion, interest, offers, topics, trainers
from training.models import TrainingTopic

OFFER = {"currency": "GBP", "fixed_fee": "900", "per_head_fee": "5", "min_participants": "5",
         "max_participants": "", "dates": "", "format": "any", "valid_until": None,
         "note": ""}


def _notices(user) -> list[str]:
    return list(db.session.scalars(select(Notification.text).where(
        Notification.user_id == user.id, Notification.kind == "training")))


def test_a_comment_is_sanitised_shown_in_the_feed_and_told_to_the_interested(app, world):
    topic = topics.get_topic(world.topic_id)
    interest.register(world.staff[0], topic, "2", world.libraries[0])
    db.session.commit()
    client = app.test_client()
    client.sign_in_as(world.staff[1])
    posted = client.submit(f"/training/topics/{topic.id}/comments", {
        "body": "Please cover **orphan works** <script>alert(1)</script>"
                "<img src=x onerror=alert(2)>"})
    assert posted.status_code == 302 and "#comment-" in posted.location
    remark = db.session.scalar(select(Comment).where(Comment.target_type == "training_topic"))
    assert "<strong>orphan works</strong>" in remark.html
    assert "<script" not in remark.html and "onerror" not in remark.html
    page = client.get(f"/training/topics/{topic.id}").get_data(as_text=True)
    assert f'id="comment-{remark.id}"' in page and "<script>alert" not in page
    feed = client.get(f"/training/topics/{topic.id}.atom").get_data(as_text=True)
    assert f"#comment-{remark.id}" in feed and "orphan works" in feed
    # The proposer (Hana) and the interested member hear of it; the author does not.
    assert any("commented" in text for text in _notices(world.hana))
    assert any("commented" in text for text in _notices(world.staff[0]))
    assert not _notices(world.staff[1])


@pytest.mark.parametrize(("body", "field_error"), [
    ("", "Write some comment"), ("x" * 601, "the limit is 600"),
    ("bell \x07 here", "control character")])
def test_hostile_comments_are_refused_and_the_text_kept(app, world, body, field_error):
    client = app.test_client()
    client.sign_in_as(world.staff[1])
    refused = client.submit(f"/training/topics/{world.topic_id}/comments", {"body": body})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and field_error in page
    assert db.session.scalar(select(Comment.id).where(
        Comment.target_type == "training_topic")) is None


def test_comments_need_a_member_a_topic_and_keep_the_posting_rate(app, world):
    anonymous = app.test_client().post(f"/training/topics/{world.topic_id}/comments",
                                       data={"body": "hi"})
    assert anonymous.status_code == 400  # no CSRF token; with one, the sign-in page
    with pytest.raises(NotFound):
        discussion.comments.add_comment(world.staff[1], "training_topic", 999_999, "hi")
    for number in range(5):  # a new account: 5 posts in 10 minutes, comments included
        discussion.add(world.staff[1], topics.get_topic(world.topic_id), f"Point {number}")
    with pytest.raises(RateLimited):
        discussion.add(world.staff[1], topics.get_topic(world.topic_id), "One more")


def test_editors_hide_a_comment_with_a_reason_in_the_audit_log(app, world):
    remark = discussion.add(world.staff[1], topics.get_topic(world.topic_id), "Buy my course!")
    db.session.commit()
    with pytest.raises(PermissionDenied):
        discussion.hide(world.hana, remark, True, "Spam")
    with pytest.raises(ValidationFailed, match="Say why"):
        discussion.hide(world.edith, remark, True, "")
    client = app.test_client()
    client.sign_in_as(world.edith)
    done = client.submit(f"/training/topic-comments/{remark.id}/hide",
                         {"hidden": "1", "reason": "Advertising"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Comment, remark.id).hidden
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "comment.hidden"))
    assert entry.reason == "Advertising"
    assert f"/training/topics/{world.topic_id}" in entry.target_url
    assert "Buy my course" in client.get(f"/training/topics/{world.topic_id}").get_data(
        as_text=True)  # editors still see it, marked hidden
    member = app.test_client()
    member.sign_in_as(world.staff[0])
    assert "Buy my course" not in member.get(f"/training/topics/{world.topic_id}").get_data(
        as_text=True)
    assert "Buy my course" not in member.get(f"/training/topics/{world.topic_id}.atom") \
        .get_data(as_text=True)
    other = app.test_client()
    other.sign_in_as(world.hana)
    assert other.submit(f"/training/topic-comments/{remark.id}/hide",
                        {"hidden": "0", "reason": ""}).status_code == 403


def test_comments_move_a_topic_up_the_trending_list(app, world):
    now = utcnow()
    newer = topics.propose(world.hana, topics.clean_topic(
        "Weeding reference collections", "", "any", "", [], ""))
    interest.register(world.staff[0], newer, "1", world.libraries[0])
    db.session.commit()
    older = topics.get_topic(world.topic_id)
    older.created_at = newer.created_at = now - timedelta(days=3)
    older.created_at -= timedelta(hours=1)
    db.session.commit()

    def order():
        return [topic.id for topic in topics.trending(select(TrainingTopic))][:2]

    assert order() == [newer.id, older.id]
    for author in world.staff[1:3]:
        discussion.add(author, older, "We would come too.")
    db.session.commit()
    assert order() == [older.id, newer.id]


def test_only_trainers_make_offers(app, world):
    topic = topics.get_topic(world.topic_id)
    with pytest.raises(PermissionDenied):
        offers.make_offer(world.stray, topic, OFFER)
    client = app.test_client()
    client.sign_in_as(world.stray)
    page = client.get(f"/training/topics/{topic.id}/offer").get_data(as_text=True)
    assert "declare yourself a trainer" in page and "Send the offer" not in page
    refused = client.submit("/training/trainer", {"description": "a\x00b", "region": ""})
    assert refused.status_code == 422
    saved = client.submit("/training/trainer", {"description": "Copyright clinics.",
                                                "region": "Online"})
    assert saved.status_code == 302
    assert offers.make_offer(world.stray, topic, OFFER).trainer_id == world.stray.id
    db.session.commit()
    profile = client.get(f"/users/{world.stray.username}").get_data(as_text=True)
    assert "Copyright clinics." in profile and "Trains in: Online" in profile
    assert "Trainer: Copyright clinics." in client.get(f"/training/topics/{topic.id}") \
        .get_data(as_text=True)
    trainers.remove_profile(world.stray)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        offers.make_offer(world.stray, topic, OFFER)


def test_a_training_providers_affiliate_may_offer_without_a_profile(world):
    from orgs import affiliations
    from orgs import organisations as registry

    provider = registry.create_organisation(world.edith, registry.clean_details(
        name="Shelf Skills Ltd", kind="training", sectors="public", country="GB",
        region="Northshire"))
    db.session.flush()
    claim = affiliations.claim(world.stray, provider, "staff")
    assert not trainers.trains(world.stray)  # pending is not enough
    affiliations.approve(world.edith, claim)
    assert trainers.trains(world.stray)
    offer = offers.make_offer(world.stray, topics.get_topic(world.topic_id), OFFER, provider)
    assert offer.provider_id == provider.id


def test_a_trainer_withdraws_an_offer_until_it_is_accepted(app, world):
    campaign = open_campaign(world)
    topic = topics.get_topic(world.topic_id)
    offer = offers.make_offer(world.tom, topic, OFFER, campaign=campaign)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        offers.withdraw(world.hana, offer)
    client = app.test_client()
    client.sign_in_as(world.tom)
    assert client.submit(f"/training/offers/{offer.id}/withdraw").status_code == 302
    db.session.expire_all()
    assert offers.get_offer(offer.id).status == "withdrawn"
    assert any("withdrew" in text for text in _notices(world.hana))
    with pytest.raises(PermissionDenied):  # withdrawn already: nothing left to withdraw
        offers.withdraw(world.tom, offers.get_offer(offer.id))
    second = offers.make_offer(world.tom, topic, OFFER, campaign=campaign)
    offers.accept(world.hana, second, campaign)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        offers.withdraw(world.tom, second)
    refused = client.submit(f"/training/offers/{second.id}/withdraw")
    assert refused.status_code == 302 and offers.get_offer(second.id).status == "accepted"
