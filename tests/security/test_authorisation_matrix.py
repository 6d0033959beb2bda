"""Every route, every role, against one table of expected permissions.

The table is walked against Flask's URL map: a route without a row fails the suite,
so a new page cannot ship without someone deciding who may use it.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import PASSWORD
from tests.security.conftest import fingerprint

# "orgadmin": a member who is the admin of the world's consortium (an approved affiliation
# with the admin mark); on every other route, a member like "other".
ROLES = ("anonymous", "member", "other", "editor", "admin", "orgadmin")
OK, LOGIN, DENIED, GONE = "ok", "login", 403, 404

PUBLIC = dict.fromkeys(ROLES, OK)
MEMBERS = {"anonymous": LOGIN, "member": OK, "other": OK, "editor": OK, "admin": OK}
OWNER = {"anonymous": LOGIN, "member": OK, "other": DENIED, "editor": OK, "admin": OK}
EDITORS = {"anonymous": LOGIN, "member": DENIED, "other": DENIED, "editor": OK, "admin": OK}
ADMINS = {"anonymous": LOGIN, "member": DENIED, "other": DENIED, "editor": DENIED,
          "admin": OK}
# Refused with a message on the page it came from (no-JavaScript votes on one's own post).
BACK = "refused, back to the page"
NOT_OWN = {"anonymous": LOGIN, "member": BACK, "other": OK, "editor": OK, "admin": OK}
# Editors' pages about a feature or collection the world does not have.
EDITORS_GONE = {"anonymous": LOGIN, "member": DENIED, "other": DENIED, "editor": GONE,
                "admin": GONE}
ORG_ADMINS = {"anonymous": LOGIN, "member": DENIED, "other": DENIED, "editor": OK, "admin": OK,
              "orgadmin": OK}
GUESTS = {"anonymous": OK, "member": "redirect", "other": "redirect", "editor": "redirect",
          "admin": "redirect"}

# rule -> (method, expected outcome per role, form data for a POST)
MATRIX = {
    "/": ("GET", PUBLIC, None),
    "/static/<path:filename>": ("GET", PUBLIC, None),
    "/register": ("GET", GUESTS, None),
    "/login": ("GET", GUESTS, None),
    "/logout": ("POST", dict.fromkeys(ROLES, "redirect"), {}),
    "/users/<username>": ("GET", PUBLIC, None),
    # Roles: admins only, refused in the service; the admin's change here is a real one.
    "/users/<username>/role": ("POST", ADMINS, {"role": "editor", "reason": "Runs a group"}),
    "/settings": ("GET", MEMBERS, None),
    "/search": ("GET", PUBLIC, None),
    "/search/suggest": ("GET", PUBLIC, None),
    "/wiki/": ("GET", PUBLIC, None),
    "/wiki/new": ("GET", MEMBERS, None),
    "/wiki/recent": ("GET", PUBLIC, None),
    "/wiki/tags/": ("GET", PUBLIC, None),
    "/wiki/tags/<tag>": ("GET", dict.fromkeys(ROLES, "redirect"), None),
    "/feeds/changes.atom": ("GET", PUBLIC, None),
    "/wiki/<slug>": ("GET", PUBLIC, None),
    "/wiki/<slug>/edit": ("GET", MEMBERS, None),
    "/wiki/<slug>/history": ("GET", PUBLIC, None),
    "/wiki/<slug>/revisions/<int:number>": ("GET", PUBLIC, None),
    "/wiki/<slug>/diff": ("GET", PUBLIC, None),
    "/wiki/<slug>/backlinks": ("GET", PUBLIC, None),
    "/wiki/<slug>/contributors": ("GET", PUBLIC, None),
    "/wiki/<slug>/rename": ("GET", EDITORS, None),
    "/wiki/<slug>/revert/<int:number>": ("POST", MEMBERS, {"summary": "back"}),
    # Across sectors: rows about the article, before it is hidden
    "/wiki/<slug>/check": ("GET", OWNER, None),
    "/wiki/<slug>/check-by": ("POST", OWNER, {"date-check_by": "{check_date}"}),
    "/sectors/matches/<any(article, question):kind>/<int:object_id>": (
        "POST", EDITORS, {"action": "remove", "target": "article:999"}),
    "/wiki/<slug>/protect": ("POST", EDITORS, {"protect": "0"}),
    "/wiki/<slug>/hide": ("POST", EDITORS, {"hide": "1"}),
    "/questions/": ("GET", PUBLIC, None),
    "/questions/ask": ("GET", MEMBERS, None),
    "/questions/similar": ("GET", PUBLIC, None),
    "/questions/<int:question_id>": ("GET", dict.fromkeys(ROLES, "redirect"), None),
    "/questions/<int:question_id>/<slug>": ("GET", PUBLIC, None),
    "/questions/<int:question_id>/edit": ("GET", OWNER, None),
    "/questions/<int:post_id>/history": ("GET", PUBLIC, None),
    "/answers/<int:post_id>/history": ("GET", PUBLIC, None),
    "/answers/<int:answer_id>/edit": ("GET", OWNER, None),
    "/questions/<int:question_id>/answers": ("POST", MEMBERS, {"body": "An answer."}),
    "/questions/<int:post_id>/vote": ("POST", NOT_OWN, {"value": "1"}),
    "/answers/<int:post_id>/vote": ("POST", NOT_OWN, {"value": "1"}),
    "/answers/<int:answer_id>/accept": ("POST", OWNER, {}),
    "/comments": ("POST", MEMBERS, {"target_type": "question", "target_id": "{question_id}",
                                    "body": "A comment."}),
    "/comments/<int:comment_id>/hide": ("POST", EDITORS, {"hidden": "0"}),
    "/questions/<int:question_id>/close": ("POST", EDITORS, {"reason": "Duplicate"}),
    "/questions/<int:question_id>/lock": ("POST", EDITORS, {"locked": "0"}),
    "/questions/<int:question_id>/hide": ("POST", EDITORS, {"hidden": "0"}),
    "/answers/<int:answer_id>/hide": ("POST", EDITORS, {"hidden": "0"}),
    "/questions/<int:question_id>/promote": ("POST", OWNER, {}),
    "/solutions/": ("GET", PUBLIC, None),
    "/workgroups/": ("GET", PUBLIC, None),
    "/workgroups/new": ("GET", ADMINS, None),
    "/workgroups/<slug>": ("GET", PUBLIC, None),
    "/workgroups/<slug>/edit": ("GET", ADMINS, None),
    "/workgroups/<slug>/<any(join, leave):action>": ("POST", MEMBERS, {}),
    "/workgroups/<slug>/moderators": ("POST", ADMINS, {"username": "mina"}),
    "/badges": ("GET", PUBLIC, None),
    "/notifications": ("GET", MEMBERS, None),
    "/notifications/read": ("POST", MEMBERS, {}),
    "/feeds/questions.atom": ("GET", PUBLIC, None),
    "/feeds/tags/<tag>.atom": ("GET", PUBLIC, None),
    "/feeds/workgroups/<slug>.atom": ("GET", PUBLIC, None),
    "/wiki/<slug>/watch": ("POST", MEMBERS, {"watch": "1"}),
    "/questions/<int:question_id>/watch": ("POST", MEMBERS, {"watch": "1"}),
    # The editors' desk: readers see collections, members report problems, editors the rest.
    "/editors/": ("GET", EDITORS, None),
    "/editors/featured": ("GET", EDITORS, None),
    "/editors/featured/new": ("GET", EDITORS, None),
    "/editors/featured/<int:feature_id>/edit": ("GET", EDITORS_GONE, None),
    "/editors/featured/<int:feature_id>/move": ("POST", EDITORS_GONE, {"direction": "up"}),
    "/editors/featured/<int:feature_id>/retire": ("POST", EDITORS_GONE, {"reason": "Done"}),
    "/editors/collections": ("GET", EDITORS, None),
    "/editors/collections/new": ("GET", EDITORS, None),
    "/editors/collections/<slug>": ("GET", EDITORS_GONE, None),
    "/editors/collections/<slug>/items": ("POST", EDITORS_GONE, {"target": "/wiki/{slug}"}),
    "/editors/collections/<slug>/items/<int:item_id>": ("POST", EDITORS_GONE,
                                                        {"action": "up"}),
    "/editors/review": ("GET", EDITORS, None),
    "/editors/review/<slug>": ("POST", EDITORS, {"note": "Checked"}),
    "/editors/outdated/<slug>": ("POST", EDITORS, {"note": "Prices changed"}),
    "/editors/flags": ("GET", EDITORS, None),
    "/editors/flags/<kind>/<int:object_id>": ("POST", EDITORS, {"action": "dismiss"}),
    "/editors/flags/<kind>/<int:object_id>/edit": ("GET", EDITORS, None),
    # Removing a revision's text from the history (the world's answer has only its current
    # version, which is refused with a message: editors get back to the history page).
    "/editors/history/<kind>/<int:object_id>/<int:number>": ("POST", EDITORS,
                                                             {"action": "suppress",
                                                              "reason": "A number"}),
    "/editors/log": ("GET", EDITORS, None),
    "/collections/": ("GET", PUBLIC, None),
    "/collections/<slug>": ("GET", dict.fromkeys(ROLES, GONE), None),
    "/feeds/collections/<slug>.atom": ("GET", dict.fromkeys(ROLES, GONE), None),
    "/report": ("GET", {**dict.fromkeys(ROLES, GONE), "anonymous": LOGIN}, None),
    # Mail: recovery is for anyone; a link's token decides (the world's are not valid).
    "/password/reset": ("GET", PUBLIC, None),
    "/password/reset/<token>": ("GET", dict.fromkeys(ROLES, 410), None),
    "/email/verify/<token>": ("GET", PUBLIC, None),
    "/email/verify": ("POST", MEMBERS, {}),
    "/settings/email": ("GET", MEMBERS, None),
    "/settings/notifications": ("GET", MEMBERS, None),
    "/unsubscribe/<token>": ("GET", dict.fromkeys(ROLES, GONE), None),
    # Organisations: anyone reads them; members add and claim; the organisation's admins
    # (orgadmin) and editors manage them; editors merge. Otto has a claim waiting.
    "/orgs/": ("GET", PUBLIC, None),
    "/orgs/new": ("GET", MEMBERS, None),
    "/orgs/<slug>": ("GET", PUBLIC, None),
    "/orgs/<slug>.json": ("GET", PUBLIC, None),
    "/orgs/<slug>/edit": ("GET", ORG_ADMINS, None),
    "/orgs/<slug>/members.csv": ("GET", ORG_ADMINS, None),
    "/orgs/<slug>/confirm": ("POST", ORG_ADMINS, {}),
    # Otto and Olga already have an affiliation: told so on the form.
    "/orgs/<slug>/claim": ("POST", {**MEMBERS, "other": 422, "orgadmin": 422},
                           {"role": "staff"}),
    # Never one's own claim (Otto's): refused with the reason, back to the page.
    "/orgs/affiliations/<int:affiliation_id>/<any(approve, remove):action>": (
        "POST", {**ORG_ADMINS, "member": BACK, "other": BACK}, {}),
    "/orgs/affiliations/<int:affiliation_id>/admin": (
        "POST", {**ORG_ADMINS, "member": BACK, "other": BACK}, {"admin": "0"}),
    "/orgs/affiliations/<int:affiliation_id>/<any(byline, end):action>": (
        "POST", {**dict.fromkeys(ROLES, DENIED), "anonymous": LOGIN, "other": OK},
        {"shown": "1"}),
    "/orgs/<slug>/members": ("POST", ORG_ADMINS, {"member": "{org_library_isil}",
                                                  "role": "member"}),
    "/orgs/memberships/<int:membership_id>/end": ("POST", ORG_ADMINS, {}),
    "/orgs/<slug>/merge": ("POST", {**EDITORS, "orgadmin": DENIED},
                           {"into": "{org_library_isil}"}),
    # The training register (tests/training/): the world's campaign is hosted by Olga's
    # consortium (so "orgadmin" is its host), which has pledged to it.
    "/training/": ("GET", PUBLIC, None),
    "/training/topics/new": ("GET", MEMBERS, None),
    "/training/topics/similar": ("GET", PUBLIC, None),
    "/training/topics/<int:topic_id>": ("GET", PUBLIC, None),
    "/training/topics/<int:topic_id>.atom": ("GET", PUBLIC, None),
    "/training/topics/<int:topic_id>/offer": ("GET", MEMBERS, None),
    "/training/topics/<int:topic_id>/interest": ("POST", MEMBERS, {"organisation": "",
                                                                   "seats": "2"}),
    "/training/topics/<int:topic_id>/interest/withdraw": ("POST", MEMBERS, {}),
    "/training/topics/<int:topic_id>/status": ("POST", {**EDITORS, "orgadmin": DENIED},
                                               {"status": "planned", "reason": ""}),
    "/training/topics/<int:topic_id>/campaigns/new": ("GET", ORG_ADMINS, None),
    "/training/campaigns/<int:campaign_id>": ("GET", PUBLIC, None),
    "/training/campaigns/<int:campaign_id>.json": ("GET", PUBLIC, None),
    "/training/campaigns/<int:campaign_id>/pledge": (
        "POST", {"anonymous": LOGIN, "member": DENIED, "other": DENIED, "editor": DENIED,
                 "admin": DENIED, "orgadmin": OK},
        {"organisation": "{org_id}", "seats": "3", "max_price": "500"}),
    "/training/campaigns/<int:campaign_id>/pledges/<int:pledge_id>/withdraw": (
        "POST", {**NOT_OWN, "other": BACK, "orgadmin": OK}, {}),
    "/training/campaigns/<int:campaign_id>/offers/<int:offer_id>/<any(shortlist, accept):action>": (
        "POST", {**NOT_OWN, "other": BACK, "orgadmin": OK}, {}),
    "/training/campaigns/<int:campaign_id>/extend": ("POST", ORG_ADMINS,
                                                     {"deadline": "{extend_to}"}),
    # Not yet confirmed: the host is told so (422, or back to the page for a button).
    "/training/campaigns/<int:campaign_id>/schedule": (
        "POST", {**ORG_ADMINS, "editor": 422, "admin": 422, "orgadmin": 422},
        {"schedule": "Town hall, 3 May"}),
    "/training/campaigns/<int:campaign_id>/deliver": (
        "POST", {**NOT_OWN, "other": BACK, "orgadmin": OK}, {}),
    "/training/campaigns/<int:campaign_id>/article": (
        "POST", {**NOT_OWN, "other": BACK, "orgadmin": OK}, {}),
    "/training/campaigns/<int:campaign_id>.csv": (
        "GET", {**ORG_ADMINS, "editor": "redirect", "admin": "redirect",
                "orgadmin": "redirect"}, None),
    "/orgs/<slug>/training": ("GET", ORG_ADMINS, None),
    "/orgs/<slug>/training.csv": ("GET", ORG_ADMINS, None),
    "/training/campaigns/<int:campaign_id>/cancel": ("POST", ORG_ADMINS,
                                                     {"reason": "The trainer is ill."}),
    "/training/topics/<int:topic_id>/duplicate": ("POST", {**EDITORS, "orgadmin": DENIED},
                                                  {"original": "{topic2_id}"}),
    # Files: members upload (no file sent here: 422); a file used by nothing yet (a draft's
    # image) is its uploader's and the editors' alone, unknown to everyone else (404).
    "/files/upload": ("POST", {**dict.fromkeys(ROLES, 422), "anonymous": LOGIN}, {}),
    "/files/<sha>/<path:name>": ("GET", {"anonymous": GONE, "member": OK, "other": GONE,
                                         "editor": OK, "admin": OK}, None),
    # Moving in and out (transfer/): the world has no imported contributor or claim.
    "/transfer/": ("GET", ADMINS, None),
    "/transfer/export/markdown.zip": ("GET", ADMINS, None),
    "/transfer/export/mediawiki.xml": ("GET", ADMINS, None),
    "/transfer/claim/<username>": ("GET", {"anonymous": LOGIN, "member": GONE, "other": GONE,
                                           "editor": GONE, "admin": GONE}, None),
    "/transfer/claims/<int:claim_id>/<any(approve, refuse):action>": (
        "POST", {**ADMINS, "admin": GONE}, {}),
    "/transfer/claim/<username>/mail": ("POST", {**ADMINS, "admin": GONE},
                                        {"email": "ada@example.org"}),
    "/transfer/claim/mail/<token>": ("GET", {**dict.fromkeys(ROLES, 410),
                                             "anonymous": LOGIN}, None),
    # Community chats: anyone reads them; members reply, vote and ask for reminders; the
    # chat's host (the admin) and editors run it; editors schedule (and name chat hosts)
    # and import. The world's chat is live, so picking a prompt (before the start only)
    # and the article (after a summary) are refused with a message, back to the page.
    "/chats/": ("GET", PUBLIC, None),
    "/chats/new": ("GET", EDITORS, None),
    "/chats/calendar.ics": ("GET", PUBLIC, None),
    "/chats/agenda": ("GET", PUBLIC, None),
    "/chats/hosts": ("GET", EDITORS, None),
    "/chats/import": ("GET", EDITORS, None),
    "/chats/<int:chat_id>": ("GET", PUBLIC, None),
    "/chats/<int:chat_id>.ics": ("GET", PUBLIC, None),
    "/chats/<int:chat_id>/replies": ("GET", PUBLIC, None),
    "/chats/<int:chat_id>/summary": ("GET", EDITORS, None),
    "/chats/<int:chat_id>/remind": ("POST", MEMBERS, {"wanted": "0"}),
    "/chats/agenda/<int:suggestion_id>/vote": ("POST", MEMBERS, {"wanted": "1"}),
    "/chats/<int:chat_id>/pick/<int:suggestion_id>": ("POST", EDITORS, {}),
    "/chats/<int:chat_id>/reply": ("POST", MEMBERS, {"body": "Hello from the matrix"}),
    "/chats/replies/<int:reply_id>/hide": ("POST", EDITORS, {"reason": "Off topic"}),
    "/chats/<int:chat_id>/lock": ("POST", EDITORS, {"locked": "0"}),
    "/chats/<int:chat_id>/release": ("POST", EDITORS, {}),
    "/chats/<int:chat_id>/curator": ("POST", EDITORS, {"username": ""}),
    "/chats/<int:chat_id>/article": ("POST", EDITORS, {}),
    "/chats/<int:chat_id>/close": ("POST", EDITORS, {}),
    # Across sectors (sectors/, partners/, wiki check-by dates)
    "/editors/checks": ("GET", EDITORS, None),
    "/sectors/": ("GET", PUBLIC, None),
    "/sectors/<sector>": ("GET", PUBLIC, None),
    "/partners/": ("GET", PUBLIC, None),
    "/partners/feed.atom": ("GET", PUBLIC, None),
    "/partners/new": ("GET", MEMBERS, None),
    "/partners/<int:post_id>": ("GET", PUBLIC, None),
    "/partners/<int:post_id>/edit": ("GET", OWNER, None),
    "/partners/<int:post_id>/replies": (
        "POST", {"anonymous": LOGIN, "member": DENIED, "other": OK, "editor": OK, "admin": OK},
        {"body": "We would like to join."}),
    "/partners/<int:post_id>/close": ("POST", OWNER, {"note": "Found one"}),
    "/partners/<int:post_id>/write-up": ("POST", {**OWNER, "other": BACK}, {}),
    "/partners/<int:post_id>/hide": ("POST", EDITORS, {"hidden": "1"}),
    # The training register's discussion, trainer profiles and withdrawn offers: members
    # comment on a topic, editors hide a comment (with a reason); a member declares
    # themselves a trainer; Otto ("other") withdraws his offer, the others are refused
    # with the reason, back on the topic's page.
    "/training/topics/<int:topic_id>/comments": ("POST", MEMBERS, {"body": "Count us in."}),
    "/training/topic-comments/<int:topic_comment_id>/hide": (
        "POST", {**EDITORS, "orgadmin": DENIED}, {"hidden": "1", "reason": "Off topic"}),
    "/training/trainer": ("GET", MEMBERS, None),
    "/training/trainer/remove": ("POST", MEMBERS, {}),
    "/training/offers/<int:offer_id>/withdraw": (
        "POST", {"anonymous": LOGIN, "member": BACK, "other": OK, "editor": BACK,
                 "admin": BACK, "orgadmin": BACK}, {}),
}
# Every row not about organisations: the org admin is a member like any other.
for _method, _expected, _data in MATRIX.values():
    _expected.setdefault("orgadmin", _expected["other"])
# POSTs that carry no CSRF token by design, and why; a forged request still changes nothing.
CSRF_EXEMPT = {"/unsubscribe/<token>": "one-click unsubscribe (RFC 8058): a mail client "
                                       "posts it with no cookie; the signed token is the proof"}
# Rows run in this order: the answer is accepted before the thread is promoted, and the
# article is hidden only after every page about it has been checked.

# A later deadline for the training campaign's extension (local time, UTC).
EXTEND_TO = (datetime.now(UTC) + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")

USERS = {"member": "mina", "other": "otto", "editor": "edith", "admin": "adam",
         "orgadmin": "olga"}


def concrete(rule: str, world) -> str:
    values = {"slug": world.slug, "number": "1", "username": world.username,
              "question_id": str(world.question_id), "answer_id": str(world.answer_id),
              "comment_id": str(world.comment_id), "tag": "advisory",
              "filename": "css/site.css", "action": "join", "feature_id": "1",
              "item_id": "1", "kind": "answer", "object_id": str(world.answer_id),
              "token": "not-a-valid-token", "sha": world.file_sha, "name": "draft.png"}
    if rule.startswith("/feeds/tags/"):
        values["tag"] = "weeding"
    if rule.startswith(("/workgroups/<slug>", "/feeds/workgroups/<slug>")):
        values["slug"] = world.workgroup
    if rule.startswith("/orgs/"):
        values.update(slug=world.org, affiliation_id=str(world.affiliation_id),
                      membership_id=str(world.membership_id),
                      action="approve" if "approve" in rule else "byline")
    if rule == "/orgs/<slug>/merge":
        values["slug"] = world.org_duplicate
    if rule.startswith("/transfer/"):
        values.update(claim_id="999999", action="approve")
    if rule.startswith("/chats/"):
        values.update(chat_id=str(world.chat_id), reply_id=str(world.chat_reply_id),
                      suggestion_id=str(world.suggestion_id))
    if rule.startswith("/questions/<int:question_id>/<slug>"):
        values["slug"] = world.question_slug
    if rule.startswith("/questions/<int:post_id>"):
        values["post_id"] = str(world.question_id)
    if rule.startswith("/answers/<int:post_id>"):
        values["post_id"] = str(world.answer_id)
    if rule.startswith(("/training/", "/orgs/<slug>/training")):
        values.update(topic_id=str(world.topic_id), campaign_id=str(world.campaign_id),
                      pledge_id=str(world.pledge_id), offer_id=str(world.offer_id),
                      action="shortlist", topic_comment_id=str(world.topic_comment_id))
    if rule.startswith("/partners/<int:post_id>"):
        values["post_id"] = str(world.partner_post_id)
    if rule.startswith("/sectors/"):
        values.update(sector="public", kind="article", object_id=str(world.article_id))
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: values[m.group(1)], rule)


def outcome(response) -> object:
    if response.status_code in (301, 302, 303):
        return LOGIN if "/login" in response.location else "redirect"
    if response.status_code == 401:  # a form with text: shown back, with a way to sign in
        return LOGIN if 'href="/login"' in response.get_data(as_text=True) else 401
    if response.status_code < 300:
        return OK
    return response.status_code


def rules(app):
    return sorted({(rule.rule, tuple(sorted(rule.methods - {"HEAD", "OPTIONS"})))
                   for rule in app.url_map.iter_rules()})


def test_every_route_has_a_row(app):
    missing = [rule for rule, _methods in rules(app) if rule not in MATRIX]
    assert not missing, f"routes without a row in the permission table: {missing}"
    stale = [rule for rule in MATRIX if rule not in {r for r, _m in rules(app)}]
    assert not stale, f"rows for routes that no longer exist: {stale}"


def test_no_state_changing_route_answers_get(app, client, world):
    for rule, methods in rules(app):
        if "POST" in methods and "GET" not in methods:
            response = client.get(concrete(rule, world))
            response.close()
            assert response.status_code == 405, rule


@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_every_role(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        client.login(USERS[role], PASSWORD)
    failures = []
    for rule, (method, expected, data) in MATRIX.items():
        path = concrete(rule, world)
        before = fingerprint() if method == "POST" else None
        if method == "GET":
            response = client.get(path)
        else:
            form = {key: value.format(**vars(world), extend_to=EXTEND_TO)
                    for key, value in (data or {}).items()}
            response = client.submit(path, form)
            if rule == "/logout":
                client.login(USERS[role], PASSWORD) if role != "anonymous" else None
        got = outcome(response)
        want = expected[role]
        if want == BACK and got == "redirect":
            got = BACK
        if want == OK and got == "redirect" and method == "POST":
            got = OK  # a POST that worked redirects back to a page
        if got != want:
            failures.append(f"{method} {path} as {role}: expected {want}, got {got}")
        response.close()
        if method == "POST" and want in (LOGIN, DENIED, BACK) and fingerprint() != before:
            failures.append(f"{method} {path} as {role} was refused but changed the database")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["anonymous", "member", "editor"])
def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        client.login(USERS[role], PASSWORD)
    for rule, methods in rules(app):
        if "POST" not in methods:
            continue
        before = fingerprint()
        data = {key: value.format(**vars(world), extend_to=EXTEND_TO)
                for key, value in (MATRIX[rule][2] or {}).items()}
        response = client.post(concrete(rule, world), data=data)
        response.close()
        if rule in CSRF_EXEMPT:
            assert response.status_code == 404, (rule, response.status_code)  # a bad token
        else:
            assert response.status_code == 400, (rule, response.status_code)
        assert fingerprint() == before, rule
