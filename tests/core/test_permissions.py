"""Who may do what, as one table: every rule in core.permissions, for each kind of viewer,
against the states that change the answer. A rule that changes, or a rule added without
a row here, fails this module."""

from types import SimpleNamespace

import pytest
from flask import Flask

from core import permissions
from core.errors import PermissionDenied
from core.permissions import NotSignedIn

MEMBER, AUTHOR, MODERATOR, EDITOR, ADMIN = 1, 2, 3, 4, 5
GROUP = 7
IDS = {"member": MEMBER, "author": AUTHOR, "moderator": MODERATOR, "editor": EDITOR,
       "admin": ADMIN}
ROLES = {"member": "member", "author": "member", "moderator": "member", "editor": "editor",
         "admin": "admin"}

VIEWERS = ("anonymous", "member", "author", "moderator", "editor", "admin")
EVERYONE = frozenset(VIEWERS)
MEMBERS = EVERYONE - {"anonymous"}
EDITORS = frozenset({"editor", "admin"})
ADMINS = frozenset({"admin"})
AUTHOR_OR_EDITORS = EDITORS | {"author"}
NOBODY = frozenset()


def viewer(kind: str):
    """A viewer as the rules see one: Flask-Login's anonymous user, or a User's attributes
    ("author" wrote the things below; "moderator" moderates their workgroup)."""
    if kind == "anonymous":
        return SimpleNamespace(is_authenticated=False)
    role = ROLES[kind]
    return SimpleNamespace(is_authenticated=True, id=IDS[kind], role=role,
                           is_editor=role in ("editor", "admin"), is_admin=role == "admin")


STATES = {
    "plain": {},
    "hidden": {"hidden": True},
    "protected": {"protected": True},
    "locked": {"locked": True},
    "closed": {"closed_reason": "Duplicate"},
    "suppressed": {"suppressed_at": "2026-01-01"},
    "unsolved": {"solved": False},
    "promoted": {"promoted_article_id": 9},
    "no workgroup": {"workgroup_id": None},
    "archived": {"archived": True},
    "verified": {"verified": True},
    "library": {"kind": "library"},
    "org closed": {"status": "closed"},
    "own claim": {"user_id": MODERATOR},
    "chat": {"host_id": AUTHOR, "curator_id": MODERATOR},
    "chat locked": {"host_id": AUTHOR, "curator_id": MODERATOR, "locked": True},
    "provider": {"kind": "training"},
    "campaign": {"host": SimpleNamespace(id=AUTHOR, kind="consortium", status="active")},
    "open": {"status": "open"},
    "offer": {"trainer_id": AUTHOR, "status": "made"},
    "offer shortlisted": {"trainer_id": AUTHOR, "status": "shortlisted"},
    "offer accepted": {"trainer_id": AUTHOR, "status": "accepted"},
    "offer declined": {"trainer_id": AUTHOR, "status": "declined"},
    "private": {"public": False},
    "public reply": {"public": True},
}


def thing(state: str):
    """An article, revision, question, answer, comment or workgroup in one state: the rules
    read only attributes, so one object stands for each."""
    attributes = {"hidden": False, "protected": False, "locked": False, "closed_reason": None,
                  "suppressed_at": None, "author_id": AUTHOR, "id": AUTHOR,
                  "workgroup_id": GROUP, "solved": True, "promoted_article_id": None,
                  "archived": False, "kind": "consortium", "verified": False,
                  "status": "active", "user_id": AUTHOR}
    return SimpleNamespace(**{**attributes, **STATES[state]})


# How each rule is asked: of the viewer alone, of one thing, or of a post and its thread,
# an article and one of its revisions (the same object stands for both).
def alone(rule, _thing):
    return rule()


def of(rule, item):
    return rule(item)


def of_two(rule, item):
    return rule(item, item)


