"""Steps and checks that several browser tests share."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import on_postgres

PASSWORD = "a quiet reading room 42"

# Pages whose content the search engine makes (Whoosh's or PostgreSQL's hits, snippets,
# facets, did-you-mean): the only pages whose HTML differs between the two runs.
ENGINE_PAGES = ("/search",)


def pages_for_this_run(paths: Iterable[str]) -> list[str]:
    """The pages a browser check of what a page shows (axe, the sanitiser's output) opens
    in this run. The SQLite run opens them all. A page is the same HTML on both databases,
    from the same rows through the same templates, except where the search engine made
    it; so the PostgreSQL run (SEARCH_ENGINE=postgres) opens only those. Journeys, which
    change things through the site, run in full on both."""
    return [path for path in paths if not on_postgres() or path.startswith(ENGINE_PAGES)]
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations.

    axe is injected with `page.evaluate`, which runs through the DevTools protocol
    and is not subject to the page's Content-Security-Policy, so the site's CSP
    (script-src 'self') stays exactly as served.
    """
    # axe stays loaded in the document it was injected into: a page checked again after a
    # change of width or colour scheme (no new navigation) is not sent the script twice.
    if not page.evaluate("() => typeof window.axe === 'object' && !!window.axe.run"):
        page.evaluate(_axe().axe_script)
    return page.evaluate("() => axe.run({resultTypes: ['violations']})"
                         ".then((results) => results.violations)")


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n         ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page, what: str = "") -> None:
    """Fail if axe-core finds any violation of impact serious or critical."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(f"axe-core found {len(blocking)} serious or critical problem(s) on "
                    f"{what or page.url}:\n{format_violations(blocking)}", pytrace=False)


def register(page, username: str, password: str = PASSWORD, email: str | None = None) -> None:
    """Join through the /register form, as a visitor would."""
    page.goto("/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail").fill(email or f"{username}@example.org")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm password").fill(password)
    page.get_by_role("button", name="Create my account").click()


def create_user(app, username: str, role: str = "member", **profile) -> None:
    """A member made directly through the accounts service, in the live server's database."""
    from core import accounts
    from core.extensions import db

    with app.app_context():
        accounts.register(username, f"{username}@example.org", PASSWORD, role=role, **profile)
        db.session.commit()


def sign_in(page, login: str, password: str = PASSWORD, next_path: str | None = None) -> None:
    """Sign in through the /login form and wait for the welcome message."""
    from urllib.parse import urlencode

    from playwright.sync_api import expect

    page.goto("/login" + (f"?{urlencode({'next': next_path})}" if next_path else ""))
    page.get_by_label("Username or e-mail").fill(login)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text("Signed in as")


@contextmanager
def browser_page(browser, live_server, console, **context_options):
    """A page in a browser profile of its own (another member, or special options), with
    its console errors recorded in `console` as the `page` fixture's are."""
    from tests.e2e.conftest import TIMEOUT_MS

    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 900}, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.on("console", console.on_console)
        page.on("pageerror", console.on_page_error)
        yield page
    finally:
        context.close()


# --- the XSS trap: known attack vectors must run nothing -----------------------------
#
# Shared by test_sanitiser_browser.py (every vector through the article renderer) and
# test_sanitiser_everywhere.py (every other page that shows member text).

XSS_VECTORS = (Path(__file__).resolve().parents[2].parent / "shared" / "data" / "xss"
               / "xss_vectors_combined.json")
# The tag rules (letters, digits, spaces, + & ' . -) reject every vector in the corpus;
# these keep the characters they allow that matter in HTML attributes and text.
XSS_TAGS = ["o'reilly & sons", "x&ltscript&gtalert", "q' onmouseover 'alert"]

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
      + ".result a, .comment-body a, .comment-body img, .comment-body p, .feature-blurb p, "
      + ".reading-note p, .collection-intro p, .bio, .item-title, .facet-list a"))
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
  const memberText = [".prose", ".diff", ".snippet", "h1", ".item-title", ".tags", ".byline",
    ".comment-body", ".comment-meta", ".feature-blurb", ".reading-note", ".collection-intro",
    ".bio", ".facts", ".item-meta", ".changes", ".facet-list", ".h-card", ".eyebrow"].join(", ");
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

MISSING_TEXT = """
([selector, expected]) => {
  // Plain text must come back as the same text: escaped, not parsed into elements.
  const text = Object.getOwnPropertyDescriptor(Node.prototype, "textContent").get;
  const plain = (value) => value.replace(/[\\u0000-\\u0020\\u00a0]+/g, " ").trim();
  const shown = Array.from(document.querySelectorAll(selector), (node) => plain(text.call(node)));
  return expected.filter((value) => !shown.some((seen) => seen.includes(plain(value))));
}
"""


