"""Who may do what: every "may this viewer do X to Y" on Commonplace, and nowhere else.

A rule is a plain function of the viewer (a `User`, Flask-Login's anonymous user or None)
and the things it is about. It reads only their attributes (`role`, `hidden`, `locked`,
`author_id`...), so `core` imports no part: an article, a question or a collection is
whatever has the attributes the rule reads. The one fact a rule cannot read from its
arguments (is this member a moderator of that workgroup?) is looked up through `provide`,
which the part that keeps it fills at start-up.

Services ask `require(may_x(...), message)` (or one of the `require_*` below) and raise
`PermissionDenied`; `require_member` raises `NotSignedIn`, which the site answers with the
sign-in page. Templates ask the same rules through `may`: `may.edit_article(article)`,
`may.hide(answer)`. `init_permissions` installs both answers and `may`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from flask import Flask, current_app, flash, redirect, request

from core.errors import PermissionDenied

SIGN_IN = "Please sign in to do that."


class NotSignedIn(PermissionDenied):
    """Only members may do this, and the viewer is not signed in: sign in first."""


# ---------------------------------------------------------------- who the viewer is

def is_member(viewer) -> bool:
    """Signed in (every role counts: member, editor, admin)."""
    return bool(viewer is not None and getattr(viewer, "is_authenticated", False))


def is_editor(viewer) -> bool:
    return is_member(viewer) and viewer.is_editor


def is_admin(viewer) -> bool:
    return is_member(viewer) and viewer.is_admin


def viewer_kind(viewer) -> str:
    """reader, member, editor or admin: pages that differ only by who reads them are
    cached per kind, so every rule a cached page asks depends on the kind alone."""
    return viewer.role if is_member(viewer) else "reader"


def is_self(viewer, user) -> bool:
    return is_member(viewer) and user is not None and viewer.id == user.id


# ---------------------------------------------------------------- refusing

def require(allowed: bool, message: str) -> None:
    """Refuse (PermissionDenied with `message`) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


def require_member(viewer, message: str = SIGN_IN) -> None:
    """The one way to require sign-in: NotSignedIn (the sign-in page) for anyone else."""
    if not is_member(viewer):
        raise NotSignedIn(message)


def require_editor(viewer, message: str = "Only editors may do that.") -> None:
    require_member(viewer, message)
    require(is_editor(viewer), message)


def require_admin(viewer, message: str = "Only admins may do that.") -> None:
    require_member(viewer, message)
    require(is_admin(viewer), message)


# ---------------------------------------------------------------- facts kept by a part

def provide(app: Flask, fact: str, lookup: Callable[..., bool]) -> None:
    """A part that keeps a fact rules need registers how to look it up (in its init_*).
    Facts: "moderates" (viewer, workgroup_id) -> bool; "org_admin" and "acts_for"
    (viewer, organisation_id) -> bool; "leads" (viewer, article_id) -> bool; "trains"
    (viewer) -> bool."""
    app.extensions.setdefault("permissions.facts", {})[fact] = lookup


def _fact(name: str, *args) -> bool:
    lookup = current_app.extensions.get("permissions.facts", {}).get(name)
    return bool(lookup is not None and lookup(*args))


# ---------------------------------------------------------------- seeing

def may_see_hidden(viewer) -> bool:
    """Editors see hidden articles, questions, answers, comments and collections (and
    lists include them); everyone else does not know they exist."""
    return is_editor(viewer)


def may_see(viewer, thing) -> bool:
    """Anything with a `hidden` flag: an article, question, answer, comment, collection."""
    return not thing.hidden or may_see_hidden(viewer)


def may_read_log(viewer) -> bool:
    return is_editor(viewer)


def may_use_desk(viewer) -> bool:
    """The editors' desk: features, collections, review, flags, the log."""
    return is_editor(viewer)


# ---------------------------------------------------------------- articles

def may_create_article(viewer) -> bool:
    return is_member(viewer)


def article_edit_refusal(viewer, article) -> str:
    """Why this viewer may not edit this article (None: a new one), or "" if they may."""
    if not is_member(viewer):
        return "Please sign in to write or edit articles."
    if article is not None and article.hidden:
        return "This article is hidden and cannot be edited."
    if article is not None and article.protected and not is_editor(viewer):
        return "This article is protected: only editors may change it."
    return ""


