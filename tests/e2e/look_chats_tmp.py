from datetime import datetime
from pathlib import Path

from tests.e2e.helpers import browser_page, create_user, sign_in

OUT = Path("/tmp/look-chats")


def test_shots(browser, live_server, console):
    OUT.mkdir(exist_ok=True)
    app = live_server.app
    app.config["RATELIMIT_ENABLED"] = False
    create_user(app, "hana", role="editor", display_name="Hana Host")
    create_user(app, "ria", display_name="Ria Reader")
    from chats import agenda, live, scheduling, summaries
    from core import accounts
    from core.extensions import db
    with app.app_context():
        app.config["CHATS_NOW"] = datetime(2030, 6, 1, 12)
        hana, ria = accounts.get_by_username("hana"), accounts.get_by_username("ria")
        chat = scheduling.schedule_chat(hana, scheduling.clean_details(
            title="Seed libraries after the first season", short_name="seedchat",
            description="An hour on **seed libraries**.", time_zone="Europe/London",
            starts_at=datetime(2030, 6, 10, 19), ends_at=datetime(2030, 6, 10, 20),
            prompts="What grew best?\nWhat would you change next year, and why?\nWho helps?",
            readings="Seed guide /wiki/seeds\nhttps://example.org/a-very-long-address/of/some/reading/that/goes/on"))
        agenda.suggest(ria, "Quiet study spaces")
        app.config["CHATS_NOW"] = datetime(2030, 6, 10, 18, 10)
        live.release_next(hana, chat)
        intro = live.post_reply(ria, chat, "Hi! Ria from Fen Town.")
        first = live.post_reply(ria, chat, "Runner beans, by a mile. " * 5, prompt_id=chat.prompts[0].id)
        live.post_reply(hana, chat, "Same here.", parent_id=first.id)
        db.session.commit()
        chat_id = chat.id
        first_id = first.id
    for width in (390, 1280):
        for scheme in ("light", "dark"):
            with browser_page(browser, live_server, console, color_scheme=scheme) as page:
                page.set_viewport_size({"width": width, "height": 900})
                sign_in(page, "hana")
                for name, path in (("index", "/chats/"), ("live", f"/chats/{chat_id}"),
                                   ("new", "/chats/new"), ("agenda", "/chats/agenda")):
                    page.goto(path)
                    page.screenshot(path=str(OUT / f"{name}-{width}-{scheme}.png"), full_page=True)
    with app.app_context():
        app.config["CHATS_NOW"] = datetime(2030, 6, 10, 21)
        chat = scheduling.get_chat(chat_id)
        summaries.write_summary(accounts.get_by_username("hana"), chat, overview="Beans won.",
                                next_steps="Label packets.", syntheses={chat.prompts[0].id: "Easy crops."},
                                highlights={first_id})
        db.session.commit()
    with browser_page(browser, live_server, console) as page:
        page.set_viewport_size({"width": 390, "height": 900})
        page.goto(f"/chats/{chat_id}")
        page.screenshot(path=str(OUT / "archive-390.png"), full_page=True)
        page.emulate_media(media="print")
        page.screenshot(path=str(OUT / "archive-print.png"), full_page=True)
        sign_in(page, "hana")
        page.emulate_media(media="screen")
        page.goto(f"/chats/{chat_id}/summary")
        page.screenshot(path=str(OUT / "summary-390.png"), full_page=True)
