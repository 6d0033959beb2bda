"""A Markdown table's column alignment survives the sanitiser and the site's styles."""

from pathlib import Path

from core.markup import render

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"


def test_right_and_centre_aligned_columns_render_aligned(app, browser):
    html = render("| Branch | Loans | Trend |\n|:---|---:|:---:|\n| Eastgate | 1,204 | up |").html
    page = browser.new_page()
    try:
        page.set_content(f"<style>{CSS.read_text()}</style><main class='prose'>{html}</main>")
        aligns = page.eval_on_selector_all(
            "td", "cells => cells.map(cell => getComputedStyle(cell).textAlign)")
        headers = page.eval_on_selector_all(
            "th", "cells => cells.map(cell => getComputedStyle(cell).textAlign)")
    finally:
        page.close()
    assert aligns == ["left", "right", "center"]
    assert headers == ["left", "right", "center"]
