"""While a member types a question's title, the similar questions are announced once per
changed count, and the list is not rebuilt (or re-read) while it stays the same."""

from playwright.sync_api import expect

from community import questions
from core import accounts
from core.extensions import db
from tests.e2e.helpers import create_user, sign_in

EARLIER = "How do you run a makerspace safety induction for teens?"
TITLE = "How should we run makerspace safety training for volunteers?"

WATCH = """() => {
  window.statusTexts = []; window.listRebuilds = 0;
  new MutationObserver(() => window.statusTexts.push(
      document.getElementById('similar-status').textContent))
    .observe(document.getElementById('similar-status'), {childList: true, characterData: true,
                                                          subtree: true});
  new MutationObserver(() => window.listRebuilds++)
    .observe(document.getElementById('similar-live'), {childList: true});
}"""


def test_the_similar_list_is_announced_once_per_changed_count(page, live_server):
    create_user(live_server.app, "amara", display_name="Amara Asker")
    create_user(live_server.app, "cyd", display_name="Cyd Voter")
    with live_server.app.app_context():
        questions.ask(accounts.get_by_username("cyd"), title=EARLIER,
                      body="Teens arrive in groups after school.")
        db.session.commit()
    sign_in(page, "amara", next_path="/questions/ask")
    assert page.locator("#similar-live").get_attribute("aria-live") is None
    page.evaluate(WATCH)
    title = page.get_by_role("textbox", name="Your question")
    for part in (TITLE[:20], TITLE[20:40], TITLE[40:]):  # three pauses, one list throughout
        title.press_sequentially(part, delay=5)
        expect(page.locator("#similar-live").get_by_role("link", name=EARLIER)).to_be_visible()
        page.wait_for_timeout(700)
    texts = page.evaluate("window.statusTexts")
    assert [text for text in texts if text] == [
        "1 similar question or solution below the title."], texts
    assert page.evaluate("window.listRebuilds") <= 2  # emptied and filled once


def test_similar_training_topics_are_shown_and_announced_in_their_own_words(page, live_server):
    from training import topics

    create_user(live_server.app, "tomas", display_name="Tomás Trainer")
    create_user(live_server.app, "pia", display_name="Pia Proposer")
    with live_server.app.app_context():
        topics.propose(accounts.get_by_username("pia"), topics.clean_topic(
            "Copyright for digitisation projects", "What may we scan?", "workshop", "",
            "", ""))
        db.session.commit()
    sign_in(page, "tomas", next_path="/training/topics/new")
    page.evaluate(WATCH)
    page.locator("input[data-similar]").press_sequentially("Copyright and digitisation",
                                                            delay=5)
    live = page.locator("#similar-live")
    expect(live.get_by_role("link", name="Copyright for digitisation projects")).to_be_visible()
    expect(live).to_contain_text("Similar topics — register interest on one of these instead?")
    page.wait_for_timeout(700)
    texts = [text for text in page.evaluate("window.statusTexts") if text]
    assert texts == ["1 similar topic below the title."], texts
