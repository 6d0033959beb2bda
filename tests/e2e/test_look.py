"""Issue 14 (WCAG 2.2 AA), the look and feel: the search suggestions, reflow at 320 px,
focus and border contrast, the header on desktop and phone, buttons that look like
buttons (also in forced colours), print, citations and dark mode."""

from __future__ import annotations

import pytest

from community import answers, questions, services, votes
from core import accounts
from core.extensions import db
from tests.e2e.helpers import PASSWORD
from wiki import saving


@pytest.fixture(scope="module")
def live_server(module_server):
    """One server for the module: its tests only read what `seed` stored (and sign in)."""
    return module_server


def seed(app) -> dict:
    """Two articles (one with three revisions by two members), a question with two answers,
    one accepted, by members with long-ish names; rosa is an admin. Stored once per app:
    the module's tests share one server and call this again for the ids."""
    if "look_seed" not in app.extensions:
        app.extensions["look_seed"] = _store(app)
    return app.extensions["look_seed"]


def _store(app) -> dict:
    with app.app_context():
        rosa = accounts.register("rosa", "rosa@example.org", PASSWORD, role="admin",
                                 display_name="Rosalind Reference-Desk", sector="public")
        tomas = accounts.register("tomas", "tomas@example.org", PASSWORD,
                                  display_name="Tomás Teen Services", sector="school")
        mina = accounts.register("mina", "mina@example.org", PASSWORD,
                                 display_name="mina", sector="academic")
        first = saving.create_article(
            rosa, title="Homework help clubs",
            body="## Context\n\nAfter school, pupils need a quiet table and a helper.\n\n"
                 "## Practice\n\nVolunteers staff the club; see [[Makerspace rules]].\n\n"
                 "| Day | Helpers |\n|---|---|\n| Monday | 2 |\n| Thursday | 3 |\n",
            tags="homework, teens", sectors=["public", "school"])
        second = saving.save_edit(first.article, tomas, title="Homework help clubs",
                                  body=first.revision.body + "\nWe added a maths corner in 2024.\n",
                                  summary="Maths corner, with a longer summary that wraps "
                                          "onto a second line in the history table",
                                  tags="homework, teens", sectors=["public", "school"],
                                  base_revision=1)
        saving.save_edit(first.article, rosa, title="Homework help clubs",
                         body=second.revision.body + "\nBring a {curly} & 50% snack_box.\n",
                         summary="Snacks", tags="homework, teens",
                         sectors=["public", "school"], base_revision=2)
        saving.create_article(tomas, title="Makerspace rules",
                              body="Sign the safety sheet before using the laser cutter.",
                              tags="makerspace", sectors=["public"])
        question = questions.ask(rosa, title="Where do you keep the homework club supplies?",
                                 body="Pencils and calculators go missing.", tags="homework")
        by_mina = answers.answer(mina, question, "A locked trolley, signed out at the desk.")
        by_tomas = answers.answer(tomas, question, "Labelled boxes on a high shelf.")
        answers.accept(rosa, by_mina)
        votes.vote(rosa, "answer", by_tomas.id, 1)
        _organisations(rosa, tomas, mina)
        db.session.commit()
        return {"question_path": f"/questions/{question.id}/"
                                 f"{services.question_slug(question.title)}",
                "question_id": question.id, "answer_mina": by_mina.id}


def _organisations(rosa, tomas, mina) -> None:
    """A consortium with one member library; Tomás approved there (shown in his bylines),
    mina's claim waiting: rosa, an editor, sees every control the pages have."""
    from orgs import affiliations, consortia
    from orgs import organisations as registry

    def make(user, name, kind, **fields):
        return registry.create_organisation(user, registry.clean_details(
            name=name, kind=kind, **fields))

    network = make(rosa, "Northshire Libraries Consortium", "consortium", sectors="public",
                   country="GB", region="Northshire", isil="GB-NSC",
                   ror="https://ror.org/052gg0110", wikidata="Q131454",
                   website="https://consortium.example.org/a/rather/long/address/that/wraps",
                   description="Twelve public library services sharing a catalogue.")
    library = make(tomas, "Riverside Public Library", "library", sectors="public, school",
                   country="GB", isil="GB-RivPL", oclc="RIVPL")
    consortia.add_member(rosa, network, library, "lead",
                         source_url="https://consortium.example.org/members")
    affiliations.approve(rosa, affiliations.claim(tomas, library, "staff",
                                                  show_in_byline=True))
    affiliations.claim(mina, library, "manager")


