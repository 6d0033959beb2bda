"""The register's pages run no query per item: their counts do not grow as topics,
interest, campaigns and pledges are added (as tests/security/test_query_counts.py checks
for the rest of the site)."""

from __future__ import annotations

from core.extensions import db
from tests.security.test_query_counts import counting
from tests.training.conftest import open_campaign
from training import interest, offers, pledges, topics


def _grow(world, start: int, count: int) -> None:
    for number in range(start, start + count):
        topic = topics.propose(world.tom, topics.clean_topic(
            f"Topic number {number}", "", "any", "", ["public"], "Northshire"))
        for index, person in enumerate(world.staff):
            interest.register(person, topic, str(1 + number % 3), world.libraries[index])
        offers.make_offer(world.tom, topics.get_topic(world.topic_id), {
            "currency": "GBP", "fixed_fee": "100", "per_head_fee": "1",
            "min_participants": "2", "max_participants": "", "dates": "", "format": "any",
            "valid_until": None, "note": ""})
    db.session.commit()


def _counts(client, paths) -> dict[str, int]:
    counts = {}
    for path in paths:
        client.get(path)
        with counting() as statements:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(statements)
    return counts


def test_register_pages_do_not_query_per_item(app, world):
    app.config["RATELIMIT_ENABLED"] = False
    campaign = open_campaign(world, max_participants="")
    world.campaign_id = campaign.id
    paths = ["/training/", "/training/?tab=wanted", "/training/?tab=newest",
             f"/training/topics/{world.topic_id}", f"/training/campaigns/{campaign.id}",
             f"/training/campaigns/{campaign.id}.json", f"/orgs/{world.body.slug}/training",
             f"/training/topics/{world.topic_id}.atom"]
    _grow(world, 0, 2)
    pledges.pledge(world.staff[0], campaign.id, world.libraries[0], "1", "900")
    db.session.commit()
    host = app.test_client()
    host.sign_in_as(world.hana)
    small = _counts(host, paths)
    _grow(world, 2, 8)
    for index in (1, 2, 3):
        pledges.pledge(world.staff[index], campaign.id, world.libraries[index], "1", "900")
        pledges.pledge(world.staff[index], campaign.id, world.libraries[index], "2", "900")
    db.session.commit()
    large = _counts(host, paths)
    grown = {path: (small[path], large[path]) for path in paths if large[path] > small[path]}
    assert not grown, f"queries grew with the content (before, after): {grown}"
