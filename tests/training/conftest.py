"""The training register's world, made once per run through the real services and copied
into each test (the `snapshots` fixture): an umbrella body hosted by Hana, four libraries
each with a member who acts for it, an editor, a trainer (with a trainer profile), and
one open topic."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from core.extensions import db
from core.timeutil import utcnow
from tests.conftest import register_user

LIBRARIES = ("Ashby Library", "Brook Library", "Carr Library", "Dale Library")
STAFF = ("ann", "bob", "cat", "dan")


def build_world(_app) -> dict:
    from orgs import affiliations, consortia
    from orgs import organisations as registry
    from training import topics, trainers

    edith = register_user("edith", "editor", display_name="Edith Editor")
    hana = register_user("hana", display_name="Hana Host")
    tom = register_user("tom", display_name="Tom Trainer")
    trainers.save_profile(tom, "Copyright and licensing for libraries.", "Northshire, online")
    stray = register_user("stray", display_name="Stray Member")
    body = registry.create_organisation(edith, registry.clean_details(
        name="Northshire Library Network", kind="association", sectors="public",
        country="GB", region="Northshire"))
    db.session.flush()
    mine = affiliations.claim(hana, body, "manager")
    affiliations.approve(edith, mine)
    affiliations.set_admin(edith, mine, True)
    libraries, staff = [], []
    for name, username in zip(LIBRARIES, STAFF, strict=True):
        library = registry.create_organisation(edith, registry.clean_details(
            name=name, kind="library", sectors="public", country="GB", region="Northshire"))
        db.session.flush()
        consortia.add_member(edith, body, library, "member")
        person = register_user(username, display_name=f"{username.title()} of {name}")
        claim = affiliations.claim(person, library, "staff")
        affiliations.approve(edith, claim)
        libraries.append(library.id)
        staff.append(person.id)
    topic = topics.propose(hana, topics.clean_topic(
        "Copyright for digitisation projects", "What may we scan?", "workshop",
        "special collections staff", ["public"], "Northshire"))
    db.session.commit()
    return {"edith": edith.id, "hana": hana.id, "tom": tom.id, "stray": stray.id,
            "body": body.id, "libraries": libraries, "staff": staff, "topic": topic.id}


@pytest.fixture
def world(app, snapshots):
    from core.models import User
    from orgs.models import Organisation

    ids = snapshots.get("training-world", build_world).fill(app)
    user = lambda user_id: db.session.get(User, user_id)  # noqa: E731
    return SimpleNamespace(
        ids=ids, edith=user(ids["edith"]), hana=user(ids["hana"]), tom=user(ids["tom"]),
        stray=user(ids["stray"]), body=db.session.get(Organisation, ids["body"]),
        libraries=[db.session.get(Organisation, i) for i in ids["libraries"]],
        staff=[user(i) for i in ids["staff"]], topic_id=ids["topic"])


def campaign_values(**overrides) -> dict:
    """What the host types into the form (text, as typed)."""
    deadline = (utcnow() + timedelta(days=7)).replace(second=0, microsecond=0)
    values = {"region": "Northshire", "min_participants": "6", "max_participants": "12",
              "currency": "GBP", "fixed_fee": "1200", "per_head_fee": "10", "target": "",
              "deadline": deadline, "timezone": "UTC"}
    values.update(overrides)
    return values


def open_campaign(world, **overrides):
    from training import campaigns, topics

    details = campaigns.clean_campaign(campaign_values(**overrides))
    campaign = campaigns.open_campaign(world.hana, topics.get_topic(world.topic_id),
                                       world.body, details)
    db.session.commit()
    return campaign


def later(days: float) -> datetime:
    return utcnow() + timedelta(days=days)
