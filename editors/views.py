"""The editors' desk on the web, collections for readers, and reporting a problem.

Thin views: parse the request, call a service (which checks who may act), commit once,
flash, redirect or render.
"""

from __future__ import annotations

from datetime import UTC, timedelta
from functools import wraps

from feedgen.feed import FeedGenerator
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from wtforms import SelectChoice

from community import services as community
from core import permissions
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.extensions import db
from core.forms import EmptyForm
from core.numbers import page_arg
from core.text import strip_unsafe
from core.transactions import run_in_transaction
from core.views import act, apply_errors, attempt, safe_next
from editors import collections as curated
from editors import common, features, history, merging
from editors import flags as flagging
from editors import log as audit_log
from editors import review as reviewing
from editors.forms import (
    CollectionForm,
    CollectionItemForm,
    FeatureEditForm,
    FeatureForm,
    FlagForm,
    ModerateForm,
    ModerationEditForm,
    OutdatedForm,
    ReasonForm,
    ReviewForm,
)
from editors.icons import ICONS
from editors.models import FLAG_REASONS, FLAG_TARGETS, Collection, Feature
from wiki import services as wiki
from wiki.models import Article

bp = Blueprint("editors", __name__)

LOG_PER_PAGE = 50
FEED_SIZE = 50


# ---------------------------------------------------------------- helpers

def _sign_in_first(message: str = permissions.SIGN_IN) -> None:
    permissions.require_member(current_user, message)