def may_edit_article(viewer, article) -> bool:
    return not article_edit_refusal(viewer, article)


def require_edit_article(viewer, article) -> None:
    refusal = article_edit_refusal(viewer, article)
    if refusal:
        raise (NotSignedIn if not is_member(viewer) else PermissionDenied)(refusal)


def may_revert_to(viewer, article, revision) -> bool:
    """Restoring a suppressed revision would put its removed text back: editors only."""
    return may_edit_article(viewer, article) and (revision.suppressed_at is None
                                                  or is_editor(viewer))


def may_rename_article(viewer) -> bool:
    return is_editor(viewer)


def may_protect_article(viewer) -> bool:
    return is_editor(viewer)


def may_hide(viewer, thing=None) -> bool:
    """Editors hide (and show again) questions, answers, comments and collections, and
    hide articles; a hidden article is restored by an admin (may_restore_article)."""
    return is_editor(viewer)


def may_restore_article(viewer) -> bool:
    return is_admin(viewer)


# ---------------------------------------------------------------- revisions' history

# Suppressed revisions (of articles, questions and answers): an editor removes a revision's
# text from the history; admins still read it (and may put it back), everyone else sees
# "removed by an editor".

def may_suppress(viewer) -> bool:
    """Whether this person may remove a revision's text from the history."""
    return is_editor(viewer)


def may_read_suppressed(viewer) -> bool:
    """Whether this person may read (and restore) text removed from the history."""
    return is_admin(viewer)


def may_read_revision(viewer, revision) -> bool:
    """Whether this person may read this revision's text (an article's or a post's)."""
    return revision.suppressed_at is None or may_read_suppressed(viewer)


# ---------------------------------------------------------------- questions and answers

def may_edit_post(viewer, post) -> bool:
    """A question or an answer: its author, or an editor."""
    return is_member(viewer) and (post.author_id == viewer.id or is_editor(viewer))


def may_answer(viewer, question) -> bool:
    """A closed question refuses answers too, but as a form error that says why."""
    return is_member(viewer) and not question.locked


def may_comment(viewer, thread=None) -> bool:
    """On a question or its answers (`thread`, the question) or on an article (None)."""
    return is_member(viewer) and (thread is None or not thread.locked)


def vote_refusal(viewer, post, thread) -> str:
    """Why this viewer may not vote on this question or answer (in `thread`), or ""."""
    if not is_member(viewer):
        return "Please sign in to vote."
    if post.author_id == viewer.id:
        return "You cannot vote on your own post."
    if thread.locked:
        return "This thread is locked."
    return ""


def may_vote(viewer, post, thread) -> bool:
    return not vote_refusal(viewer, post, thread)


def may_accept(viewer, question) -> bool:
    """Accept an answer (or withdraw acceptance): the asker, or an editor."""
    return is_member(viewer) and (question.author_id == viewer.id or is_editor(viewer))


def may_promote(viewer, question) -> bool:
    """Turn a solved thread into an article, once."""
    return bool(question.solved and question.promoted_article_id is None
                and may_accept(viewer, question))


def may_moderate(viewer, question) -> bool:
    """Close and reopen: editors, and the moderators of the question's workgroup."""
    if is_editor(viewer):
        return True
    if not is_member(viewer) or question.workgroup_id is None:
        return False
    return _fact("moderates", viewer, question.workgroup_id)


def may_lock(viewer) -> bool:
    return is_editor(viewer)


# ---------------------------------------------------------------- workgroups and accounts

def may_join(viewer, workgroup) -> bool:
    """Join (or leave) a workgroup; an archived one takes no new members."""
    return is_member(viewer) and not workgroup.archived


def may_manage_workgroups(viewer) -> bool:
    """Create, edit and archive workgroups, and appoint their moderators."""
    return is_admin(viewer)


def may_change_roles(viewer) -> bool:
    return is_admin(viewer)


def may_edit_profile(viewer, user) -> bool:
    """One's own settings and sign-out."""
    return is_self(viewer, user)


# ---------------------------------------------------------------- organisations

# An organisation's admins are members whose approved affiliation with it carries the admin
# mark; the orgs part keeps that fact ("org_admin": viewer, organisation_id) and whether a
# member may act for an organisation ("acts_for": an approved, current affiliation).

def is_org_admin(viewer, organisation) -> bool:
    return (is_member(viewer) and organisation is not None
            and _fact("org_admin", viewer, organisation.id))