# --- 8: the search suggestions -------------------------------------------------------

def _open_suggestions(page, text: str = "ho"):
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name="Search Commonplace")
    box.fill(text)
    listbox = page.get_by_role("listbox", name="Suggested titles")
    expect(listbox).to_be_visible()
    return box, listbox


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_suggestions_open_below_the_search_box_and_never_cover_it(page, live_server, width):
    seed(live_server.app)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/wiki/makerspace-rules")
    box, listbox = _open_suggestions(page)
    field, shown = box.bounding_box(), listbox.bounding_box()
    assert shown["y"] >= field["y"] + field["height"] - 1, (field, shown)


def test_suggestions_read_with_a_separator_and_their_number_is_announced(page, live_server):
    from playwright.sync_api import expect

    seed(live_server.app)
    page.goto("/wiki/makerspace-rules")
    _open_suggestions(page, "homework")
    expect(page.get_by_role("option", name="Homework help clubs, article", exact=True)) \
        .to_be_visible()
    options = page.get_by_role("option").count()
    status = page.locator("#site-search-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(f"{options} suggestion{'s' if options != 1 else ''}")


def test_escape_closes_the_suggestions_first_and_the_keyboard_reopens_them(page, live_server):
    from playwright.sync_api import expect

    seed(live_server.app)
    page.goto("/wiki/makerspace-rules")
    box, listbox = _open_suggestions(page)
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("ho")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("ArrowDown")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press("Alt+ArrowDown")
    expect(listbox).to_be_visible()
    expect(box).to_have_value("ho")


# --- 9: reflow at 320 px ----------------------------------------------------------------

def _sideways(page) -> int:
    """How many pixels the page scrolls sideways."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(page, live_server, width):
    from tests.e2e.helpers import sign_in

    ids = seed(live_server.app)
    sign_in(page, "rosa")
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/wiki/homework-help-clubs", "/wiki/homework-help-clubs/history",
                 ids["question_path"], "/questions/", "/wiki/", "/",
                 f"/answers/{ids['answer_mina']}/history", "/orgs/", "/orgs/new",
                 "/orgs/northshire-libraries-consortium", "/orgs/riverside-public-library",
                 "/users/tomas"):
        page.goto(path)
        assert _sideways(page) <= 0, f"{path} scrolls {_sideways(page)} px sideways at {width}"


SHOWN_AT_ITS_RIGHT_EDGE = """
(element) => {
  const box = element.getBoundingClientRect();
  return element.contains(document.elementFromPoint(box.right - 2, box.top + box.height / 2));
}
"""


def test_every_section_of_the_site_shows_whole_at_320_px_even_when_focused(page, live_server):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/wiki/")
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Articles", "Questions", "Solutions", "Workgroups"):
        link = nav.get_by_role("link", name=name)
        link.focus()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (name, box)
        assert page.evaluate(SHOWN_AT_ITS_RIGHT_EDGE, link.element_handle()), name


def test_the_history_table_scrolls_in_a_labelled_focusable_wrapper(page, live_server):
    from playwright.sync_api import expect

    seed(live_server.app)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/wiki/homework-help-clubs/history")
    wrapper = page.get_by_role("region", name="Revisions of Homework help clubs")
    expect(wrapper).to_have_attribute("tabindex", "0")
    box = wrapper.bounding_box()
    assert box["x"] + box["width"] <= 320
    assert _sideways(page) <= 0


# --- 10: the focus ring and the borders of fields ------------------------------------------

CONTRAST = """
([element, property]) => {
  const parse = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  // The colour behind the element: the first ancestor whose background is not transparent.
  let behind = element.parentElement, background = null;
  while (behind) {
    const rgba = parse(getComputedStyle(behind).backgroundColor);
    if (rgba.length === 3 || rgba[3] > 0) { background = rgba.slice(0, 3); break; }
    behind = behind.parentElement;
  }
  background = background || [255, 255, 255];
  const colour = parse(getComputedStyle(element)[property]).slice(0, 3);
  const [a, b] = [luminance(colour), luminance(background)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_stands_out_three_to_one_from_the_page(page, live_server, scheme):
    seed(live_server.app)
    page.emulate_media(color_scheme=scheme)
    page.goto("/wiki/homework-help-clubs")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    for _ in range(4):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("() => document.activeElement")
        assert page.evaluate("(el) => getComputedStyle(el).outlineStyle", focused) != "none"
        ratio = page.evaluate(CONTRAST, [focused, "outlineColor"])
        assert ratio >= 3, f"focus ring {ratio:.2f}:1 on {focused}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_fields_have_borders_three_to_one_from_the_page(page, live_server, scheme):
    from tests.e2e.helpers import sign_in

    seed(live_server.app)
    sign_in(page, "rosa")
    page.emulate_media(color_scheme=scheme)
    page.goto("/wiki/homework-help-clubs")
    for field in (page.locator("#site-search-q"), page.locator("#discussion-body"),
                  page.locator("#outdated-note")):
        ratio = page.evaluate(CONTRAST, [field.element_handle(), "borderTopColor"])
        assert ratio >= 3, f"{field} border {ratio:.2f}:1"


# --- 14: buttons look like buttons, also in forced colours ---------------------------------

LOOKS = """
(element) => {
  const style = getComputedStyle(element);
  return [style.backgroundColor, style.borderTopColor, style.borderTopWidth, style.borderTopStyle,
          style.outlineStyle, style.outlineColor, style.color, style.textDecorationLine];
}
"""


def test_buttons_that_change_things_look_like_buttons(page, live_server):
    from tests.e2e.helpers import sign_in

    ids = seed(live_server.app)
    sign_in(page, "rosa")
    page.goto(ids["question_path"])
    main = page.get_by_role("main")
    for name in ("Stop watching", "Withdraw acceptance of the answer by mina",
                 "Hide answer by mina",
                 "Hide answer by Tomás Teen Services"):
        button = main.get_by_role("button", name=name, exact=True)
        style = page.evaluate(LOOKS, button.element_handle())
        assert style[3] != "none" and style[2] != "0px", (name, style)
        ratio = page.evaluate(CONTRAST, [button.element_handle(), "borderTopColor"])
        assert ratio >= 3, f"{name}: its border is {ratio:.2f}:1 against the page"
    page.get_by_role("button", name="Account").click()
    sign_out = page.get_by_role("navigation", name="Account").get_by_role("button",
                                                                          name="Sign out")
    assert page.evaluate(LOOKS, sign_out.element_handle())[3] != "none"


def test_moderator_controls_name_the_answer_they_act_on(page, live_server):
    from tests.e2e.helpers import sign_in

    ids = seed(live_server.app)
    sign_in(page, "rosa")
    page.goto(ids["question_path"])
    main = page.get_by_role("main")
    for name in ("Hide answer by mina", "Edit answer by mina",
                 "Withdraw acceptance of the answer by mina",
                 "Accept this answer by Tomás Teen Services"):
        assert main.get_by_role(name=name, role="button" if "Edit" not in name else "link",
                                exact=True).count() == 1, name


def test_in_forced_colours_a_pressed_vote_and_the_current_tab_still_show(page, live_server):
    from tests.e2e.helpers import sign_in

    ids = seed(live_server.app)
    sign_in(page, "rosa")
    page.emulate_media(forced_colors="active")
    page.goto(ids["question_path"])
    pressed = page.locator(".vote-button[aria-pressed=true]")
    assert pressed.count() == 1
    plain = page.locator(".vote-button[aria-pressed=false]").first
    assert page.evaluate(LOOKS, pressed.element_handle())[:6] != \
        page.evaluate(LOOKS, plain.element_handle())[:6]
    page.goto("/wiki/homework-help-clubs/history")
    tabs = page.get_by_role("navigation", name="This article")
    current = page.evaluate("(el) => getComputedStyle(el).borderBottomColor",
                            tabs.get_by_role("link", name="History").element_handle())
    other = page.evaluate("(el) => getComputedStyle(el).borderBottomColor",
                          tabs.get_by_role("link", name="Read").element_handle())
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert current not in (other, background), (current, other, background)


# --- 13: the header ----------------------------------------------------------------------

@pytest.mark.parametrize("who", ["rosa", None])
def test_the_header_is_one_row_on_a_desktop(page, live_server, who):
    from tests.e2e.helpers import sign_in

    seed(live_server.app)
    if who:
        sign_in(page, who)
    for path in ("/wiki/homework-help-clubs", "/"):
        page.goto(path)
        rows = page.evaluate("""() => Array.from(document.querySelectorAll('.header-inner > *'))
            .map((element) => element.getBoundingClientRect())
            .map((box) => Math.round(box.top + box.height / 2))""")
        assert max(rows) - min(rows) <= 8, f"{path}: the header's parts sit at {rows}"


def test_on_a_phone_the_account_menu_opens_and_closes_from_the_keyboard(page, live_server):
    from playwright.sync_api import expect

    from tests.e2e.helpers import sign_in

    seed(live_server.app)
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, "rosa")
    page.goto("/questions/")
    account = page.get_by_role("navigation", name="Account")
    button = account.get_by_role("button", name="Account")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(account.get_by_role("link", name="Settings")).to_be_hidden()
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    name = account.get_by_role("link", name="Rosalind Reference-Desk")
    for item in (name, account.get_by_role("link", name="Settings"),
                 account.get_by_role("link", name="Editors' desk"),
                 account.get_by_role("button", name="Sign out")):
        expect(item).to_be_visible()
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert page.evaluate("(el) => el.scrollWidth <= el.clientWidth", name.element_handle())
    page.keyboard.press("Tab")
    expect(name).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(account.get_by_role("link", name="Settings")).to_be_hidden()
    page.keyboard.press("Space")
    expect(account.get_by_role("link", name="Settings")).to_be_visible()
    page.keyboard.press("Space")
    expect(account.get_by_role("link", name="Settings")).to_be_hidden()


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_focus_order_in_the_header_follows_what_the_eye_reads(page, live_server, width):
    from tests.e2e.helpers import sign_in

    seed(live_server.app)
    sign_in(page, "rosa")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/questions/")
    page.keyboard.press("Tab")  # the skip link
    seen = []
    for _ in range(15):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => { const element = document.activeElement;
            if (!element.closest('.site-header')) { return null; }
            const box = element.getBoundingClientRect();
            return [element.textContent.trim() || element.getAttribute('aria-label')
                    || element.id, box.top, box.bottom, box.left]; }""")
        if where is None:
            break
        seen.append(where)
    pairs = zip(seen, seen[1:], strict=False)
    for (before, top, bottom, left), (after, next_top, _, next_left) in pairs:
        same_row = next_top < bottom - 4 and top < next_top + 30
        assert (same_row and next_left > left) or next_top >= bottom - 4, \
            f"{after!r} comes after {before!r} but sits before it ({seen})"


# --- 15: print, and Cite this article -------------------------------------------------------

def test_an_article_prints_without_the_site_around_it(page, live_server, tmp_path):
    from playwright.sync_api import expect

    from tests.e2e.helpers import sign_in

    seed(live_server.app)
    sign_in(page, "rosa")  # an editor: the page has editor tools and forms to leave out
    page.goto("/wiki/homework-help-clubs")
    expect(page.locator(".permalink")).to_be_hidden()
    page.emulate_media(media="print")
    for chrome in ("header.site-header", "footer", "nav", "form", "button", "details"):
        assert all(not element.is_visible() for element in page.locator(chrome).all()), chrome
    expect(page.get_by_role("heading", level=1)).to_have_text("Homework help clubs")
    expect(page.locator(".byline")).to_contain_text("By Rosalind Reference-Desk")
    expect(page.locator(".tags")).to_contain_text("#homework")
    permalink = page.locator(".permalink")
    expect(permalink).to_be_visible()
    expect(permalink).to_contain_text(live_server("/wiki/homework-help-clubs/revisions/3"))
    expect(permalink).to_contain_text("Revision 3")
    page.pdf(path=str(tmp_path / "article.pdf"))  # and it prints at all


def test_cite_this_article_gives_four_styles_to_copy(page, live_server):
    from playwright.sync_api import expect

    seed(live_server.app)
    page.goto("/wiki/homework-help-clubs")
    box = page.locator("details.cite-box")
    expect(box.locator("dl")).to_be_hidden()
    box.get_by_text("Cite this article").click()
    link = live_server("/wiki/homework-help-clubs/revisions/3")
    for style in ("APA", "MLA", "Chicago", "BibTeX"):
        citation = box.locator("dt", has_text=style).locator("xpath=following-sibling::dd[1]")
        expect(citation).to_be_visible()
        expect(citation).to_contain_text("Homework help clubs")
        expect(citation).to_contain_text("Rosalind Reference-Desk")
        expect(citation).to_contain_text(link)
    expect(box.locator("pre")).to_contain_text(r"@misc{")


# --- 16: dark mode, and axe at every impact level in both schemes ---------------------------

# Every kind of page a member or an editor sees (signed in as an admin, so that the
# editors' controls are on them too), and the pages of refusal.
EVERY_PAGE_TYPE = (
    "/", "/wiki/", "/wiki/?tag=homework", "/wiki/recent", "/wiki/tags/",
    "/wiki/homework-help-clubs", "/wiki/homework-help-clubs/history",
    "/wiki/homework-help-clubs/diff?from=1&to=3", "/wiki/homework-help-clubs/revisions/1",
    "/wiki/homework-help-clubs/contributors", "/wiki/makerspace-rules/backlinks",
    "/wiki/homework-help-clubs/edit", "/wiki/new", "/wiki/no-such-article", "{question}",
    "/questions/", "/questions/ask", "/answers/{answer}/history", "/solutions/",
    "/workgroups/", "/search?q=homework", "/search?q=xylophone", "/search?q=northshire",
    "/users/tomas",
    "/notifications", "/badges", "/settings", "/settings/notifications",
    "/editors/", "/editors/flags",
    "/editors/review", "/editors/featured", "/editors/log", "/collections/", "/report",
    "/orgs/", "/orgs/new", "/orgs/northshire-libraries-consortium",
    "/orgs/riverside-public-library", "/orgs/riverside-public-library/edit",
    "/wiki/homework-help-clubs/check", "/editors/checks", "/wiki/?status=due", "/sectors/",
    "/sectors/public", "/partners/", "/partners/new",
    "/no/such/page")


SCHEMES = {"light": "rgb(251, 250, 247)", "dark": "rgb(22, 25, 27)"}  # the page's background


def test_pages_have_no_accessibility_problems_at_any_impact_light_or_dark(page, live_server,
                                                                          console):
    """axe-core at every impact level, on every page type, at 1280 and 320 px, in the light
    and the dark scheme. Each page is loaded once and checked in all four ways: a change of
    width or scheme restyles the same document (the site's scripts do not read the width),
    as it would for a reader who turns a tablet or switches their system to dark."""
    from tests.e2e.helpers import axe_violations, format_violations, pages_for_this_run, sign_in

    console.allow(r"status of 404")  # the pages of a missing article and a missing page

    ids = seed(live_server.app)
    sign_in(page, "rosa")
    problems = []
    for path in pages_for_this_run(EVERY_PAGE_TYPE):
        path = path.format(question=ids["question_path"], answer=ids["answer_mina"])
        page.set_viewport_size({"width": 1280, "height": 900})
        page.emulate_media(color_scheme="light")
        page.goto(path)
        page.locator("details.cite-box").evaluate_all(
            "(all) => all.forEach((d) => d.open = true)")
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            for scheme, background in SCHEMES.items():
                page.emulate_media(color_scheme=scheme)
                shown = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
                assert shown == background, f"{path} in {scheme}: background {shown}"
                violations = axe_violations(page)
                if violations:
                    problems.append(f"{path} at {width} px, {scheme}:\n"
                                    f"{format_violations(violations)}")
    assert not problems, "axe-core:\n" + "\n".join(problems)