def editors_only(view):
    """Editors' desk pages: sign in first, then editors and admins only."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        _sign_in_first()
        permissions.require(permissions.may_use_desk(current_user), "Only editors may do that.")
        return view(*args, **kwargs)

    return wrapper


def _check_form() -> None:
    if not EmptyForm().validate_on_submit():
        abort(400)


def _page() -> int:
    return min(page_arg(), 10_000)


def _feature(feature_id: int) -> Feature:
    try:
        return features.get_feature(feature_id)
    except NotFound:
        abort(404)


def _collection(slug: str) -> Collection:
    try:
        return curated.get_collection(slug, current_user)
    except NotFound:
        abort(404)


def _article(slug: str) -> Article:
    try:
        return wiki.get_article(slug, current_user)
    except NotFound:
        abort(404)


# ---------------------------------------------------------------- the desk

@bp.route("/editors/")
@editors_only
def desk():
    return render_template(
        "editors/desk.html", open_flags=flagging.open_flag_count(),
        waiting=len(reviewing.review_queue(current_user, limit=1000)),
        desk=features.features_for_desk(current_user, past_limit=0),
        collections=len(curated.collections_list(current_user)))


# ---------------------------------------------------------------- features

@bp.route("/editors/featured")
@editors_only
def featured():
    return render_template("editors/featured.html",
                           desk=features.features_for_desk(current_user),
                           label=features.feature_label, url=features.feature_url,
                           icons=ICONS)


@bp.route("/editors/featured/new", methods=["GET", "POST"])
@editors_only
def new_feature():
    form = FeatureForm()
    if request.method == "GET":
        form.target.data = (request.args.get("target") or "")[:300]
    elif form.validate_on_submit():
        done, item = attempt(lambda: features.feature(
            current_user, form.target.data, blurb=form.blurb.data, icon=form.icon.data,
            image=form.image.data, image_alt=form.image_alt.data,
            starts_on=form.starts_on.data, ends_on=form.ends_on.data,
            position=form.position.data), form)
        if done:
            flash(f"Featured: “{features.feature_label(item)}” is at position "
                  f"{item.position}.", "success")
            return redirect(url_for("editors.featured") + f"#feature-{item.id}")
    return render_template("editors/feature_form.html", form=form, item=None), \
        422 if form.errors else 200


@bp.route("/editors/featured/<int:feature_id>/edit", methods=["GET", "POST"])
@editors_only
def edit_feature(feature_id: int):
    item = _feature(feature_id)
    form = FeatureEditForm()
    if request.method == "GET":
        form.blurb.data, form.icon.data = item.blurb, item.icon
        form.image.data, form.image_alt.data = item.image, item.image_alt
        form.starts_on.data = item.starts_at.date() if item.starts_at else None
        form.ends_on.data = (item.ends_at - timedelta(days=1)).date() if item.ends_at else None
    elif form.validate_on_submit():
        done, _ = attempt(lambda: features.edit_feature(
            current_user, db.session.get(Feature, feature_id), blurb=form.blurb.data,
            icon=form.icon.data, image=form.image.data, image_alt=form.image_alt.data,
            starts_on=form.starts_on.data, ends_on=form.ends_on.data), form)
        if done:
            flash("The feature is saved.", "success")
            return redirect(url_for("editors.featured") + f"#feature-{feature_id}")
    return render_template("editors/feature_form.html", form=form, item=item,
                           label=features.feature_label(item)), 422 if form.errors else 200


@bp.route("/editors/featured/<int:feature_id>/move", methods=["POST"])
@editors_only
def move_feature(feature_id: int):
    _check_form()
    _feature(feature_id)
    direction = request.form.get("direction", "")
    return act(lambda: features.move_feature(
        current_user, db.session.get(Feature, feature_id), direction),
        f"Moved {'up' if direction == 'up' else 'down'}.",
        url_for("editors.featured") + f"#feature-{feature_id}")


@bp.route("/editors/featured/<int:feature_id>/retire", methods=["POST"])
@editors_only
def retire_feature(feature_id: int):
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    _feature(feature_id)
    return act(lambda: features.retire_feature(
        current_user, db.session.get(Feature, feature_id), form.reason.data or ""),
        "The feature is retired: it no longer shows on the home page.",
        url_for("editors.featured"))


# ---------------------------------------------------------------- collections (desk)

@bp.route("/editors/collections")
@editors_only
def collections_desk():
    return render_template("editors/collections.html",
                           collections=curated.collections_list(current_user))


@bp.route("/editors/collections/new", methods=["GET", "POST"])
@editors_only
def new_collection():
    form = CollectionForm()
    if form.validate_on_submit():
        done, collection = attempt(lambda: curated.create_collection(
            current_user, form.title.data, form.intro.data), form)
        if done:
            flash("The collection is made: now add its readings.", "success")
            return redirect(url_for("editors.edit_collection", slug=collection.slug))
    return render_template("editors/collection_form.html", form=form, collection=None), \
        422 if form.errors else 200


def _render_collection_editor(collection: Collection, form=None, item_form=None, status=200):
    return render_template(
        "editors/collection_edit.html", collection=collection,
        form=form or CollectionForm(obj=collection, formdata=None),
        item_form=item_form or CollectionItemForm(formdata=None),
        items=curated.collection_items(collection, current_user)), status


@bp.route("/editors/collections/<slug>", methods=["GET", "POST"])
@editors_only
def edit_collection(slug: str):
    collection = _collection(slug)
    form = CollectionForm(obj=collection) if request.method == "GET" else CollectionForm()
    if request.method == "POST" and form.validate_on_submit():
        done, _ = attempt(lambda: curated.edit_collection(
            current_user, _collection(slug), form.title.data, form.intro.data,
            form.hidden.data), form)
        if done:
            flash("The collection is saved.", "success")
            return redirect(url_for("editors.edit_collection", slug=slug))
    elif request.method == "POST":
        abort(400)
    return _render_collection_editor(collection, form=form,
                                     status=422 if form.errors else 200)


@bp.route("/editors/collections/<slug>/items", methods=["POST"])
@editors_only
def add_item(slug: str):
    collection = _collection(slug)
    form = CollectionItemForm()
    if not form.validate_on_submit():
        abort(400)
    done, _ = attempt(lambda: curated.add_to_collection(
        current_user, _collection(slug), form.target.data, form.note.data), form)
    if not done:
        return _render_collection_editor(_collection(slug), item_form=form, status=422)
    flash("Added to the collection.", "success")
    return redirect(url_for("editors.edit_collection", slug=collection.slug) + "#readings")


@bp.route("/editors/collections/<slug>/items/<int:item_id>", methods=["POST"])
@editors_only
def item_action(slug: str, item_id: int):
    _check_form()
    collection = _collection(slug)
    action = request.form.get("action", "")
    try:
        curated.get_item(collection, item_id)
    except NotFound:
        abort(404)

    def work():
        item = curated.get_item(_collection(slug), item_id)
        if action in ("up", "down"):
            return curated.move_item(current_user, item, action)
        if action == "note":
            return curated.edit_item_note(current_user, item, request.form.get("note", ""))
        if action == "remove":
            return curated.remove_item(current_user, item)
        raise ValidationFailed("Choose what to do with this reading.")

    messages = {"up": "Moved up.", "down": "Moved down.", "note": "The note is saved.",
                "remove": "Removed from the collection."}
    return act(work, messages.get(action, "Done."),
                url_for("editors.edit_collection", slug=slug) + "#readings")


# ---------------------------------------------------------------- review and outdated marks

@bp.route("/editors/review")
@editors_only
def review():
    return render_template("editors/review.html",
                           queue=reviewing.review_queue(current_user), form=ReviewForm())


@bp.route("/editors/review/<slug>", methods=["POST"])
@editors_only
def mark_reviewed(slug: str):
    form = ReviewForm()
    if not form.validate_on_submit():
        abort(400)
    article = _article(slug)
    back = safe_next(request.form.get("next"), url_for("wiki.article", slug=article.slug))
    return act(lambda: reviewing.mark_reviewed(
        current_user, db.session.get(Article, article.id), form.note.data or ""),
        f"“{article.title}” is marked as reviewed at its current text.", back)


@bp.route("/editors/outdated/<slug>", methods=["POST"])
@editors_only
def outdated(slug: str):
    form = OutdatedForm()
    if not form.validate_on_submit():
        abort(400)
    article = _article(slug)
    back = url_for("wiki.article", slug=article.slug)
    if request.form.get("clear") == "1":
        return act(lambda: reviewing.clear_outdated(
            current_user, db.session.get(Article, article.id)),
            "The out-of-date banner is taken down.", back)
    return act(lambda: reviewing.mark_outdated(
        current_user, db.session.get(Article, article.id), form.note.data or ""),
        "The article is marked out of date until someone updates it.", back)


# ---------------------------------------------------------------- flags

@bp.route("/editors/flags")
@editors_only
def flags():
    status = "closed" if request.args.get("status") == "closed" else "open"
    return render_template("editors/flags.html", status=status,
                           groups=flagging.flag_groups(current_user, status))


MODERATION_MESSAGES = {
    "dismiss": "The flags are dismissed.",
    "hide": "Hidden: it has left the pages and search, and its flags are closed.",
    "outdated": "The article is marked out of date until someone updates it.",
    "merge": "Merged: the answers moved, the old address redirects, and both askers are told.",
}


@bp.route("/editors/flags/<kind>/<int:object_id>", methods=["POST"])
@editors_only
def moderate(kind: str, object_id: int):
    form = ModerateForm()
    if not form.validate_on_submit():
        abort(400)
    if kind not in FLAG_TARGETS:
        abort(404)
    action = request.form.get("action", "")
    reason = form.reason.data or ""

    def work():
        if action == "dismiss":
            return flagging.dismiss_flags(current_user, kind, object_id, reason)
        if action == "hide":
            return flagging.hide_content(current_user, kind, object_id, reason)
        if action == "outdated" and kind == "article":
            return flagging.outdated_from_flags(current_user, object_id,
                                                form.note.data or reason)
        if action == "merge" and kind == "question":
            permissions.require_editor(current_user)
            source = common.load_target("question", object_id, current_user)
            target = common.resolve_address(form.merge_into.data, kinds=("question",),
                                              field_name="merge_into")
            return merging.merge_questions(current_user, source, target.thing, reason)
        raise ValidationFailed("Choose one of the actions offered.")

    return act(work, MODERATION_MESSAGES.get(action, "Done."),
                url_for("editors.flags"))


@bp.route("/editors/flags/<kind>/<int:object_id>/edit", methods=["GET", "POST"])
@editors_only
def moderate_edit(kind: str, object_id: int):
    if kind not in FLAG_TARGETS:
        abort(404)
    try:
        target = common.load_target(kind, object_id, current_user)
    except NotFound:
        abort(404)
    form = ModerationEditForm()
    if request.method == "GET":
        form.title.data = getattr(target, "title", "")
        form.body.data = target.current_revision.body if kind == "article" else target.body
    elif form.validate_on_submit():
        try:
            run_in_transaction(lambda: flagging.edit_flagged(
                current_user, kind, object_id, body=form.body.data or "",
                title=form.title.data or "", reason=form.reason.data or "",
                suppress_previous=bool(form.suppress_previous.data)))
        except wiki.EditConflict as error:
            db.session.rollback()
            form.body.errors = [error.message]
        except ValidationFailed as error:
            db.session.rollback()
            apply_errors(form, error)
        except PermissionDenied as error:
            db.session.rollback()
            form.body.errors = [error.message]
        else:
            flash("The correction is saved and its flags are closed.", "success")
            return redirect(url_for("editors.flags"))
    from editors.audit import describe

    label = describe(kind, target)[0]
    return render_template("editors/moderate_edit.html", form=form, kind=kind,
                           target=target, label=label), 422 if form.errors else 200


@bp.route("/editors/history/<kind>/<int:object_id>/<int:number>", methods=["POST"])
@editors_only
def revision_history(kind: str, object_id: int, number: int):
    """Remove a revision's text from the history (editors), or put it back (admins)."""
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    if kind not in history.HISTORY_KINDS:
        abort(404)
    restore = request.form.get("action") == "restore"
    back = [url_for("editors.flags")]

    def work():
        target, _revision = history.history_revision(kind, object_id, number, current_user)
        back[0] = history.history_url(kind, target)
        change = history.restore_revision if restore else history.suppress_revision
        return change(current_user, kind, object_id, number, form.reason.data or "")

    done, _ = attempt(work)
    if done:
        flash(f"Revision {number} is back in the history." if restore else
              f"The text of revision {number} is removed from the history: only admins can "
              "read it now.", "success")
    return redirect(back[0])