def may_create_organisation(viewer) -> bool:
    return is_member(viewer)


def may_manage_organisation(viewer, organisation) -> bool:
    """Edit its details, confirm it, approve or remove affiliations, name its admins,
    export its members: its admins, and editors for any."""
    return is_editor(viewer) or is_org_admin(viewer, organisation)


def may_confirm_organisation(viewer, organisation) -> bool:
    """Mark a member-made organisation as verified."""
    return not organisation.verified and may_manage_organisation(viewer, organisation)


def may_approve_affiliation(viewer, affiliation, organisation) -> bool:
    """Approve or remove a member's affiliation: never one's own claim."""
    return (affiliation.user_id != getattr(viewer, "id", None)
            and may_manage_organisation(viewer, organisation))


def may_claim_affiliation(viewer, organisation) -> bool:
    return is_member(viewer) and organisation.status == "active"


def may_manage_memberships(viewer, consortium) -> bool:
    """A consortium's (or umbrella body's) list of member organisations."""
    return consortium.kind in ("consortium", "association") and may_manage_organisation(
        viewer, consortium)


def may_merge_organisations(viewer) -> bool:
    return is_editor(viewer)


def may_act_for(viewer, organisation) -> bool:
    """Act on behalf of an organisation (pledge in the training register): an approved,
    current affiliation with it."""
    return (is_member(viewer) and organisation is not None
            and _fact("acts_for", viewer, organisation.id))


# ---------------------------------------------------------------- the training register

# Kinds of organisation that host training campaigns (a training provider offers instead).
HOSTING_KINDS = ("library", "service", "consortium", "association")


def may_propose_topic(viewer) -> bool:
    return is_member(viewer)


def may_decide_topic(viewer, topic=None) -> bool:
    """Plan, decline, mark a duplicate or reopen a topic: editors."""
    return is_editor(viewer)


def may_host_campaign(viewer, organisation) -> bool:
    """Open a campaign hosted by this organisation: its admins (an umbrella body,
    consortium, library or library service), or an editor."""
    return (organisation is not None and organisation.kind in HOSTING_KINDS
            and organisation.status == "active"
            and (is_editor(viewer) or is_org_admin(viewer, organisation)))


def may_manage_campaign(viewer, campaign) -> bool:
    """Cancel, extend, schedule, mark delivered, answer offers, download the CSV: the
    host's admins and editors."""
    return is_editor(viewer) or is_org_admin(viewer, campaign.host)


def may_make_offer(viewer) -> bool:
    """Trainers offer: a member with a trainer profile, or with an approved, current
    affiliation with a training provider (the fact "trains", kept by training/)."""
    return is_member(viewer) and _fact("trains", viewer)


def may_withdraw_offer(viewer, offer) -> bool:
    """An offer is withdrawn by its trainer, while it is not accepted (nor answered)."""
    return (is_member(viewer) and offer.trainer_id == viewer.id
            and offer.status in ("made", "shortlisted"))


def may_see_training_report(viewer, organisation) -> bool:
    """An umbrella body's or consortium's demand report: its admins and editors."""
    return organisation.kind in ("consortium", "association") and may_manage_organisation(
        viewer, organisation)


# ---------------------------------------------------------------- community chats

# Chat hosts are editors and the members an editor made hosts; the chats part keeps that
# fact ("chat_host": viewer -> bool). A chat's own host (or any editor) runs it.

def is_chat_host(viewer) -> bool:
    return is_editor(viewer) or (is_member(viewer) and _fact("chat_host", viewer))


def may_schedule_chat(viewer) -> bool:
    return is_chat_host(viewer)


def may_grant_chat_host(viewer) -> bool:
    return is_editor(viewer)


def may_host_chat(viewer, chat) -> bool:
    """Release prompts, hide replies, lock and close: the chat's host, or an editor."""
    return is_editor(viewer) or (is_member(viewer) and chat.host_id == viewer.id)


def may_reply_in_chat(viewer, chat) -> bool:
    return is_member(viewer) and not chat.locked


def may_summarise_chat(viewer, chat) -> bool:
    """Write the summary: the host (or an editor), or the curator the host named."""
    return may_host_chat(viewer, chat) or (is_member(viewer)
                                           and chat.curator_id == viewer.id)


def may_import_chats(viewer) -> bool:
    return is_editor(viewer)


