"""Arbitrary input to every form and query parameter: never a 500, and a refused request
changes nothing."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSWORD
from tests.security.conftest import fingerprint
from tests.security.test_authorisation_matrix import MATRIX, concrete

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
                     "javascript:alert(1)", "\u202e", "\r\n\r\n", "x" * 40_000]),
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


@SETTINGS
@given(rule=st.sampled_from(sorted(FORMS)), data=VALUES, fields_only=st.booleans())
def test_forms_survive_anything(app, world, rule, data, fields_only):
    if fields_only:
        data = {key: value for key, value in data.items() if key in FORMS[rule]}
    client = app.test_client()
    client.login("mina", PASSWORD)
    before = fingerprint()
    response = _send(client, world, rule, data, "POST")
    response.close()
    assert response.status_code < 500, (rule, data, response.status_code)
    if response.status_code >= 400:
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