# (rule, how it is asked, state) -> who may
TABLE = {
    ("see", of, "plain"): EVERYONE,
    ("see", of, "hidden"): EDITORS,
    ("see_hidden", alone, "plain"): EDITORS,
    ("read_log", alone, "plain"): EDITORS,
    ("use_desk", alone, "plain"): EDITORS,
    ("create_article", alone, "plain"): MEMBERS,
    ("edit_article", of, "plain"): MEMBERS,
    ("edit_article", of, "protected"): EDITORS,
    ("edit_article", of, "hidden"): NOBODY,
    ("edit_article", of, "locked"): MEMBERS,
    ("revert_to", of_two, "plain"): MEMBERS,
    ("revert_to", of_two, "suppressed"): EDITORS,
    ("revert_to", of_two, "protected"): EDITORS,
    ("revert_to", of_two, "hidden"): NOBODY,
    ("rename_article", alone, "plain"): EDITORS,
    ("protect_article", alone, "plain"): EDITORS,
    ("hide", of, "plain"): EDITORS,
    ("hide", of, "hidden"): EDITORS,
    ("hide", of, "protected"): EDITORS,
    ("restore_article", alone, "hidden"): ADMINS,
    ("suppress", alone, "plain"): EDITORS,
    ("read_suppressed", alone, "plain"): ADMINS,
    ("read_revision", of, "plain"): EVERYONE,
    ("read_revision", of, "suppressed"): ADMINS,
    ("edit_post", of, "plain"): AUTHOR_OR_EDITORS,
    ("edit_post", of, "hidden"): AUTHOR_OR_EDITORS,
    ("edit_post", of, "locked"): AUTHOR_OR_EDITORS,
    ("edit_post", of, "closed"): AUTHOR_OR_EDITORS,
    ("answer", of, "plain"): MEMBERS,
    ("answer", of, "locked"): NOBODY,
    ("answer", of, "closed"): MEMBERS,  # refused as a form error that says why
    ("comment", of, "plain"): MEMBERS,
    ("comment", of, "locked"): NOBODY,
    ("comment", of, "closed"): MEMBERS,
    ("vote", of_two, "plain"): MEMBERS - {"author"},
    ("vote", of_two, "locked"): NOBODY,
    ("vote", of_two, "closed"): MEMBERS - {"author"},
    ("vote", of_two, "hidden"): MEMBERS - {"author"},
    ("accept", of, "plain"): AUTHOR_OR_EDITORS,
    ("accept", of, "locked"): AUTHOR_OR_EDITORS,
    ("promote", of, "plain"): AUTHOR_OR_EDITORS,
    ("promote", of, "unsolved"): NOBODY,
    ("promote", of, "promoted"): NOBODY,
    ("moderate", of, "plain"): EDITORS | {"moderator"},
    ("moderate", of, "no workgroup"): EDITORS,
    ("lock", alone, "plain"): EDITORS,
    ("join", of, "plain"): MEMBERS,
    ("join", of, "archived"): NOBODY,
    ("manage_workgroups", alone, "plain"): ADMINS,
    ("change_roles", alone, "plain"): ADMINS,
    ("edit_profile", of, "plain"): frozenset({"author"}),  # the thing is the author's account
    # Organisations: "moderator" is the organisation's admin, "author" is affiliated with it
    # (and made the affiliation claim that the thing stands for).
    ("create_organisation", alone, "plain"): MEMBERS,
    ("manage_organisation", of, "plain"): EDITORS | {"moderator"},
    ("confirm_organisation", of, "plain"): EDITORS | {"moderator"},
    ("confirm_organisation", of, "verified"): NOBODY,
    ("approve_affiliation", of_two, "plain"): EDITORS | {"moderator"},
    ("approve_affiliation", of_two, "own claim"): EDITORS,
    ("claim_affiliation", of, "plain"): MEMBERS,
    ("claim_affiliation", of, "org closed"): NOBODY,
    ("manage_memberships", of, "plain"): EDITORS | {"moderator"},
    ("manage_memberships", of, "library"): NOBODY,
    ("merge_organisations", alone, "plain"): EDITORS,
    ("act_for", of, "plain"): frozenset({"author"}),
    # Chats: the moderator stands for a member an editor made a chat host (and a chat's
    # curator); the author hosts the chat.
    ("schedule_chat", alone, "plain"): EDITORS | {"moderator"},
    ("grant_chat_host", alone, "plain"): EDITORS,
    ("host_chat", of, "chat"): EDITORS | {"author"},
    ("reply_in_chat", of, "chat"): MEMBERS,
    ("reply_in_chat", of, "chat locked"): NOBODY,
    ("summarise_chat", of, "chat"): EDITORS | {"author", "moderator"},
    ("import_chats", alone, "plain"): EDITORS,
    ("suggest_chat_topic", alone, "plain"): MEMBERS,
    # The training register: the moderator is the host organisation's admin (the thing is
    # the organisation, or a campaign whose host it is).
    ("propose_topic", alone, "plain"): MEMBERS,
    ("decide_topic", alone, "plain"): EDITORS,
    # A trainer (a trainer profile, or a training provider's affiliate) is "moderator" here.
    ("make_offer", alone, "plain"): frozenset({"moderator"}),
    # The author made the offer; once answered (accepted, or not chosen) it stays.
    ("withdraw_offer", of, "offer"): frozenset({"author"}),
    ("withdraw_offer", of, "offer shortlisted"): frozenset({"author"}),
    ("withdraw_offer", of, "offer accepted"): NOBODY,
    ("withdraw_offer", of, "offer declined"): NOBODY,
    ("host_campaign", of, "plain"): EDITORS | {"moderator"},
    ("host_campaign", of, "library"): EDITORS | {"moderator"},
    ("host_campaign", of, "provider"): NOBODY,
    ("host_campaign", of, "org closed"): NOBODY,
    ("manage_campaign", of, "campaign"): EDITORS | {"moderator"},
    ("see_training_report", of, "plain"): EDITORS | {"moderator"},
    ("see_training_report", of, "library"): NOBODY,
    ("check_article", of, "plain"): AUTHOR_OR_EDITORS,
    ("check_article", of, "hidden"): NOBODY,
    ("curate_matches", alone, "plain"): EDITORS,
    ("post_partnership", alone, "plain"): MEMBERS,
    ("reply_partnership", of, "open"): MEMBERS - {"author"},
    ("reply_partnership", of, "plain"): NOBODY,
    ("manage_partnership", of, "plain"): AUTHOR_OR_EDITORS,
    ("read_partnership_reply", of_two, "private"): AUTHOR_OR_EDITORS,
    ("read_partnership_reply", of_two, "public reply"): EVERYONE,
}