# ---------------------------------------------------------------- the audit log

@bp.route("/editors/log")
@editors_only
def log():
    action = (request.args.get("action") or "").strip()[:40] or None
    actor = (request.args.get("actor") or "").strip()[:80] or None
    kind = request.args.get("kind") if request.args.get("kind") in (
        *FLAG_TARGETS, "feature", "collection", "user") else None
    q = (request.args.get("q") or "").strip()[:100] or None
    page = db.paginate(audit_log.log_query(current_user, action=action, actor=actor, kind=kind,
                                          q=q),
                       page=_page(), per_page=LOG_PER_PAGE, error_out=False)
    return render_template("editors/log.html", page=page, action=action, actor=actor,
                           kind=kind, q=q, actions=audit_log.log_actions())


# ---------------------------------------------------------------- collections for readers

@bp.route("/collections/")
def collections():
    return render_template("editors/collections_public.html",
                           collections=curated.collections_list(current_user))


@bp.route("/collections/<slug>")
def collection(slug: str):
    collection = _collection(slug)
    return render_template("editors/collection.html", collection=collection,
                           items=curated.collection_items(collection, current_user),
                           question_url=community.question_url)


@bp.route("/feeds/collections/<slug>.atom")
def collection_feed(slug: str):
    try:
        collection = curated.get_collection(slug, None)  # feeds are public: never hidden
    except NotFound:
        abort(404)
    items = curated.collection_items(collection, None)
    root = request.url_root.rstrip("/")
    page = root + url_for("editors.collection", slug=collection.slug)
    feed = FeedGenerator()
    feed.id(page)
    # Stored text may predate the refusal of control characters: lxml would fail.
    feed.title(f"Commonplace collection: {strip_unsafe(collection.title)}")
    feed.subtitle(strip_unsafe(flagging.excerpt(collection.intro_html, 300)) or
                  "A reading list curated by Commonplace's editors.")
    feed.link(href=request.url, rel="self")
    feed.link(href=page, rel="alternate")
    feed.language("en")
    newest = sorted(items, key=lambda item: (item.added_at, item.id))[-FEED_SIZE:]
    for item in newest:  # feedgen prepends: oldest first gives the newest on top
        thing = item.article or item.question
        link = root + (f"/wiki/{thing.slug}" if item.article else
                       community.question_url(thing))
        entry = feed.add_entry()
        entry.id(f"{page}#reading-{item.id}")
        entry.title(strip_unsafe(thing.title))
        entry.link(href=link)
        entry.published(item.added_at.replace(tzinfo=UTC))
        entry.updated(item.added_at.replace(tzinfo=UTC))
        entry.summary(strip_unsafe(flagging.excerpt(item.note_html, 600)) or
                      ("An article on Commonplace." if item.article else
                       "A solved question on Commonplace."))
    feed.updated(collection.updated_at.replace(tzinfo=UTC))
    return Response(feed.atom_str(pretty=True), mimetype="application/atom+xml")


