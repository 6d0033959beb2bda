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
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from core import accounts
from core.extensions import db
from tests.e2e.helpers import PASSWORD, browser_page
from wiki import services as wiki

XSS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "xss"
VECTORS = XSS_DIR / "xss_vectors_combined.json"
PER_ARTICLE = 60
# The tag rules (letters, digits, spaces, + & ' . -) reject every vector in the corpus;
# these keep the characters they allow that matter in HTML attributes and text.
TAGS = ["o'reilly & sons", "x&ltscript&gtalert", "q' onmouseover 'alert"]

TRAP = """
(() => {
  let hit = false;
  const calls = [];
  const flag = (name, args) => {
    hit = true;
    calls.push(name + "(" + Array.from(args).map(String).join(", ").slice(0, 120) + ")");
  };
  Object.defineProperty(window, "__xss", {
    get: () => hit, set: (value) => { if (value) { hit = true; calls.push("__xss = " + value); } },
  });
  Object.defineProperty(window, "__xssCalls", { get: () => calls.slice() });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    Object.defineProperty(window, name, {
      value: function () { flag(name, arguments); }, writable: false, configurable: false,
    });
  }
  // Playwright's own page.evaluate goes through eval too: let that through, unflagged.
  const realEval = window.eval;
  window.eval = function (code) {
    if (!String(new Error().stack).includes("UtilityScript.evaluate")) {
      flag("eval", arguments);
      return undefined;
    }
    return realEval(code);
  };
  for (const name of ["setTimeout", "setInterval"]) {
    const real = window[name];
    window[name] = function (handler, ...rest) {
      if (typeof handler !== "function") { flag(name, [handler]); return 0; }
      return real.call(this, handler, ...rest);
    };
  }
})();
"""

PROVOKE = """
() => {
  // Through the prototypes: a vector's form may clobber element.focus and friends.
  const dispatch = EventTarget.prototype.dispatchEvent;
  const tagName = Object.getOwnPropertyDescriptor(Element.prototype, "tagName").get;
  const types = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "mouseout",
    "mouseleave", "pointerover", "pointerenter", "pointerdown", "focus", "focusin", "blur",
    "focusout", "dblclick", "contextmenu", "keydown", "keypress", "keyup", "input", "change",
    "select", "load", "error", "abort", "animationstart", "animationend", "transitionend",
    "toggle", "wheel", "scroll", "copy", "paste", "drag", "dragstart", "drop", "touchstart",
    "begin", "beforeprint", "afterprint", "hashchange", "readystatechange", "message"];
  const elements = [document.body, ...document.querySelectorAll("main, main *")];
  for (const element of elements) {
    for (const type of types) { dispatch.call(element, new Event(type, { bubbles: false })); }
    if (element instanceof HTMLElement) { HTMLElement.prototype.focus.call(element); }
    if (tagName.call(element) === "DETAILS") { element.setAttribute("open", ""); }
  }
  for (const type of ["load", "error", "hashchange", "message", "resize", "pageshow"]) {
    window.dispatchEvent(new Event(type));
  }
  // Where a real pointer should go next: the middle of a few pieces of member text.
  const points = Array.from(document.querySelectorAll(
      ".prose a, .prose img, .prose span, .prose p, .diff ins, .diff del, table.history td, "
      + ".result a"))
    .map((element) => Element.prototype.getBoundingClientRect.call(element))
    .filter((box) => box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight)
    .slice(0, 4).map((box) => [box.left + box.width / 2, box.top + box.height / 2]);
  return { elements: elements.length, points };
}
"""

FORBIDDEN = """
() => {
  const found = [];
  const own = location.origin + "/static/";
  const never = ["iframe", "frame", "frameset", "object", "embed", "applet", "base", "style",
                 "svg", "math", "template", "noscript", "xmp", "plaintext"];
  const notInText = ["form", "input", "button", "textarea", "select", "option", "video",
                     "audio", "source", "marquee"];
  const memberText = ".prose, .diff, .snippet, h1, .item-title, .tags, .byline";
  // Through the prototypes: a vector's form may clobber element.attributes and friends.
  const getter = (type, name) => Object.getOwnPropertyDescriptor(type.prototype, name).get;
  const tagName = getter(Element, "tagName");
  const outerHTML = getter(Element, "outerHTML");
  const parent = getter(Node, "parentElement");
  const names = Element.prototype.getAttributeNames;
  const get = Element.prototype.getAttribute;
  const closest = Element.prototype.closest;
  const html = (element) => outerHTML.call(element).slice(0, 120);
  for (const element of document.querySelectorAll("*")) {
    const tag = tagName.call(element).toLowerCase();
    const around = closest.call(element, "[class]");
    const at = tag + " in ." + (around ? get.call(around, "class") : "?");
    for (const name of names.call(element).map((name) => name.toLowerCase())) {
      const raw = get.call(element, name) || "";
      const value = raw.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) { found.push(`${at}: ${name}=${raw.slice(0, 80)}`); }
      if (/^(javascript|vbscript|livescript):/.test(value)) {
        found.push(`${at}: ${name} is a script URL`);
      }
      if (value.startsWith("data:") && !(tag === "img" && name === "src")) {
        found.push(`${at}: ${name} is a data: URL`);
      }
      if (["srcdoc", "formaction", "xlink:href", "style"].includes(name)) {
        found.push(`${at}: ${name}`);
      }
    }
    if (tag === "script" && !(get.call(element, "src") || "").startsWith("/static/")
        && !(get.call(element, "src") || "").startsWith(own)) {
      found.push("a script that is not the site's: " + html(element));
    }
    if (never.includes(tag)) { found.push(`<${tag}>: ` + html(element)); }
    if (["link", "meta"].includes(tag) && parent.call(element) !== document.head) {
      found.push(`<${tag}> outside the head: ` + html(element));
    }
    if (notInText.includes(tag) && closest.call(element, memberText)) {
      found.push(`<${tag}> in member text: ` + html(element));
    }
  }
  return found;
}
"""