def may_suggest_chat_topic(viewer) -> bool:
    return is_member(viewer)


# ---------------------------------------------------------------- across sectors

def may_check_article(viewer, article) -> bool:
    """Mark an article checked, or move its check-by date: editors, and its lead authors
    (the fact "leads", kept by the wiki). Never a hidden article."""
    if not is_member(viewer) or getattr(article, "hidden", False):
        return False
    return is_editor(viewer) or _fact("leads", viewer, article.id)


def may_curate_matches(viewer) -> bool:
    """Remove or pin an item of an article's or solution's "From other sectors"."""
    return is_editor(viewer)


def may_post_partnership(viewer) -> bool:
    return is_member(viewer)


def may_reply_partnership(viewer, post) -> bool:
    """Reply to a partnership post: any member but its poster, while it is open."""
    return (is_member(viewer) and not post.hidden and post.status == "open"
            and viewer.id != post.author_id)


def may_manage_partnership(viewer, post) -> bool:
    """Close a post (a partner was found), reopen it, write it up: its poster or an editor."""
    return is_member(viewer) and (viewer.id == post.author_id or is_editor(viewer))


def may_read_partnership_reply(viewer, post, reply) -> bool:
    """A public reply: everyone; a private one: its writer, the poster and editors."""
    if reply.public:
        return True
    return is_member(viewer) and (viewer.id in (post.author_id, reply.author_id)
                                  or is_editor(viewer))


# ---------------------------------------------------------------- on the web

RULES = {name[len("may_"):]: rule for name, rule in dict(globals()).items()
         if name.startswith("may_") and callable(rule)}


class Rules:
    """The rules for one viewer, for templates: `may.edit_article(article)` asks
    `may_edit_article(viewer, article)`. An unknown rule is an error, not a silent no."""

    def __init__(self, viewer):
        self._viewer = viewer

    def __getattr__(self, action: str):
        rule = RULES.get(action)
        if rule is None:
            raise AttributeError(f"core.permissions has no rule may_{action}")
        return partial(rule, self._viewer)


# A form field this long is writing a member would be sorry to lose (a line or more), not a
# word or two they can type again after signing in.
WORTH_KEEPING = 30


def sign_in_first(message: str = SIGN_IN):
    """The answer to NotSignedIn: the sign-in page, back to this page afterwards (a GET's
    own address; after a POST, which cannot be repeated by a redirect, the home page). A
    form that carried the member's writing (their session ended while they wrote) is
    answered instead by a 401 page that shows it to copy: a redirect would drop it."""
    from flask_login import login_url

    from core import render_error, sent_text

    if request.method == "POST" and any(len(value) >= WORTH_KEEPING for _name, value
                                        in sent_text()):
        return render_error(401, "You are not signed in (your session may have ended while "
                                 "you wrote), so nothing was saved. Copy your text below, "
                                 "sign in, and send it again.")
    flash(message, "info")
    return redirect(login_url("core.login", request.url if request.method == "GET" else None))


def init_permissions(app: Flask) -> None:
    """Refusals become the sign-in page or a 403; templates get `may`."""
    from flask_login import current_user

    from core import render_error
    from core.extensions import db, login_manager

    @app.errorhandler(NotSignedIn)
    def not_signed_in(error: NotSignedIn):
        db.session.rollback()
        return sign_in_first(error.message or SIGN_IN)

    @app.errorhandler(PermissionDenied)
    def permission_denied(error: PermissionDenied):
        db.session.rollback()
        return render_error(403)

    # Flask-Login's @login_required asks the same way.
    login_manager.unauthorized_handler(sign_in_first)

    @app.context_processor
    def rules_for_templates():
        return {"may": Rules(current_user)}


# ---------------------------------------------------------------- files (files/)

def may_upload_file(viewer) -> bool:
    """Members upload images and documents to use in what they write."""
    return is_member(viewer)


def may_fetch_file(viewer, *, uploaded_by_viewer: bool, used_visibly: bool) -> bool:
    """A file follows the content that uses it: anyone may fetch one that visible content
    uses; its uploader may fetch it before it is used (to preview their text); editors,
    who see hidden content, may fetch any. A file used only by hidden content, or by
    nothing yet, is unknown to everyone else."""
    return used_visibly or uploaded_by_viewer or may_see_hidden(viewer)
