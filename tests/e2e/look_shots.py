"""Screenshots for looking at the pages (not a test: run it by name).

    .venv/bin/pytest -q -p no:cacheprovider tests/e2e/look_shots.py

Writes /tmp/look/<page>-<width>-<scheme>.png, and print renderings.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.e2e.helpers import browser_page, sign_in
from tests.e2e.test_look import seed

OUT = Path(os.environ.get("LOOK_DIR", "/tmp/look"))  # noqa: S108 (a place to look at)
PAGES = {
    "article": "/wiki/homework-help-clubs",
    "history": "/wiki/homework-help-clubs/history",
    "question": None,  # filled from the seed
    "home": "/",
    "questions": "/questions/",
}


def test_screenshots(browser, live_server, console):
    OUT.mkdir(parents=True, exist_ok=True)
    ids = seed(live_server.app)
    PAGES["question"] = ids["question_path"]
    only = os.environ.get("LOOK_ONLY", "")
    for scheme in os.environ.get("LOOK_SCHEMES", "light,dark").split(","):
        for width in map(int, os.environ.get("LOOK_WIDTHS", "390,1280").split(",")):
            with browser_page(browser, live_server, console, color_scheme=scheme) as page:
                page.set_viewport_size({"width": width, "height": 900})
                sign_in(page, "rosa")
                for name, path in PAGES.items():
                    if only and name not in only.split(","):
                        continue
                    page.goto(path)
                    page.screenshot(path=str(OUT / f"{name}-{width}-{scheme}.png"),
                                    full_page=True)
                page.goto(PAGES["article"])
                page.get_by_role("button", name="Account").click()
                page.screenshot(path=str(OUT / f"menu-{width}-{scheme}.png"))
                page.keyboard.press("Escape")
                search = page.locator("#site-search-q")
                if search.count():
                    search.fill("ho")
                    page.wait_for_timeout(600)
                    page.screenshot(path=str(OUT / f"suggest-{width}-{scheme}.png"))
    with browser_page(browser, live_server, console) as page:
        sign_in(page, "rosa")
        page.goto(PAGES["article"])
        page.emulate_media(media="print")
        page.screenshot(path=str(OUT / "article-print.png"), full_page=True)