@pytest.fixture(autouse=True)
def facts():
    """A bare app whose one workgroup moderator is MODERATOR (the fact community keeps)."""
    app = Flask(__name__)
    permissions.provide(app, "moderates",
                        lambda who, group: who.id == MODERATOR and group == GROUP)
    permissions.provide(app, "org_admin", lambda who, org: who.id == MODERATOR and org == AUTHOR)
    permissions.provide(app, "acts_for", lambda who, org: who.id == AUTHOR and org == AUTHOR)
    permissions.provide(app, "chat_host", lambda who: who.id == MODERATOR)
    permissions.provide(app, "leads", lambda who, article: who.id == AUTHOR and article == AUTHOR)
    permissions.provide(app, "trains", lambda who: who.id == MODERATOR)
    with app.app_context():
        yield


@pytest.mark.parametrize(("rule", "ask", "state"), list(TABLE), ids=lambda part: getattr(
    part, "__name__", part))
def test_who_may(rule, ask, state):
    allowed = {kind for kind in VIEWERS
               if ask(getattr(permissions.Rules(viewer(kind)), rule), thing(state))}
    assert allowed == TABLE[rule, ask, state]


def test_every_rule_is_in_the_table():
    assert {rule for rule, _ask, _state in TABLE} == set(permissions.RULES)