# ---------------------------------------------------------------- reporting a problem

@bp.route("/report", methods=["GET", "POST"])
def report():
    _sign_in_first("Please sign in to report a problem.")
    form = FlagForm()
    try:
        page = flagging.report_page(request.values.get("on"), current_user)
        items = flagging.flaggable_items(page.kind, page.object_id, current_user)
    except NotFound:
        abort(404)
    form.target.choices = [SelectChoice(key, text) for key, _thing, text in items]
    status = 200
    if request.method == "GET":
        wanted = request.args.get("item") or page.item
        form.target.data = wanted if wanted in {key for key, *_ in items} else items[0][0]
        form.on.data = request.args.get("on")
    elif form.validate_on_submit():
        def work():
            if form.target.data not in {key for key, *_ in items}:
                raise ValidationFailed("Choose what you are reporting.", "target")
            target_kind, target_id = common.parse_key(form.target.data)
            return flagging.flag(current_user, target_kind, target_id,
                                 form.reason.data or "", form.note.data or "")

        done, item = attempt(work, form)
        if done:
            flash("You have already flagged this; the editors will look at it."
                  if item.already_open else "Thank you: the editors will look at it.",
                  "success")
            return redirect(page.url)
        status = 422
    else:
        abort(400)
    return render_template("editors/report.html", form=form, page=page.url,
                           reasons=FLAG_REASONS), status
