"""The partnerships board on the web: /partners/, a post, replies, closing, the write-up
and the Atom feed. Thin views over partners.posts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from core import permissions
from core.edge import act, attempt
from core.errors import NotFound
from core.extensions import db
from core.feeds import FeedEntry, atom_response
from core.forms import EmptyForm
from core.numbers import page_arg
from core.paging import paginate
from core.text import strip_unsafe
from partners import posts
from partners.forms import CloseForm, PostForm, ReplyForm
from partners.models import PartnerPost

bp = Blueprint("partners", __name__)
PER_PAGE = 20


def _filters() -> dict:
    sector = request.args.get("sector")
    return {"sector": sector if sector in posts.NAMED_SECTORS else None,
            "region": strip_unsafe(request.args.get("region") or "").strip()[:80] or None,
            "topic": strip_unsafe(request.args.get("topic") or "").strip().lower()[:50] or None,
            "status": "closed" if request.args.get("status") == "closed" else "open"}


def _load(post_id: int) -> PartnerPost:
    try:
        return posts.get_post(post_id, current_user)
    except NotFound:
        abort(404)


def _given(form: PostForm) -> posts.PostInput:
    return posts.PostInput(title=form.title.data or "", body=form.body.data or "",
                           region=form.region.data or "", online=bool(form.online.data),
                           sectors=form.sectors.data or [], kinds=form.kinds.data or [],
                           topic=form.topic.data or "", until=form.until.data or None)


@bp.route("/partners/")
def board():
    filters = _filters()
    query = posts.board_query(current_user, **filters)
    page = paginate(query, page=page_arg(), per_page=PER_PAGE)
    return render_template("partners/board.html", page=page, filters=filters,
                           sectors=posts.NAMED_SECTORS)


@bp.route("/partners/new", methods=["GET", "POST"])
def new():
    permissions.require_member(current_user)
    form = PostForm()
    status = 200
    if form.validate_on_submit():
        outcome = attempt(lambda: posts.create_post(current_user, _given(form)), form)
        if outcome.done:
            flash("Your post is on the board. Replies reach you by notification and mail.",
                  "success")
            return redirect(url_for("partners.post", post_id=outcome.value.id))
        status = outcome.status_or(422)
    elif request.method == "POST":
        status = 400
    return render_template("partners/edit.html", form=form, post=None), status


@bp.route("/partners/<int:post_id>")
def post(post_id: int, reply_form=None, status=200):
    item = _load(post_id)
    from orgs.models import KINDS
    from wiki.models import Article

    written = db.session.get(Article, item.article_id) if item.article_id else None
    return render_template("partners/post.html", post=item, kind_labels=KINDS,
                           written_slug=written.slug if written and not written.hidden else None,
                           replies=posts.replies_for(current_user, item),
                           reply_form=reply_form or ReplyForm(formdata=None),
                           close_form=CloseForm(formdata=None)), status


@bp.route("/partners/<int:post_id>/edit", methods=["GET", "POST"])
def edit(post_id: int):
    permissions.require_member(current_user)
    item = _load(post_id)
    permissions.require(permissions.may_manage_partnership(current_user, item),
                        "Only the poster and the editors may change a post.")
    form = PostForm(obj=None)
    status = 200
    if request.method == "GET":
        form.title.data, form.body.data, form.region.data = item.title, item.body, item.region
        form.online.data, form.sectors.data, form.kinds.data = item.online, item.sectors, \
            item.kinds
        form.topic.data = item.topic
        form.until.data = item.until.isoformat() if item.until else ""
    elif form.validate_on_submit():
        outcome = attempt(lambda: posts.edit_post(
            current_user, db.session.get(PartnerPost, post_id), _given(form)), form)
        if outcome.done:
            flash("Your post is changed.", "success")
            return redirect(url_for("partners.post", post_id=post_id))
        status = outcome.status_or(422)
    else:
        status = 400
    return render_template("partners/edit.html", form=form, post=item), status


@bp.route("/partners/<int:post_id>/replies", methods=["POST"])
def reply(post_id: int):
    permissions.require_member(current_user)
    item = _load(post_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = attempt(lambda: posts.reply(current_user, db.session.get(PartnerPost, post_id),
                                          form.body.data or "", bool(form.public.data)), form)
    if outcome.done:
        flash("Your reply is sent to the poster." if not form.public.data
              else "Your reply is posted.", "success")
        return redirect(url_for("partners.post", post_id=post_id))
    return post(item.id, reply_form=form, status=outcome.status_or(422))


@bp.route("/partners/<int:post_id>/close", methods=["POST"])
def close(post_id: int):
    permissions.require_member(current_user)
    _load(post_id)
    form = CloseForm()
    if not form.validate_on_submit():
        abort(400)
    back = url_for("partners.post", post_id=post_id)
    if request.form.get("reopen") == "1":
        return act(lambda: posts.reopen_post(current_user, db.session.get(PartnerPost, post_id)),
                   "The post is open again.", back)
    return act(lambda: posts.close_post(current_user, db.session.get(PartnerPost, post_id),
                                        form.note.data or ""),
               "The post is closed: a partner was found. You can write it up as practice.",
               back)


@bp.route("/partners/<int:post_id>/write-up", methods=["POST"])
def write_up(post_id: int):
    permissions.require_member(current_user)
    _load(post_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    outcome = attempt(lambda: posts.write_up(current_user, db.session.get(PartnerPost, post_id)),
                      denied=url_for("partners.post", post_id=post_id))
    if outcome.done:
        flash("A draft article is made from the post: fill in what came of it.", "success")
        return redirect(url_for("wiki.edit", slug=outcome.value.slug))
    return redirect(url_for("partners.post", post_id=post_id))


@bp.route("/partners/<int:post_id>/hide", methods=["POST"])
def hide(post_id: int):
    permissions.require_member(current_user)
    _load(post_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    hidden = request.form.get("hidden") == "1"
    return act(lambda: posts.hide_post(current_user, db.session.get(PartnerPost, post_id),
                                       hidden),
               "The post is hidden." if hidden else "The post is shown again.",
               url_for("partners.post", post_id=post_id))


@bp.route("/partners/feed.atom")
def feed():
    items = db.session.scalars(posts.board_query(None).limit(50)).all()
    return atom_response(
        feed_id=url_for("partners.board", _external=True),
        title="Commonplace: partnerships",
        subtitle="Libraries looking for partners in other sectors.",
        self_url=url_for("partners.feed", _external=True),
        page_url=url_for("partners.board", _external=True),
        entries=[FeedEntry(id=url_for("partners.post", post_id=item.id, _external=True),
                           title=strip_unsafe(item.title),
                           link=url_for("partners.post", post_id=item.id, _external=True),
                           updated=item.updated_at, published=item.created_at,
                           author=item.author.name,
                           summary=strip_unsafe(item.body[:500]))
                 for item in items])
