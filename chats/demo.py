"""The demo's chats for `flask demo load` (demo/chats.toml): one upcoming chat with an
open agenda, and an archived chat imported from a summary file, through the part's own
services."""

from __future__ import annotations

from datetime import datetime, timedelta

import demo
from chats import agenda, importing, scheduling
from core.extensions import db


def load_demo_chats(users: dict) -> dict:
    spec = demo.manifest("chats.toml")
    host = users[spec["host"]]
    coming = spec["upcoming"]
    zone = scheduling.local_time(scheduling.now(), coming["time_zone"])
    day = (zone + timedelta(days=coming["days"])).date()
    starts = datetime.fromisoformat(f"{day.isoformat()}T{coming['time']}")
    details = scheduling.clean_details(
        title=coming["title"], short_name=coming["short_name"],
        description=coming["description"], time_zone=coming["time_zone"], starts_at=starts,
        ends_at=starts + timedelta(minutes=coming["minutes"]),
        prompts="\n".join(coming["prompts"]),
        readings="\n".join(f"{title} {url}" for title, url in coming["readings"]))
    upcoming = scheduling.schedule_chat(host, details)
    for topic in spec["suggestions"]:
        suggestion = agenda.suggest(users[topic["member"]], topic["title"])
        for voter in topic["voters"]:
            agenda.vote(users[voter], suggestion, True)
    archived = []
    for item in spec["archived"]:
        text = (demo.FOLDER / item["file"]).read_text(encoding="utf-8")
        chat, _added = importing.import_parsed(None, importing.parse_text(text, "Europe/London"),
                                               item.get("short_name", ""))
        archived.append(chat)
    db.session.flush()
    return {"upcoming": upcoming, "archived": archived}
