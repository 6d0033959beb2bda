"""A row of filters lines up: every control the same height, and those on one line share
their bottom edge (so their labels line up too)."""

import pytest


@pytest.mark.parametrize("path", ["/wiki/", "/solutions/"])
def test_filter_controls_line_up(page, path):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(path)
    boxes = page.eval_on_selector_all(
        "form.filters input, form.filters select, form.filters button",
        "controls => controls.map(c => { const r = c.getBoundingClientRect();"
        " return [Math.round(r.top), Math.round(r.bottom), Math.round(r.height)]; })")
    assert len(boxes) >= 3
    assert len({height for _top, _bottom, height in boxes}) == 1, boxes
    rows: dict[int, set[int]] = {}
    for top, bottom, _height in boxes:
        rows.setdefault(top // 20, set()).add(bottom)
    assert all(len(bottoms) == 1 for bottoms in rows.values()), boxes
