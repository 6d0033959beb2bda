"""Wiki pages: thin views that parse the request, call a service and render."""

from __future__ import annotations

from functools import partial

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core import permissions, render_error
from core.errors import NotFound, PermissionDenied, RateLimited, ValidationFailed
from core.extensions import db
from core.forms import EmptyForm
from core.models import SECTORS
from core.numbers import int_arg, page_arg
from core.paging import paginate
from core.transactions import TooBusy, run_in_transaction
from core.views import apply_errors
from wiki import diffing, services
from wiki.forms import OUTLINE, ArticleForm, RenameForm, RevertForm
from wiki.models import Article, ArticleAuthor, Revision

bp = Blueprint("wiki", __name__)

PER_PAGE = 25
TAGS_PER_PAGE = 200


def _page() -> int:
    return page_arg()


def _article(slug: str, endpoint: str | None = None, options=services.ARTICLE_PAGE_OPTIONS,
             **values) -> Article:
    """Load an article for this viewer; an old slug redirects to the current one."""
    try:
        article = services.get_article(slug, current_user, options)
    except NotFound:
        abort(404)
    if endpoint and article.slug != slug:
        # The query string is carried over as it came, never as url_for's keywords: a
        # parameter named slug, number or _method would clash with them.
        query = request.query_string.decode("latin-1")
        abort(redirect(url_for(endpoint, slug=article.slug, **values)
                       + (f"?{query}" if query else ""), 301))
    return article


@bp.route("/")
def home():
    from core.hooks import home_sections

    recent = db.session.scalars(services.article_query(sort="updated", viewer=current_user)
                                .limit(6)).all()
    context = {"recent_articles": recent, "tags": services.tag_counts(16)}
    for section in home_sections:  # the editors' desk: featured, solutions, workgroups...
        context.update(section(current_user))
    return render_template("wiki/home.html", **context)


@bp.route("/wiki/")
def index():
    sort = request.args.get("sort") if request.args.get("sort") in {"title", "updated"} \
        else "title"
    tag = request.args.get("tag") or None
    sector = request.args.get("sector") if request.args.get("sector") in SECTORS else None
    q = (request.args.get("q") or "").strip()[:200] or None
    page = paginate(services.article_query(sort=sort, tag=tag, sector=sector, q=q,
                                           viewer=current_user),
                    page=_page(), per_page=PER_PAGE)
    return render_template("wiki/index.html", page=page, sort=sort, tag=tag, sector=sector,
                           q=q, tags=services.tag_counts(30))


@bp.route("/wiki/tags/")
def tags():
    page = paginate(services.tag_query(), page=_page(), per_page=TAGS_PER_PAGE)
    return render_template("wiki/tags.html", page=page)


@bp.route("/wiki/tags/<tag>")
def tag(tag: str):
    return redirect(url_for("wiki.index", tag=tag.lower()))


def _preview(form) -> str | None:
    """The preview of the form's text, or None with the reason on the form."""
    try:
        return services.preview(form.body.data)
    except ValidationFailed as error:
        apply_errors(form, error)
        return None


@bp.route("/wiki/new", methods=["GET", "POST"])
def new():
    permissions.require_edit_article(current_user, None)
    form = ArticleForm()
    preview = None
    if request.method == "GET":
        form.title.data = (request.args.get("title") or "")[:200]
        form.body.data = "" if request.args.get("blank") else OUTLINE
    elif form.validate_on_submit():
        if "preview" in request.form:
            preview = _preview(form)
        else:
            def publish():
                result = services.create_article(
                    current_user, title=form.title.data, body=form.body.data,
                    summary=form.summary.data, tags=form.tags.data, sectors=form.sectors.data)
                services.check_creation_rate(current_user)  # counts only articles made
                return result

            try:
                result = run_in_transaction(publish)
            except (ValidationFailed, RateLimited) as error:
                db.session.rollback()
                apply_errors(form, error)
            except TooBusy:
                return render_template("wiki/edit.html", form=form, article=None,
                                       busy=True), 409
            else:
                flash("Your article is published. Thank you for sharing your practice.",
                      "success")
                return redirect(url_for("wiki.article", slug=result.article.slug))
    return render_template("wiki/edit.html", form=form, article=None, preview=preview)


