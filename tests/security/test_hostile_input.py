"""Arbitrary input to every form and query parameter: never a 500, and a refused request
changes nothing."""

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSWORD, wall_limit
from tests.security.conftest import fingerprint
from tests.security.test_authorisation_matrix import MATRIX, USERS, concrete

ARTICLE = ["title", "body", "summary", "tags", "sectors", "base_revision", "save", "preview"]
ORGANISATION = ["name", "kind", "sectors", "country", "region", "isil", "oclc", "ror",
                "wikidata", "website", "description", "parent"]
PARTNERSHIP = ["title", "body", "region", "online", "sectors", "kinds", "topic", "until"]
FORMS = {
    "/register": ["username", "email", "password", "confirm"],
    "/password/reset": ["email"],
    "/password/reset/<token>": ["password", "confirm"],
    "/email/verify": [],
    "/email/verify/<token>": [],
    "/settings/email": ["email", "password"],
    "/settings/notifications": ["answer", "comment", "accepted", "mention",
                                "workgroup_question", "watched_change", "digest",
                                "check_due", "partner_reply"],
    "/unsubscribe/<token>": ["List-Unsubscribe"],
    "/login": ["login", "password", "remember", "next"],
    "/settings": ["profile-display_name", "profile-library", "profile-sector", "profile-bio",
                  "profile-submit", "password-current_password", "password-password",
                  "password-confirm", "password-submit"],
    "/orgs/new": ORGANISATION,
    "/orgs/<slug>/edit": ORGANISATION,
    "/orgs/<slug>/confirm": [],
    "/orgs/<slug>/claim": ["role", "start_date", "show_in_byline"],
    "/orgs/<slug>/members": ["member", "role", "start_date", "end_date", "source_url"],
    "/orgs/<slug>/merge": ["into"],
    "/orgs/affiliations/<int:affiliation_id>/<any(approve, remove):action>": [],
    "/orgs/affiliations/<int:affiliation_id>/admin": ["admin"],
    "/orgs/affiliations/<int:affiliation_id>/<any(byline, end):action>": ["shown"],
    "/orgs/memberships/<int:membership_id>/end": [],
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
    "/training/topics/new": ["title", "description", "format", "audience", "sectors",
                             "region", "confirmed"],
    "/training/topics/<int:topic_id>/interest": ["organisation", "seats"],
    "/training/topics/<int:topic_id>/interest/withdraw": [],
    "/training/topics/<int:topic_id>/status": ["status", "reason"],
    "/training/topics/<int:topic_id>/duplicate": ["original"],
    "/training/topics/<int:topic_id>/offer": ["provider", "currency", "fixed_fee",
                                              "per_head_fee", "min_participants",
                                              "max_participants", "dates", "format",
                                              "valid_until", "note"],
    "/training/topics/<int:topic_id>/campaigns/new": [
        "host", "offer", "region", "min_participants", "max_participants", "currency",
        "fixed_fee", "per_head_fee", "target", "deadline", "timezone"],
    "/training/campaigns/<int:campaign_id>/pledge": ["organisation", "seats", "max_price"],
    "/training/campaigns/<int:campaign_id>/pledges/<int:pledge_id>/withdraw": [],
    "/training/campaigns/<int:campaign_id>/cancel": ["reason"],
    "/training/campaigns/<int:campaign_id>/extend": ["deadline"],
    "/training/campaigns/<int:campaign_id>/schedule": ["schedule"],
    "/training/campaigns/<int:campaign_id>/deliver": [],
    "/training/campaigns/<int:campaign_id>/article": [],
    "/training/campaigns/<int:campaign_id>/offers/<int:offer_id>/<any(shortlist, accept):action>":
        [],
    "/training/topics/<int:topic_id>/comments": ["body"],
    "/training/topic-comments/<int:topic_comment_id>/hide": ["hidden", "reason"],
    "/training/trainer": ["description", "region"],
    "/training/trainer/remove": [],
    "/training/offers/<int:offer_id>/withdraw": [],
    # Files: hostile files themselves are tests/files/; here, the form's other fields.
    "/files/upload": ["file", "alt", "decorative"],
    "/transfer/claim/<username>": ["note"],
    "/transfer/claim/<username>/mail": ["email"],
    "/transfer/claim/mail/<token>": [],
    "/transfer/claims/<int:claim_id>/<any(approve, refuse):action>": [],
    "/chats/new": ["title", "short_name", "description", "time_zone", "starts_at", "ends_at",
                   "workgroup", "prompts", "readings"],
    "/chats/hosts": ["username", "granted"],
    "/chats/agenda": ["title"],
    "/chats/agenda/<int:suggestion_id>/vote": ["wanted"],
    "/chats/import": ["text", "time_zone", "confirm"],
    "/chats/<int:chat_id>/remind": ["wanted"],
    "/chats/<int:chat_id>/pick/<int:suggestion_id>": [],
    "/chats/<int:chat_id>/release": [],
    "/chats/<int:chat_id>/reply": ["body", "prompt_id", "parent_id"],
    "/chats/replies/<int:reply_id>/hide": ["reason", "hidden"],
    "/chats/<int:chat_id>/lock": ["locked"],
    "/chats/<int:chat_id>/close": [],
    "/chats/<int:chat_id>/summary": ["overview", "next_steps", "highlight"],
    "/chats/<int:chat_id>/curator": ["username"],
    "/chats/<int:chat_id>/article": [],
    "/wiki/<slug>/check": ["check-note", "check-next_check_by"],
    "/wiki/<slug>/check-by": ["date-check_by"],
    "/sectors/matches/<any(article, question):kind>/<int:object_id>": ["target", "action",
                                                                        "next"],
    "/partners/new": PARTNERSHIP,
    "/partners/<int:post_id>/edit": PARTNERSHIP,
    "/partners/<int:post_id>/replies": ["body", "public"],
    "/partners/<int:post_id>/close": ["note", "reopen"],
    "/partners/<int:post_id>/write-up": [],
    "/partners/<int:post_id>/hide": ["hidden"],
}
QUERIES = {"/search": ["q", "type", "tag", "sector", "solved", "sort", "page", "others"],
           "/search/suggest": ["q"], "/wiki/": ["q", "sort", "tag", "sector", "page"],
           "/questions/": ["tab", "tag", "workgroup", "page"],
           "/solutions/": ["tag", "sector", "workgroup", "page"],
           "/wiki/<slug>/diff": ["from", "to"], "/wiki/<slug>/history": ["page"],
           "/wiki/recent": ["page"], "/questions/similar": ["title"],
           "/wiki/new": ["title", "blank"], "/login": ["next"],
           "/training/": ["tab", "sector", "region", "format", "status", "page"],
           "/training/topics/similar": ["title"], "/training/topics/new": ["title"],
           "/chats/<int:chat_id>/replies": ["after", "format"], "/chats/<int:chat_id>": ["tz"],
           "/partners/": ["sector", "region", "topic", "status", "page"],
           "/sectors/<sector>": []}

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
HUGE_NUMBERS = st.one_of(
    st.sampled_from(["9" * 25, "-" + "9" * 25, str(2**31), str(2**63), str(2**64), "1e400",
                     "0" * 30 + "1"]),
    st.integers(min_value=2**31).map(str))
