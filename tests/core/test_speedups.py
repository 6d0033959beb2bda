"""The suite's shared pieces (tests/speedups.py) give what an app would make alone."""

import re

from flask import render_template
from werkzeug.routing import Map

from tests import speedups
from tests.conftest import make_app

SAMPLES = {"IntegerConverter": 7, "PathConverter": "a/b c", "FloatConverter": 1.5,
           "UUIDConverter": "12345678-1234-5678-1234-567812345678"}


def _urls(url_map: Map) -> dict:
    urls = {}
    for rule in url_map.iter_rules():
        values = {name: SAMPLES.get(type(rule._converters.get(name)).__name__, "x y/é")
                  for name in rule.arguments}
        urls[(rule.endpoint, rule.rule)] = (_build(rule, values, append_unknown=False),
                                            _build(rule, {**values, "q": "a b"}))
    return urls


def _build(rule, values, **kwargs):
    try:
        return rule.build(values, **kwargs)
    except ValueError as error:  # a converter refusing the sample refuses it either way
        return f"refused: {error}"


def test_shared_route_builders_build_the_urls_werkzeug_builds(tmp_path):
    shared = _urls(make_app(tmp_path / "shared", None).url_map)
    speedups.unshare_route_builders()
    try:
        alone = _urls(make_app(tmp_path / "alone", None).url_map)
    finally:
        speedups.share_route_builders()
    assert len(shared) > 50
    assert shared == alone


def test_shared_templates_render_what_fresh_ones_render(tmp_path):
    app = make_app(tmp_path / "one", None)
    fresh = make_app(tmp_path / "two", None)
    fresh.jinja_env.bytecode_cache = None
    pages = []
    for each in (app, fresh):
        with each.test_request_context():
            page = render_template("errors/error.html", code=404, title="Not found",
                                   text="Nothing here.")
            pages.append(re.sub(r'name="csrf-token" content="[^"]+"', "", page))
    assert pages[0] == pages[1] and "Nothing here." in pages[0]
    assert speedups.TEMPLATES.store, "the shared cache holds compiled templates"