@bp.route("/wiki/<slug>")
def article(slug: str):
    key = services.page_key(slug)
    if key is None:  # an old slug redirects; anything else is a 404
        _article(slug, "wiki.article")
    if key.hidden and not permissions.may_see_hidden(current_user):
        abort(404)
    viewer = permissions.viewer_kind(current_user)
    render = partial(_article_body, key.id)
    if permissions.is_editor(current_user):  # their page carries forms with per-session tokens
        fragment = render()
    else:
        pages = current_app.extensions["wiki.article_pages"]
        fragment = pages.get_or_render((key.id, key.view_version, viewer), render)
    return render_template("wiki/article.html", title=key.title, fragment=fragment,
                           article_id=key.id)


def _article_body(article_id: int) -> str:
    """The article part of its page: rendered once per version and kind of viewer."""
    article = services.get_article_by_id(article_id, current_user)
    revision = article.current_revision
    from core.hooks import article_sections

    sections = "".join(section(article, current_user) for section in article_sections)
    return render_template("wiki/_article_body.html", article=article, revision=revision,
                           html=services.mark_red_links(revision.html, article, current_user),
                           toc=revision.toc_html, byline=services.byline(article),
                           sections=sections)


@bp.route("/wiki/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    article = _article(slug, "wiki.edit")
    permissions.require_edit_article(current_user, article)
    current = article.current_revision
    form = ArticleForm()
    preview = conflict = None
    if request.method == "GET":
        form.title.data, form.body.data = article.title, current.body
        form.tags.data = ", ".join(tag.name for tag in article.tags)
        form.sectors.data = article.sectors
        form.base_revision.data = str(current.number)
    elif form.validate_on_submit():
        if "preview" in request.form:
            preview = _preview(form)
        else:
            article_id = article.id

            def save():
                fresh = db.session.get(Article, article_id)
                return services.save_edit(
                    fresh, current_user, title=form.title.data, body=form.body.data,
                    summary=form.summary.data, tags=form.tags.data, sectors=form.sectors.data,
                    base_revision=form.base_revision.data)

            try:
                result = run_in_transaction(save)
            except services.EditConflict as error:
                db.session.rollback()
                conflict = error
                current = db.session.get(Article, article_id).current_revision
                # The next save is on top of the text now current, with the member's text.
                form.base_revision.data = str(current.number)
            except ValidationFailed as error:
                db.session.rollback()
                apply_errors(form, error)
            except TooBusy:
                # The member's text and base revision stay in the form: saving again merges.
                return render_template("wiki/edit.html", form=form, article=article,
                                       busy=True), 409
            else:
                if result.revision is None:
                    flash("No changes to save.", "info")
                elif result.merged_with:
                    flash(f"Saved. Someone else saved revision {result.merged_with} while you "
                          "were editing; your changes did not overlap and were merged.",
                          "success")
                else:
                    flash("Your changes are saved.", "success")
                return redirect(url_for("wiki.article", slug=result.article.slug))
    return render_template("wiki/edit.html", form=form, article=article, preview=preview,
                           conflict=conflict, current=current)


@bp.route("/wiki/<slug>/history")
def history(slug: str):
    article = _article(slug, "wiki.history", options=())
    page = db.paginate(select(Revision).where(Revision.article_id == article.id)
                       .options(selectinload(Revision.author),
                                *services.REVISION_LIST_OPTIONS)
                       .order_by(Revision.number.desc()),
                       page=_page(), per_page=50, error_out=False)
    return render_template("wiki/history.html", article=article, page=page)


@bp.route("/wiki/<slug>/revisions/<int:number>")
def revision(slug: str, number: int):
    article = _article(slug, "wiki.revision", number=number)
    try:
        revision = services.get_revision(article, number)
    except NotFound:
        abort(404)
    return render_template("wiki/revision.html", article=article, revision=revision,
                           html=revision.html, form=RevertForm())


@bp.route("/wiki/<slug>/diff")
def diff(slug: str):
    article = _article(slug, "wiki.diff")
    latest = article.revision_count
    to_number = int_arg("to", latest)
    from_number = int_arg("from", max(1, to_number - 1))
    try:
        old = services.get_revision(article, from_number)
        new = services.get_revision(article, to_number)
    except NotFound:
        abort(404)
    if not all(permissions.may_read_revision(current_user, each) for each in (old, new)):
        return render_error(403, "This comparison includes a revision whose text an editor "
                                 "removed from the history, so it cannot be shown.")
    # Revisions never change, so neither does their diff: each pair is worked out once
    # per process (and within a budget: see diffing.compare).
    diffs = current_app.extensions["wiki.diffs"]
    comparison = diffs.get_or_render((old.id, new.id),
                                     lambda: diffing.compare(old.body, new.body))
    return render_template("wiki/diff.html", article=article, old=old, new=new,
                           diff=comparison.html, comparison=comparison,
                           added=comparison.added, removed=comparison.removed)


@bp.route("/wiki/<slug>/revert/<int:number>", methods=["POST"])
def revert(slug: str, number: int):
    article = _article(slug)
    permissions.require_edit_article(current_user, article)
    form = RevertForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        run_in_transaction(lambda: services.revert(
            db.session.get(Article, article.id), current_user, number, form.summary.data or ""))
    except NotFound:
        abort(404)
    except ValidationFailed as error:
        db.session.rollback()
        flash(error.message, "info")
        return redirect(url_for("wiki.history", slug=article.slug))
    flash(f"Revision {number} is restored as the current text.", "success")
    return redirect(url_for("wiki.article", slug=article.slug))


@bp.route("/wiki/<slug>/backlinks")
def backlinks(slug: str):
    article = _article(slug, "wiki.backlinks", options=())
    return render_template("wiki/backlinks.html", article=article,
                           articles=services.backlinks(article, current_user))


@bp.route("/wiki/<slug>/contributors")
def contributors(slug: str):
    article = _article(slug, "wiki.contributors", options=())
    rows = db.session.scalars(select(ArticleAuthor).where(ArticleAuthor.article_id == article.id)
                              .options(selectinload(ArticleAuthor.user))
                              .order_by(ArticleAuthor.share.desc(), ArticleAuthor.edits.desc(),
                                        ArticleAuthor.user_id)).all()
    total = sum(row.share for row in rows) or 1
    return render_template("wiki/contributors.html", article=article, rows=rows, total=total)


@bp.route("/wiki/recent")
def recent():
    page = paginate(services.recent_changes_query(current_user), page=_page(), per_page=50)
    return render_template("wiki/recent.html", page=page)


def _editor_action(slug: str, action) -> Response:
    article = _article(slug)
    permissions.require_editor(current_user)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        message = action(article)
    except PermissionDenied:
        db.session.rollback()
        abort(403)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("wiki.article", slug=article.slug))


