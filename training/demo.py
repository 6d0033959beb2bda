"""The demo training register for `flask demo load` (demo/training.toml), made through the
part's own services after the organisations exist. Campaigns that the demo shows settled
are opened, pledged to, and then given a deadline in the past and settled by the deadline
job's own function, as they would be on a live site."""

from __future__ import annotations

from datetime import timedelta

import demo
from core.extensions import db
from core.timeutil import utcnow
from training import campaigns, discussion, interest, offers, pledges, topics, trainers


def load_demo_training(users: dict, orgs: dict) -> dict:
    register = demo.manifest("training.toml")
    editor = next(user for user in users.values() if user.is_editor and not user.is_admin)
    made = {}
    for spec in register["topics"]:
        topic = topics.propose(users[spec["author"]], topics.clean_topic(
            spec["title"], spec.get("description", "").strip(), spec.get("format", "any"),
            spec.get("audience", ""), spec.get("sectors", []), spec.get("region", "")))
        for row in spec.get("interest", []):
            interest.register(users[row["member"]], topic, str(row["seats"]),
                              orgs[row["organisation"]] if "organisation" in row else None)
        made[spec["key"]] = topic
    for spec in register["topics"]:
        if "duplicate_of" in spec:
            topics.mark_duplicate(editor, made[spec["key"]], made[spec["duplicate_of"]])
        elif spec.get("status"):
            topics.set_status(editor, made[spec["key"]], spec["status"], spec.get("reason", ""))
    for spec in register.get("trainers", []):
        trainers.save_profile(users[spec["member"]], spec["description"], spec["region"])
    for spec in register.get("comments", []):
        discussion.add(users[spec["member"]], made[spec["topic"]], spec["body"])
    offered = {}
    for spec in register["offers"]:
        offered[spec["topic"]] = offers.make_offer(users[spec["trainer"]], made[spec["topic"]], {
            "currency": "GBP", "fixed_fee": spec["fixed_fee"],
            "per_head_fee": spec["per_head_fee"],
            "min_participants": str(spec["min_participants"]),
            "max_participants": str(spec.get("max_participants", "")),
            "dates": spec.get("dates", ""), "format": spec.get("format", "any"),
            "valid_until": None, "note": ""}, orgs.get(spec.get("provider", "")))
    for spec in register["campaigns"]:
        _campaign(spec, users, orgs, made, offered)
    db.session.flush()
    return made


def _campaign(spec: dict, users: dict, orgs: dict, made: dict, offered: dict) -> None:
    deadline = (utcnow() + timedelta(days=spec["deadline_days"])).replace(second=0,
                                                                         microsecond=0)
    details = campaigns.clean_campaign({
        "region": spec.get("region", ""), "min_participants": str(spec["min_participants"]),
        "max_participants": str(spec.get("max_participants", "")), "currency": "GBP",
        "fixed_fee": spec["fixed_fee"], "per_head_fee": spec["per_head_fee"], "target": "",
        "deadline": deadline, "timezone": "Europe/London"})
    opener = users[spec["opener"]]
    campaign = campaigns.open_campaign(opener, made[spec["topic"]], orgs[spec["host"]],
                                       details, offered.get(spec.get("offer", "")))
    for row in spec["pledges"]:
        pledges.pledge(users[row["member"]], campaign.id, orgs[row["organisation"]],
                       str(row["seats"]), row["max_price"])
    outcome = spec.get("outcome")
    if outcome:
        campaign.deadline = utcnow() - timedelta(days=2)
        db.session.flush()
        campaigns.settle(campaign)
    if outcome in ("scheduled", "delivered"):
        campaigns.schedule(opener, campaign.id, spec["schedule"])
    if outcome == "delivered":
        campaigns.deliver(opener, campaign.id)
