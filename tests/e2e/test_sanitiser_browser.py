"""Known XSS vectors, saved as articles through the real service, run nothing in Chromium.

Every vector of the shared corpus goes into an article body (60 to an article); some
go into titles and edit summaries too, and tags carry the quote and ampersand
characters the tag rules let through, and the author's display name carries markup.
Each article page, its history and its diff, and
the lists and search results that show the titles, are opened in Chromium with a trap
installed before any page script: alert, confirm, prompt, print, eval and string
timers set `window.__xss`, and any dialog is recorded. Inline handlers are then
provoked: every element in the page's main part gets the mouse, focus, load, error,
animation and toggle events, a real pointer moves over member text, Tab is pressed, and
the header search box lists the titles as suggestions.

The browser profile ignores the site's Content-Security-Policy (`bypass_csp`): with the
policy on, Chromium refuses inline scripts and handlers itself, so a vector that got
through the sanitiser would still never run and this test could not see it. Here the
sanitiser stands alone. (The policy is checked on every other browser test, where any
violation fails the test.) The DOM is also searched for what must never survive:
`on*` attributes, scripts that are not the site's own, `javascript:` URLs, frames,
embedded objects, `<base>`, `<style>`, SVG and MathML, and form controls in member text.
(The trap and these checks are in helpers.py, shared with test_sanitiser_everywhere.py.)
"""

from __future__ import annotations

from playwright.sync_api import expect

from core import accounts
from core.extensions import db
from tests.e2e.helpers import PASSWORD, XSS_TAGS, pages_for_this_run, xss_probe, xss_vectors
from wiki import saving

PER_ARTICLE = 60


def _one_line(payload: str, limit: int) -> str | None:
    text = " ".join(payload.split())
    return text if 0 < len(text) <= limit else None


def _create_articles(app, payloads: list[str]) -> list[str]:
    """One article per batch of vectors, with two revisions; returns their slugs."""
    batches = [payloads[i:i + PER_ARTICLE] for i in range(0, len(payloads), PER_ARTICLE)]
    lines = [line for line in map(lambda p: _one_line(p, 150), payloads) if line]
    summaries = [line for line in map(lambda p: _one_line(p, 300), payloads) if line]
    slugs = []
    with app.app_context():
        # An editor: the limit on links in new members' text would refuse the vectors.
        author = accounts.register("mallory", "mallory@example.org", PASSWORD, role="editor",
                                   display_name="Mallory <b onmouseover=alert(1)>M</b>")
        for number, batch in enumerate(batches, start=1):
            title = f"Batch {number:02d} {lines[number % len(lines)]}"
            created = saving.create_article(
                author, title=title, body="\n\n".join(batch[::2]),
                summary=summaries[(2 * number) % len(summaries)], tags=XSS_TAGS)
            edited = saving.save_edit(
                created.article, author, title=title, body="\n\n".join(batch),
                summary=summaries[(2 * number + 1) % len(summaries)], tags=XSS_TAGS,
                base_revision=1)
            assert edited.revision is not None and edited.revision.number == 2
            slugs.append(created.article.slug)
        db.session.commit()
    return slugs


def test_xss_vectors_run_nothing_in_the_browser(browser, live_server, console):
    payloads = xss_vectors()
    slugs = _create_articles(live_server.app, payloads)
    assert len(slugs) == -(-len(payloads) // PER_ARTICLE)

    paths = ["/wiki/", "/wiki/recent", "/wiki/tags/", "/search?q=alert",
             "/search?q=script+img", "/search?q=batch&type=article"]
    for slug in slugs:
        paths += [f"/wiki/{slug}", f"/wiki/{slug}/history", f"/wiki/{slug}/diff?from=1&to=2"]

    with xss_probe(browser, live_server, console) as probe:
        for path in pages_for_this_run(paths):
            probe.visit(path)
        probe.assert_clean()

        # The titles as search suggestions (the script builds them with textContent).
        page = probe.page
        page.goto("/wiki/recent")
        page.locator("#site-search-q").press_sequentially("batch", delay=30)
        options = page.locator("#site-search-suggestions [role=option]")
        expect(options.first).to_be_visible()
        for index in range(min(3, options.count())):
            options.nth(index).hover()

        probe.check("the search suggestions")
        probe.assert_clean()
    assert not console.unexpected(), console.unexpected()
