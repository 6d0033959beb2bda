"""Arbitrary input to every editors' desk form and filter: never a 500, and a refused
request changes nothing (the security suite's property, for this part's forms)."""

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import PASSWORD
from tests.security.conftest import fingerprint, world  # noqa: F401 - the shared world
from tests.security.test_authorisation_matrix import concrete
from tests.security.test_hostile_input import HOSTILE, SETTINGS

EDITOR_FORMS = {
    "/editors/featured/new": ["target", "blurb", "icon", "image", "image_alt", "starts_on",
                              "ends_on", "position"],
    "/editors/collections/new": ["title", "intro"],
    "/editors/flags/<kind>/<int:object_id>": ["action", "reason", "note", "merge_into"],
    "/editors/flags/<kind>/<int:object_id>/edit": ["title", "body", "reason"],
    "/editors/review/<slug>": ["note", "next"],
    "/editors/outdated/<slug>": ["note", "clear"],
}
MEMBER_FORMS = {"/report": ["on", "target", "reason", "note"]}
QUERIES = {"/editors/log": ["action", "actor", "kind", "q", "page"],
           "/editors/flags": ["status"], "/editors/featured/new": ["target"],
           "/report": ["on", "item"]}
FIELDS = sorted({f for forms in (EDITOR_FORMS, MEMBER_FORMS, QUERIES) for fs in forms.values()
                 for f in fs})
VALUES = st.dictionaries(st.sampled_from(FIELDS), HOSTILE, max_size=8)
TARGETS = st.sampled_from(["question:{question_id}", "answer:{answer_id}",
                           "comment:{comment_id}", "article:{slug}"])


def _post(app, world, username, rule, data):  # noqa: F811 - world is the fixture's value
    client = app.test_client()
    client.login(username, PASSWORD)
    before = fingerprint()
    response = client.submit(concrete(rule, world), data)
    response.close()
    assert response.status_code < 500, (rule, data, response.status_code)
    if response.status_code >= 400:
        assert fingerprint() == before, (rule, data)


@SETTINGS
@given(rule=st.sampled_from(sorted(EDITOR_FORMS)), data=VALUES, fields_only=st.booleans())
def test_editor_forms_survive_anything(app, world, rule, data, fields_only):  # noqa: F811
    if fields_only:
        data = {key: value for key, value in data.items() if key in EDITOR_FORMS[rule]}
    _post(app, world, "edith", rule, data)


@SETTINGS
@given(data=VALUES, on=TARGETS, target=TARGETS)
def test_the_report_form_survives_anything(app, world, data, on, target):  # noqa: F811
    data = {**data, "on": on.format(**vars(world)), "target": target.format(**vars(world))}
    _post(app, world, "mina", "/report", data)


@SETTINGS
@given(rule=st.sampled_from(sorted(QUERIES)), data=VALUES)
def test_editor_pages_survive_stray_parameters(app, world, rule, data):  # noqa: F811
    client = app.test_client()
    client.login("edith", PASSWORD)
    response = client.get(concrete(rule, world), query_string=data)
    response.close()
    assert response.status_code < 500, (rule, data, response.status_code)
