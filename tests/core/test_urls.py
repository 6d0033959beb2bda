"""Addresses on this site: paths built from the URL map in a request or outside one, and
the one check that a URL is a path on this site before a redirect."""

import pytest

from core.urls import is_local_url, site_path
from core.views import safe_next

HOSTILE = [
    None, "", "https://evil.example/", "http:/evil.example", "//evil.example/wiki/x",
    "///evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example",
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>",
    "/\t/evil.example", "/\n/evil.example", "\t//evil.example", "/wiki/x\r\nSet-Cookie: a=b",
    "/wiki/\x00", "/wiki/\x7f", "/wiki/\x85", " /wiki/x", "wiki/x", "evil.example",
    "?next=/", "#top", "mailto:a@b.example", "/wiki/x\\..\\evil",
]
LOCAL = ["/", "/wiki/seed-libraries", "/questions/3/how?tab=votes#answer-4",
         "/wiki/caf%C3%A9", "/wiki/café", "/search?q=a%2F%2Fb"]


@pytest.mark.parametrize("target", HOSTILE)
def test_hostile_targets_are_not_local(target):
    assert not is_local_url(target)
    assert safe_next(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", LOCAL)
def test_paths_on_this_site_are_local(target):
    assert is_local_url(target)
    assert safe_next(target, "/fallback") == target


def test_site_paths_are_the_same_in_a_request_and_outside_one(app):
    cases = [(("wiki.article",), {"slug": "café", "anchor": "comment-3"}),
             (("wiki.new",), {"title": "Seed libraries & more"}),
             (("community.question",), {"question_id": 7, "slug": "how-to"}),
             (("community.post_history",), {"kind": "answers", "post_id": 2}),
             (("wiki.diff",), {"slug": "x", "to": 3})]
    outside = [site_path(*args, **values) for args, values in cases]
    with app.test_request_context("/some/page"):
        inside = [site_path(*args, **values) for args, values in cases]
    assert outside == inside
    assert outside[0] == "/wiki/caf%C3%A9#comment-3"
    assert outside[1].startswith("/wiki/new?title=Seed")
    assert outside[2:] == ["/questions/7/how-to", "/answers/2/history", "/wiki/x/diff?to=3"]
    assert all(is_local_url(path) for path in outside)
