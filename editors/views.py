"""The editors' desk on the web: features, collections, review marks and the audit log.

Thin views: parse the request, call a service (which checks who may act) through the
request edge (`core.edge`, which commits once), flash, redirect or render. Flags,
moderation and reporting a problem are in `views_flags`; collections for readers in
`views_collections`.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from core import permissions
from core.edge import act, attempt, form_status
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.forms import check_button_form
from core.numbers import page_arg
from core.views import safe_next
from editors import collections as curated
from editors import features
from editors import flags as flagging
from editors import log as audit_log
from editors import review as reviewing
from editors.forms import (
    CollectionForm,
    CollectionItemForm,
    FeatureEditForm,
    FeatureForm,
    OutdatedForm,
    ReasonForm,
    ReviewForm,
)
from editors.icons import ICONS
from editors.models import FLAG_TARGETS, Collection, Feature
from wiki import reading
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
        return reading.get_article(slug, current_user)
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
        form_status(form)


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
                           label=features.feature_label(item)), form_status(form)


@bp.route("/editors/featured/<int:feature_id>/move", methods=["POST"])
@editors_only
def move_feature(feature_id: int):
    check_button_form()
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
        form_status(form)


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
                                     status=form_status(form))


@bp.route("/editors/collections/<slug>/items", methods=["POST"])
@editors_only
def add_item(slug: str):
    collection = _collection(slug)
    form = CollectionItemForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = attempt(lambda: curated.add_to_collection(
        current_user, _collection(slug), form.target.data, form.note.data), form)
    if not outcome.done:
        return _render_collection_editor(_collection(slug), item_form=form,
                                         status=outcome.status_or(422))
    flash("Added to the collection.", "success")
    return redirect(url_for("editors.edit_collection", slug=collection.slug) + "#readings")


@bp.route("/editors/collections/<slug>/items/<int:item_id>", methods=["POST"])
@editors_only
def item_action(slug: str, item_id: int):
    check_button_form()
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
