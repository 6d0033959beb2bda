"""A form sent back with errors starts with a summary of them that takes focus, links to
each field, and the page title says "Error:" (WCAG 3.3.1, 2.4.2)."""

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible


def test_registration_with_errors_focuses_a_summary_that_links_to_the_fields(page):
    page.goto("/register")
    page.get_by_label("Username").fill("a")
    page.get_by_role("main").get_by_role("button", name="Create my account").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: Join Commonplace · Commonplace")
    links = summary.get_by_role("link")
    assert links.count() >= 2  # every field at fault, at once
    first = links.first
    target = first.get_attribute("href")
    first.click()
    expect(page.locator(target)).to_be_focused()
    assert_accessible(page, "a form with errors")