def _vectors() -> list[str]:
    if not VECTORS.exists():
        pytest.skip(f"the XSS corpus is not here: {VECTORS}")
    return [item["payload"] for item in json.loads(VECTORS.read_text(encoding="utf-8"))]


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
            created = wiki.create_article(
                author, title=title, body="\n\n".join(batch[::2]),
                summary=summaries[(2 * number) % len(summaries)], tags=TAGS)
            edited = wiki.save_edit(
                created.article, author, title=title, body="\n\n".join(batch),
                summary=summaries[(2 * number + 1) % len(summaries)], tags=TAGS,
                base_revision=1)
            assert edited.revision is not None and edited.revision.number == 2
            slugs.append(created.article.slug)
        db.session.commit()
    return slugs


def test_xss_vectors_run_nothing_in_the_browser(browser, live_server, console):
    payloads = _vectors()
    slugs = _create_articles(live_server.app, payloads)
    assert len(slugs) == -(-len(payloads) // PER_ARTICLE)
    # Vectors load images from elsewhere or from made-up paths: those loads fail on
    # purpose (other hosts are cut off below), as would the policy's refusals.
    console.allow(r"Failed to load resource")
    console.allow(r"Content Security Policy|Refused to")

    paths = ["/wiki/", "/wiki/recent", "/wiki/tags/", "/search?q=alert",
             "/search?q=script+img", "/search?q=batch&type=article"]
    for slug in slugs:
        paths += [f"/wiki/{slug}", f"/wiki/{slug}/history", f"/wiki/{slug}/diff?from=1&to=2"]

    dialogs: list[str] = []
    problems: list[str] = []
    with browser_page(browser, live_server, console, bypass_csp=True) as page:
        page.context.route(re.compile(r"^(?!" + re.escape(live_server.url) + r"/)"),
                           lambda route: route.abort())
        page.add_init_script(TRAP)
        page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"),
                                          dialog.dismiss()))

        def check(where: str) -> None:
            seen = page.evaluate(f"() => [window.__xss, window.__xssCalls, ({FORBIDDEN})()]")
            ran, calls, forbidden = seen
            if ran:
                problems.append(f"{where}: script ran: {calls}")
            problems.extend(f"{where}: {item}" for item in forbidden)

        for path in paths:
            try:
                response = page.goto(path)
            except PlaywrightError as error:  # a vector that loops or navigates away
                problems.append(f"{path}: the page did not load: {error.message.splitlines()[0]}")
                continue
            assert response is not None and response.ok, f"{path} answered {response.status}"
            provoked = page.evaluate(PROVOKE)
            assert provoked["elements"] > 10, f"{path} shows almost nothing"
            for x, y in provoked["points"]:  # a real pointer over member text
                page.mouse.move(x, y)
            page.keyboard.press("Tab")
            if page.url != live_server(path):
                problems.append(f"{path}: a vector navigated the page to {page.url}")
                continue
            check(path)

        report = "the sanitiser let through:\n  " + "\n  ".join(problems[:40])
        assert not problems, report
        assert not dialogs, f"dialogs opened: {dialogs}"

        # The titles as search suggestions (the script builds them with textContent).
        page.goto("/wiki/recent")
        page.locator("#site-search-q").press_sequentially("batch", delay=30)
        options = page.locator("#site-search-suggestions [role=option]")
        expect(options.first).to_be_visible()
        for index in range(min(3, options.count())):
            options.nth(index).hover()

        check("the search suggestions")

    assert not problems, "the sanitiser let through:\n  " + "\n  ".join(problems)
    assert not dialogs, f"dialogs opened: {dialogs}"
    assert not console.unexpected(), console.unexpected()