def test_no_viewer_is_an_anonymous_one():
    for rule, ask, state in TABLE:
        allowed = ask(getattr(permissions.Rules(None), rule), thing(state))
        assert allowed == ("anonymous" in TABLE[rule, ask, state]), (rule, state)


def test_a_moderator_moderates_only_where_a_part_says_so():
    with Flask(__name__).app_context():  # no part keeps the fact: only editors moderate
        assert not permissions.may_moderate(viewer("moderator"), thing("plain"))
        assert permissions.may_moderate(viewer("editor"), thing("plain"))


def test_viewer_kinds():
    assert [permissions.viewer_kind(viewer(kind)) for kind in VIEWERS] == [
        "reader", "member", "member", "member", "editor", "admin"]
    assert permissions.viewer_kind(None) == "reader"


def test_signing_in_is_asked_first():
    for require in (permissions.require_member, permissions.require_editor,
                    permissions.require_admin):
        with pytest.raises(NotSignedIn):
            require(viewer("anonymous"))
        with pytest.raises(NotSignedIn):
            require(None)
    permissions.require_member(viewer("member"))


@pytest.mark.parametrize(("require", "allowed"), [
    (permissions.require_editor, EDITORS), (permissions.require_admin, ADMINS)])
def test_members_without_the_role_are_refused_not_sent_to_sign_in(require, allowed):
    for kind in MEMBERS:
        if kind in allowed:
            require(viewer(kind))
            continue
        with pytest.raises(PermissionDenied) as refused:
            require(viewer(kind))
        assert not isinstance(refused.value, NotSignedIn)


def test_require_refuses_with_the_message():
    permissions.require(True, "never shown")
    with pytest.raises(PermissionDenied, match="Only editors may hide answers."):
        permissions.require(False, "Only editors may hide answers.")


@pytest.mark.parametrize(("kind", "state", "error", "message"), [
    ("anonymous", "plain", NotSignedIn, "Please sign in to write or edit articles."),
    ("member", "hidden", PermissionDenied, "This article is hidden and cannot be edited."),
    ("editor", "hidden", PermissionDenied, "This article is hidden and cannot be edited."),
    ("member", "protected", PermissionDenied,
     "This article is protected: only editors may change it."),
])
def test_an_article_edit_is_refused_with_its_reason(kind, state, error, message):
    with pytest.raises(error, match=message):
        permissions.require_edit_article(viewer(kind), thing(state))
    assert permissions.article_edit_refusal(viewer(kind), thing(state)) == message


def test_a_new_article_needs_only_a_member():
    permissions.require_edit_article(viewer("member"), None)
    with pytest.raises(NotSignedIn):
        permissions.require_edit_article(viewer("anonymous"), None)


@pytest.mark.parametrize(("kind", "state", "reason"), [
    ("anonymous", "plain", "Please sign in to vote."),
    ("author", "plain", "You cannot vote on your own post."),
    ("author", "locked", "You cannot vote on your own post."),
    ("member", "locked", "This thread is locked."),
    ("member", "plain", ""),
])
def test_a_vote_is_refused_with_its_reason(kind, state, reason):
    assert permissions.vote_refusal(viewer(kind), thing(state), thing(state)) == reason


def test_comments_on_an_article_have_no_thread_to_lock():
    assert permissions.may_comment(viewer("member"), None)
    assert not permissions.may_comment(viewer("anonymous"), None)


def test_templates_ask_the_same_rules():
    rules = permissions.Rules(viewer("member"))
    assert rules.edit_article(thing("plain")) and not rules.edit_article(thing("protected"))
    with pytest.raises(AttributeError, match="may_edit_artcle"):
        rules.edit_artcle  # noqa: B018 - a misspelt rule fails loudly
