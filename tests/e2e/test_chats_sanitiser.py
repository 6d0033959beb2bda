"""A chat's pages run none of the known XSS vectors, in Chromium: the corpus goes through
the real services into replies (live and imported), prompts, the description, the summary
(overview, syntheses, next steps, quoted highlights), featured readings' titles and
outside authors' names, and the list, the chat's archive (every reply, through the same
partial the poll's answers use) and an imported chat are opened with helpers.XssProbe
(the Content-Security-Policy bypassed)."""

from __future__ import annotations

import contextlib
from datetime import datetime

from chats import importing, live, scheduling, summaries
from core import accounts
from core.errors import ValidationFailed
from core.extensions import db
from tests.e2e.helpers import create_user, xss_probe, xss_vectors

CHUNK = 20_000


def _chunks(vectors: list[str], limit: int = CHUNK) -> list[str]:
    chunks, current = [], ""
    for vector in vectors:
        if len(current) + len(vector) + 2 > limit and current:
            chunks.append(current)
            current = ""
        current = f"{current}\n\n{vector}" if current else vector
    return [*chunks, current] if current else chunks


def test_no_vector_runs_on_a_chats_pages(browser, live_server, console):
    vectors = xss_vectors()
    app = live_server.app
    app.config["RATELIMIT_ENABLED"] = False
    create_user(app, "hana", role="editor", display_name="Hana Host")
    with app.app_context():
        host = accounts.get_by_username("hana")
        app.config["CHATS_NOW"] = datetime(2030, 6, 1, 12)
        lines = [" ".join(v.split())[:900] for v in vectors if " ".join(v.split())]
        prompts = "\n".join(line for line in lines[:25]) or "Q1"
        chat = scheduling.schedule_chat(host, scheduling.clean_details(
            title="Sanitiser chat", short_name="xsschat", description=_chunks(vectors, 4000)[0],
            time_zone="UTC", starts_at=datetime(2030, 6, 10, 19),
            ends_at=datetime(2030, 6, 10, 20), prompts=prompts,
            readings="\n".join(f"{line[:150]} https://example.org/{n}"
                               for n, line in enumerate(lines[:20]))))
        app.config["CHATS_NOW"] = datetime(2030, 6, 10, 19, 5)
        for _ in chat.prompts[:3]:
            live.release_next(host, chat)
        replies = []
        for number, chunk in enumerate(_chunks(vectors)):
            with contextlib.suppress(ValidationFailed):  # a chunk the renderer refuses
                replies.append(live.post_reply(host, chat, chunk,
                                               prompt_id=chat.prompts[number % 3].id))
        assert len(replies) >= len(_chunks(vectors)) // 2
        db.session.commit()
        chat_id = chat.id
        app.config["CHATS_NOW"] = datetime(2030, 6, 10, 21)
        summaries.write_summary(host, scheduling.get_chat(chat_id),
                                overview=_chunks(vectors)[0], next_steps=_chunks(vectors)[-1],
                                syntheses={chat.prompts[0].id: _chunks(vectors)[0]},
                                highlights={reply.id for reply in replies})
        summary = "Chat summary: imported vectors\nQ1 – " + lines[0][:900] + "\n" + "\n".join(
            f"  • {line[:4000]} — {line[:50].replace('—', '-')}" for line in lines)
        try:
            imported, _added = importing.import_parsed(None, importing.parse_text(summary))
            imported_id = imported.id
        except ValidationFailed:
            imported_id = None
        db.session.commit()
    with xss_probe(browser, live_server, console) as probe:
        probe.visit("/chats/")
        probe.visit(f"/chats/{chat_id}")
        if imported_id:
            probe.visit(f"/chats/{imported_id}")
        probe.assert_clean()
