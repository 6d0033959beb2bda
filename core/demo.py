"""Demo members (demo/members.toml): a small, realistic community across the library sectors."""

from __future__ import annotations

import demo
from core import accounts
from core.extensions import db
from core.models import User


def demo_members() -> tuple[str, list[dict]]:
    """The demo password, and the members in the order they register."""
    data = demo.manifest("members.toml")
    return data["password"], data["members"]


def load_members() -> dict[str, User]:
    password, members = demo_members()
    users = {}
    for member in members:
        username = member["username"]
        users[username] = accounts.register(
            username, f"{username.replace('.', '-')}@example.org", password,
            role=member["role"], display_name=member["name"], library=member["library"],
            sector=member["sector"], bio=member["bio"])
    db.session.flush()
    return users