def xss_vectors() -> list[str]:
    """Every payload of the shared XSS corpus. Without it the test is skipped, saying
    why, except under CI (CI=true), where it fails: CI must prove the corpus passed."""
    if not XSS_VECTORS.exists():
        from tests.e2e.conftest import in_ci

        if in_ci():
            pytest.fail(f"the XSS corpus is not here, and CI must test it: {XSS_VECTORS}")
        pytest.skip(f"the XSS corpus is not here: {XSS_VECTORS}")
    # Control characters are refused at the service (core.text), so a vector holding one
    # never reaches a page; what is left of it once they are taken out still must run
    # nothing, so that is what the browser is shown.
    from core.text import strip_unsafe

    return [strip_unsafe(item["payload"], multiline=True)
            for item in json.loads(XSS_VECTORS.read_text(encoding="utf-8"))]


class XssProbe:
    """A page with the trap installed before any page script, that visits paths, provokes
    every inline handler a vector might have smuggled in, and collects what it finds."""

    def __init__(self, page, live_server) -> None:
        self.page = page
        self.live_server = live_server
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.visited = 0

    def check(self, where: str) -> None:
        """Did a script run, and is anything in the DOM that the sanitiser must remove?"""
        seen = self.page.evaluate(f"() => [window.__xss, window.__xssCalls, ({FORBIDDEN})()]")
        ran, calls, forbidden = seen
        if ran:
            self.problems.append(f"{where}: script ran: {calls}")
        self.problems.extend(f"{where}: {item}" for item in forbidden)

    def visit(self, path: str, texts: Mapping[str, Iterable[str]] | None = None) -> None:
        """Open `path`, provoke its handlers, and check it; `texts` maps a CSS selector to
        plain member text that must show there as text (so escaped, not parsed)."""
        from playwright.sync_api import Error as PlaywrightError

        page = self.page
        self.visited += 1
        try:
            response = page.goto(path)
        except PlaywrightError as error:  # a vector that loops or navigates away
            self.problems.append(f"{path}: the page did not load: "
                                 f"{error.message.splitlines()[0]}")
            return
        assert response is not None and response.ok, f"{path} answered {response.status}"
        try:
            provoked = page.evaluate(PROVOKE)
            if provoked["elements"] <= 10:
                self.problems.append(f"{path}: the page shows almost nothing (did member "
                                     "text swallow it?)")
            for x, y in provoked["points"]:  # a real pointer over member text
                page.mouse.move(x, y)
            page.keyboard.press("Tab")
            if unquote(page.url) != unquote(self.live_server(path)):
                self.problems.append(f"{path}: a vector navigated the page to {page.url}")
                return
            self.check(path)
            for selector, expected in (texts or {}).items():
                for value in page.evaluate(MISSING_TEXT, [selector, list(expected)]):
                    self.problems.append(f"{path}: not shown as text in {selector}: "
                                         f"{value[:100]!r}")
        except PlaywrightError as error:  # navigated away, or closed, while being checked
            self.problems.append(f"{path}: a vector broke the page: "
                                 f"{error.message.splitlines()[0]} (now at {page.url})")

    def assert_clean(self) -> None:
        report = "the sanitiser let through:\n  " + "\n  ".join(self.problems[:40])
        if len(self.problems) > 40:
            report += f"\n  ... and {len(self.problems) - 40} more"
        assert not self.problems, report
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


@contextmanager
def xss_probe(browser, live_server, console) -> Iterator[XssProbe]:
    """An XssProbe in a browser profile that ignores the site's Content-Security-Policy
    (`bypass_csp`): with the policy on, Chromium refuses inline scripts and handlers itself,
    so a vector that got through the sanitiser would still never run and no test could see
    it. Here the sanitiser (and the templates' escaping) stand alone. Requests to any other
    host are cut off."""
    # Vectors load images from elsewhere or from made-up paths: those loads fail on
    # purpose, as would the policy's refusals.
    console.allow(r"Failed to load resource")
    console.allow(r"Content Security Policy|Refused to")
    with browser_page(browser, live_server, console, bypass_csp=True) as page:
        page.context.route(re.compile(r"^(?!" + re.escape(live_server.url) + r"/)"),
                           lambda route: route.abort())
        page.add_init_script(TRAP)
        probe = XssProbe(page, live_server)
        page.on("dialog", lambda dialog: (probe.dialogs.append(f"{dialog.type}: "
                                                               f"{dialog.message}"),
                                          dialog.dismiss()))
        yield probe