@bp.route("/wiki/<slug>/protect", methods=["POST"])
def protect(slug: str):
    protect = request.form.get("protect", "1") == "1"

    def act(article):
        services.set_protected(article, current_user, protect)
        return ("The article is protected: only editors can change it." if protect
                else "The article is open to all members again.")

    return _editor_action(slug, act)


@bp.route("/wiki/<slug>/hide", methods=["POST"])
def hide(slug: str):
    hide = request.form.get("hide", "1") == "1"

    def act(article):
        services.set_hidden(article, current_user, hide)
        return ("The article is hidden: only editors can see it, and links to it are red."
                if hide else "The article is restored and visible to everyone.")

    return _editor_action(slug, act)


@bp.route("/wiki/<slug>/rename", methods=["GET", "POST"])
def rename(slug: str):
    article = _article(slug, "wiki.rename")
    permissions.require_editor(current_user)
    form = RenameForm()
    if request.method == "GET":
        form.title.data = article.title
    elif form.validate_on_submit():
        try:
            result = run_in_transaction(lambda: services.rename(
                db.session.get(Article, article.id), current_user, form.title.data))
        except ValidationFailed as error:
            db.session.rollback()
            apply_errors(form, error)
        else:
            flash("The article is renamed; links to its old title still lead here.", "success")
            return redirect(url_for("wiki.article", slug=result.article.slug))
    return render_template("wiki/rename.html", article=article, form=form)