# Control characters (C0, DEL, C1) alone and inside text that is otherwise fine.
CONTROL = st.characters(min_codepoint=0, max_codepoint=0x9F).filter(
    lambda char: char < " " or char >= "\x7f")
CONTROL_TEXT = st.builds(lambda before, char, after: f"{before}{char}{after}",
                         st.sampled_from(["", "Weeding policy for ", "A title "]), CONTROL,
                         st.sampled_from(["", " in branch libraries?", "x"]))
# Titles and names that are the names of pages: "Vote??????" must not become .../vote.
ROUTE_NAMES = st.sampled_from(["vote", "edit", "history", "answers", "watch", "close",
                               "promote", "hide", "lock", "new", "recent", "tags"]).flatmap(
    lambda name: st.sampled_from([name, name.title(), f"{name.title()}??????",
                                  f"{name.upper()}!!!!!!!!"]))
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
    HUGE_NUMBERS,
    CONTROL_TEXT,
    ROUTE_NAMES,
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
    return next((role for role in ("member", "editor", "admin", "orgadmin")
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
           "/answers/<int:answer_id>/edit": {},
           "/chats/<int:chat_id>/reply": {},
           "/training/topics/<int:topic_id>/comments": {}}


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
        elapsed = time.monotonic() - start
        limit = wall_limit(3, budget=app.config["RENDER_SECONDS"])
        assert elapsed < limit, (rule, flood[:12], elapsed, limit)
        assert response.status_code < 500, (rule, flood[:12])
        if _refused(response):
            assert fingerprint() == before, (rule, flood[:12])
        response.close()


INT_RULES = sorted(rule for rule in MATRIX if "<int:" in rule)


@SETTINGS
@given(rule=st.sampled_from(INT_RULES), number=HUGE_NUMBERS, data=VALUES)
def test_a_huge_number_in_any_int_position_is_not_found(app, world, rule, number, data):
    """<int:...> never matches a number no column holds: 404, never an OverflowError."""
    client = app.test_client()
    client.login("adam", PASSWORD)
    path = concrete(re.sub(r"<int:[^>]+>", number, rule, count=1), world)
    method = MATRIX[rule][0]
    response = client.get(path, query_string=data) if method == "GET" else \
        client.submit(path, data)
    response.close()
    assert response.status_code == 404, (rule, number, response.status_code)


FEEDS = ["/feeds/questions.atom", "/feeds/changes.atom", "/feeds/tags/weeding.atom"]
TEXT_FIELDS = {"/questions/ask": ("title", "body", "tags"),
               "/wiki/new": ("title", "body", "summary", "tags"),
               "/settings": ("profile-display_name", "profile-library", "profile-bio")}


@SETTINGS
@given(rule=st.sampled_from(sorted(TEXT_FIELDS)), data=st.data(),
       text=st.one_of(CONTROL_TEXT, ROUTE_NAMES))
def test_no_text_breaks_the_feeds_or_takes_a_page_address(app, world, rule, data, text):
    """Whatever a text field is sent, the feeds stay valid Atom and every question listed
    opens at its own address."""
    import xml.etree.ElementTree as ET

    field = data.draw(st.sampled_from(TEXT_FIELDS[rule]))
    form = {"/questions/ask": {"title": "How do we weed a collection here?",
                               "body": "Details.", "tags": "weeding", "confirmed": "1"},
            "/wiki/new": {"title": "Weeding in branches", "body": "Text.", "save": "1"},
            "/settings": {"profile-display_name": "Mina", "profile-library": "Town",
                          "profile-bio": "", "profile-submit": "1"}}[rule]
    client = app.test_client()
    client.login("mina", PASSWORD)
    client.submit(rule, {**form, field: text}).close()
    reader = app.test_client()
    for feed in FEEDS:
        response = reader.get(feed)
        assert response.status_code == 200, (feed, rule, field, text)
        ET.fromstring(response.data)  # noqa: S314 - our own feed
    for url in re.findall(r'href="(/questions/\d+/[^"]+)"',
                          reader.get("/questions/").get_data(as_text=True)):
        response = reader.get(url)
        assert response.status_code == 200, (url, rule, field, text)
