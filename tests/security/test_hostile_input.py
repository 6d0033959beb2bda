"""Arbitrary input to every form and query parameter: never a 500, and a refused request
changes nothing."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSWORD
from tests.security.conftest import fingerprint
from tests.security.test_authorisation_matrix import MATRIX, USERS, concrete

ARTICLE = ["title", "body", "summary", "tags", "sectors", "base_revision", "save", "preview"]
FORMS = {
    "/register": ["username", "email", "password", "confirm"],
    "/login": ["login", "password", "remember", "next"],
    "/settings": ["profile-display_name", "profile-library", "profile-sector", "profile-bio",
                  "profile-submit", "password-current_password", "password-password",
                  "password-confirm", "password-submit"],
    "/wiki/new": ARTICLE,
    "/wiki/<slug>/edit": ARTICLE,
    "/wiki/<slug>/rename": ["title"],
    "/wiki/<slug>/revert/<int:number>": ["summary"],
    "/questions/ask": ["title", "body", "tags", "workgroup", "confirmed"],
    "/questions/<int:question_id>/edit": ["title", "body", "tags", "summary"],
    "/answers/<int:answer_id>/edit": ["body", "summary"],
    "/questions/<int:question_id>/answers": ["body"],
    "/comments": ["target_type", "target_id", "body"],
    "/questions/<int:post_id>/vote": ["value"],
    "/answers/<int:post_id>/vote": ["value"],
    "/questions/<int:question_id>/close": ["reason", "reopen"],
    "/workgroups/new": ["name", "description"],
    "/workgroups/<slug>/edit": ["name", "description", "archived"],
    "/workgroups/<slug>/moderators": ["username", "moderator"],
    "/answers/<int:answer_id>/accept": ["withdraw"],
    "/questions/<int:question_id>/lock": ["locked"],
    "/questions/<int:question_id>/hide": ["hidden"],
    "/answers/<int:answer_id>/hide": ["hidden"],
    "/comments/<int:comment_id>/hide": ["hidden"],
    "/wiki/<slug>/protect": ["protect"],
    "/wiki/<slug>/hide": ["hide"],
    "/wiki/<slug>/watch": ["watch", "next"],
    "/questions/<int:question_id>/watch": ["watch", "next"],
    "/notifications/read": ["id", "next"],
    "/editors/featured/new": ["target", "blurb", "icon", "image", "image_alt", "starts_on",
                              "ends_on", "position"],
    "/editors/featured/<int:feature_id>/edit": ["target", "blurb", "icon", "image",
                                                "image_alt", "starts_on", "ends_on",
                                                "position", "reason"],
    "/editors/featured/<int:feature_id>/move": ["direction"],
    "/editors/featured/<int:feature_id>/retire": ["reason"],
    "/editors/collections/new": ["title", "intro", "hidden"],
    "/editors/collections/<slug>": ["title", "intro", "hidden", "action", "note"],
    "/editors/collections/<slug>/items": ["target", "note"],
    "/editors/collections/<slug>/items/<int:item_id>": ["action", "note"],
    "/editors/review/<slug>": ["note", "next"],
    "/editors/outdated/<slug>": ["note", "clear", "next"],
    "/editors/flags/<kind>/<int:object_id>": ["action", "reason", "note", "merge_into"],
    "/editors/flags/<kind>/<int:object_id>/edit": ["title", "body", "reason",
                                                   "suppress_previous"],
    "/editors/history/<kind>/<int:object_id>/<int:number>": ["action", "reason"],
    "/report": ["target", "reason", "note", "on"],
    "/questions/<int:question_id>/promote": ARTICLE,
    "/workgroups/<slug>/<any(join, leave):action>": ["next"],
    "/users/<username>/role": ["role", "reason"],
}
QUERIES = {"/search": ["q", "type", "tag", "sector", "solved", "sort", "page"],
           "/search/suggest": ["q"], "/wiki/": ["q", "sort", "tag", "sector", "page"],
           "/questions/": ["tab", "tag", "workgroup", "page"],
           "/solutions/": ["tag", "sector", "workgroup", "page"],
           "/wiki/<slug>/diff": ["from", "to"], "/wiki/<slug>/history": ["page"],
           "/wiki/recent": ["page"], "/questions/similar": ["title"],
           "/wiki/new": ["title", "blank"], "/login": ["next"]}

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
HOSTILE = st.one_of(
    TEXT,
    st.sampled_from(["", "\x00", "\x00" * 20, "-1", "0", "99999999999999999999", "1.5",
                     "<script>alert(1)</script>", "' OR 1=1 --", "%00", "[[", "]]",
                     "javascript:alert(1)", "\u202e", "\r\n\r\n", "x" * 40_000,
                     # Markdown floods that took 5 s to minutes to render (issue 12)
                     "[" * 14_000, "*_[" * 3000, "[[" * 5000, "<a " * 60_000,
                     "## h\n" * 6000, "## same\n\n" * 20_000,
                     "[x](/\\evil.example/1) [y]( //evil.example) [z](\t//evil.example)"]),
    st.integers().map(str),
)
VALUES = st.dictionaries(st.sampled_from(sorted({f for fs in FORMS.values() for f in fs}
                                                | {f for fs in QUERIES.values() for f in fs})),
                         HOSTILE, max_size=8)

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _send(client, world, rule, data, method):
    path = concrete(rule, world)
    if method == "GET":
        return client.get(path, query_string=data)
    return client.submit(path, data)


def _who_may(rule: str) -> str:
    """The least privileged role that may use the route: its forms' checks are then
    reached, not only the permission check in front of them."""
    expected = MATRIX.get(rule, (None, dict.fromkeys(USERS, 403)))[1]
    return next((role for role in ("member", "editor", "admin")
                 if expected[role] not in (403, "login")), "member")


def _refused(response) -> bool:
    """An error status, or the form shown again with a message beside a field."""
    if response.status_code >= 400:
        return True
    return response.status_code == 200 and "application/json" not in response.content_type \
        and 'class="field-error"' in response.get_data(as_text=True)


def test_every_form_is_sent_hostile_input(app):
    """A new form cannot ship without being fuzzed here."""
    posted = {rule.rule for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    missing = sorted(posted - set(FORMS) - {"/logout"})
    assert not missing, f"POST routes missing from FORMS: {missing}"


FORM_SETTINGS = settings(SETTINGS, max_examples=5)


@pytest.mark.parametrize("rule", sorted(FORMS))
@FORM_SETTINGS
@given(data=VALUES, fields_only=st.booleans())
def test_forms_survive_anything(app, world, rule, data, fields_only):
    if fields_only:
        data = {key: value for key, value in data.items() if key in FORMS[rule]}
    client = app.test_client()
    client.login(USERS[_who_may(rule)], PASSWORD)
    before = fingerprint()
    response = _send(client, world, rule, data, "POST")
    assert response.status_code < 500, (rule, data, response.status_code)
    refused = _refused(response)
    response.close()
    if refused:
        assert fingerprint() == before, (rule, data)


@SETTINGS
@given(rule=st.sampled_from(sorted(QUERIES)), data=VALUES)
def test_query_parameters_survive_anything(app, world, rule, data):
    client = app.test_client()
    client.login("otto", PASSWORD)
    response = _send(client, world, rule, data, "GET")
    response.close()
    assert response.status_code < 500, (rule, data, response.status_code)


@SETTINGS
@given(rule=st.sampled_from(sorted(r for r, row in MATRIX.items() if row[0] == "GET"
                                   and "<path:" not in r)),
       data=VALUES)
def test_every_page_survives_stray_parameters(app, world, rule, data):
    response = app.test_client().get(concrete(rule, world), query_string=data)
    response.close()
    assert response.status_code < 500, (rule, data, response.status_code)


FLOODS = ["[" * 10_000, "*_[" * 3000, "[[" * 5000, "## h\n" * 6000, "<a " * 9000,
          "## same\n\n" * 3000]
WRITING = {"/wiki/new": {"title": "Floods of brackets", "save": "1"},
           "/wiki/<slug>/edit": {"title": "Readers' advisory", "base_revision": "2",
                                 "save": "1"},
           "/wiki/<slug>/edit#preview": {"title": "Readers' advisory", "preview": "1"},
           "/questions/ask": {"title": "What do floods of brackets do to a page?"},
           "/questions/<int:question_id>/answers": {},
           "/answers/<int:answer_id>/edit": {}}


@pytest.mark.parametrize("rule", sorted(WRITING))
def test_markdown_floods_finish_or_are_refused_within_three_seconds(app, world, rule):
    """The shapes that held a worker for 5 s to minutes (issue 12), in every form that
    renders member text: an answer within 3 s, never a 500, and a refusal changes
    nothing."""
    client = app.test_client()
    client.login(USERS["member"], PASSWORD)
    for flood in FLOODS:
        before = fingerprint()
        start = time.monotonic()
        response = client.submit(concrete(rule.split("#")[0], world),
                                 {**WRITING[rule], "body": flood})
        assert time.monotonic() - start < 3, (rule, flood[:12])
        assert response.status_code < 500, (rule, flood[:12])
        if _refused(response):
            assert fingerprint() == before, (rule, flood[:12])
        response.close()
