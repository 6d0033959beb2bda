"""The demo network for `flask demo load` (demo/orgs.toml): organisations, consortium
memberships and the demo members' affiliations, made through the part's own services
after the members exist."""

from __future__ import annotations

import demo
from core.extensions import db
from orgs import affiliations, consortia
from orgs import organisations as registry

DETAILS = ("name", "kind", "sectors", "country", "region", "isil", "website", "description",
           "parent")


def load_demo_orgs(users: dict) -> dict:
    """The organisations by their key in the manifest."""
    network = demo.manifest("orgs.toml")
    editor, admin = users[network["editor"]], users[network["admin"]]
    made = {}
    for spec in network["organisations"]:
        details = registry.clean_details(**{name: spec.get(name, "") for name in DETAILS})
        made[spec["key"]] = registry.create_organisation(editor, details, verified=True)
    for spec in network["memberships"]:
        consortia.add_member(editor, made[spec["consortium"]], made[spec["member"]],
                             spec["role"])
    for spec in network["affiliations"]:
        user = users[spec["member"]]
        claimed = affiliations.claim(user, made[spec["organisation"]], spec["role"],
                                     show_in_byline=spec.get("byline", False))
        if spec.get("pending"):
            continue
        approver = admin if user.id == editor.id else editor
        affiliations.approve(approver, claimed)
        if spec.get("admin"):
            affiliations.set_admin(approver, claimed, True)
    db.session.flush()
    return made
