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
from core.edge import act, apply_errors, attempt
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.forms import EmptyForm
from core.models import SECTORS
from core.numbers import int_arg, page_arg
from core.paging import paginate
from wiki import checking, citation, cleaning, diffing, moderation, reading, reads, saving
from wiki.forms import OUTLINE, ArticleForm, RenameForm, RevertForm
from wiki.models import Article, ArticleAuthor, Revision

bp = Blueprint("wiki", __name__)

PER_PAGE = 25
TAGS_PER_PAGE = 200


def _page() -> int:
    return page_arg()


def _article(slug: str, endpoint: str | None = None, options=reading.ARTICLE_PAGE_OPTIONS,
             **values) -> Article:
    """Load an article for this viewer; an old slug redirects to the current one."""
    try:
        article = reading.get_article(slug, current_user, options)
    except NotFound:
        abort(404)
    if endpoint and article.slug != slug:
        # The query string is carried over as it came, never as url_for's keywords: a
        # parameter named slug, number or _method would clash with them.
        query = request.query_string.decode("latin-1")
        abort(redirect(url_for(endpoint, slug=article.slug, **values)
                       + (f"?{query}" if query else ""), 301))
    return article




@bp.route("/wiki/")
def index():
    sort = request.args.get("sort") if request.args.get("sort") in {"title", "updated"} \
        else "title"
    tag = request.args.get("tag") or None
    sector = request.args.get("sector") if request.args.get("sector") in SECTORS else None
    q = (request.args.get("q") or "").strip()[:200] or None
    status = "due" if request.args.get("status") == "due" else None
    page = paginate(reading.article_query(sort=sort, tag=tag, sector=sector, q=q,
                                           viewer=current_user, status=status),
                    page=_page(), per_page=PER_PAGE)
    return render_template("wiki/index.html", page=page, sort=sort, tag=tag, sector=sector,
                           q=q, status=status, tags=reading.tag_counts(30))


@bp.route("/wiki/tags/")
def tags():
    page = paginate(reading.tag_query(), page=_page(), per_page=TAGS_PER_PAGE)
    return render_template("wiki/tags.html", page=page)


@bp.route("/wiki/tags/<tag>")
def tag(tag: str):
    return redirect(url_for("wiki.index", tag=tag.lower()))


def _preview(form) -> str | None:
    """The preview of the form's text, or None with the reason on the form."""
    try:
        return cleaning.preview(form.body.data)
    except ValidationFailed as error:
        apply_errors(form, error)
        return None


@bp.route("/wiki/new", methods=["GET", "POST"])
def new():
    permissions.require_edit_article(current_user, None)
    form = ArticleForm()
    preview, status = None, 200
    if request.method == "GET":
        form.title.data = (request.args.get("title") or "")[:200]
        form.body.data = "" if request.args.get("blank") else OUTLINE
    elif form.validate_on_submit():
        if "preview" in request.form:
            preview = _preview(form)
        else:
            def publish():
                result = saving.create_article(
                    current_user, title=form.title.data, body=form.body.data,
                    summary=form.summary.data, tags=form.tags.data, sectors=form.sectors.data)
                saving.check_creation_rate(current_user)  # counts only articles made
                return result

            outcome = attempt(publish, form)
            if outcome.done:
                flash("Your article is published. Thank you for sharing your practice.",
                      "success")
                return redirect(url_for("wiki.article", slug=outcome.value.article.slug))
            status = outcome.status_or(200)
    return render_template("wiki/edit.html", form=form, article=None, preview=preview), status


@bp.route("/wiki/<slug>")
def article(slug: str):
    key = reading.page_key(slug)
    if key is None:  # an old slug redirects; anything else offers to write the article
        return _missing(slug)
    if key.hidden and not permissions.may_see_hidden(current_user):
        abort(404)
    reads.count_read(key.id)
    viewer = permissions.viewer_kind(current_user)
    render = partial(_article_body, key.id)
    if permissions.is_editor(current_user):  # their page carries forms with per-session tokens
        fragment = render()
    else:
        pages = current_app.extensions["wiki.article_pages"]
        # Whether its check is due changes with the date, not the version.
        due = checking.is_due(key.check_by)
        fragment = pages.get_or_render((key.id, key.view_version, viewer, due), render)
    return render_template("wiki/article.html", title=key.title, fragment=fragment,
                           article_id=key.id, article_key=key)


def _missing(slug: str):
    """No article at this address: an old slug redirects; otherwise a 404 that offers to
    write it (as a red link does), to search for it, or to ask."""
    try:
        reading.get_article(slug, current_user, ())
    except NotFound:
        title = " ".join(slug.replace("-", " ").replace("_", " ").split())[:200]
        return render_template("wiki/missing.html", title=title[:1].upper() + title[1:]), 404
    return _article(slug, "wiki.article")  # pragma: no cover - _article redirects


def _article_body(article_id: int) -> str:
    """The article part of its page: rendered once per version and kind of viewer."""
    article = reading.get_article_by_id(article_id, current_user)
    revision = article.current_revision
    byline = reading.byline(article)
    permalink = url_for("wiki.revision", slug=article.slug, number=revision.number,
                        _external=True)
    cited = citation.Source(title=article.title, authors=tuple(u.name for u in byline["leads"]),
                            site="Commonplace", date=revision.created_at, url=permalink,
                            revision=revision.number)
    return render_template("wiki/_article_body.html", article=article, revision=revision,
                           html=reading.mark_red_links(revision.html, article, current_user),
                           toc=revision.toc_html, byline=byline,
                           permalink=permalink, citations=citation.cite(cited))


@bp.route("/wiki/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    article = _article(slug, "wiki.edit")
    permissions.require_edit_article(current_user, article)
    current = article.current_revision
    form = ArticleForm()
    preview = conflict = None
    status = 200
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
                return saving.save_edit(
                    fresh, current_user, title=form.title.data, body=form.body.data,
                    summary=form.summary.data, tags=form.tags.data, sectors=form.sectors.data,
                    base_revision=form.base_revision.data)

            try:
                outcome = attempt(save, form)  # too busy: the text and base stay in the form
            except saving.EditConflict as error:
                conflict = error
                # The next save is on top of the text now current, with the member's text.
                form.base_revision.data = str(error.current.number)
            else:
                if outcome.done:
                    flash(*_saved_message(outcome.value))
                    return redirect(url_for("wiki.article", slug=outcome.value.article.slug))
                status = outcome.status_or(200)
    return render_template("wiki/edit.html", form=form, article=article, preview=preview,
                           conflict=conflict), status


def _saved_message(result: saving.SaveResult) -> tuple[str, str]:
    if result.revision is None:
        return "No changes to save.", "info"
    if result.merged_with:
        return (f"Saved. Someone else saved revision {result.merged_with} while you were "
                "editing; your changes did not overlap and were merged.", "success")
    return "Your changes are saved.", "success"


@bp.route("/wiki/<slug>/history")
def history(slug: str):
    article = _article(slug, "wiki.history", options=())
    page = db.paginate(select(Revision).where(Revision.article_id == article.id)
                       .options(selectinload(Revision.author),
                                *reading.REVISION_LIST_OPTIONS)
                       .order_by(Revision.number.desc()),
                       page=_page(), per_page=50, error_out=False)
    return render_template("wiki/history.html", article=article, page=page)


@bp.route("/wiki/<slug>/revisions/<int:number>")
def revision(slug: str, number: int):
    article = _article(slug, "wiki.revision", number=number)
    try:
        revision = reading.get_revision(article, number)
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
        old = reading.get_revision(article, from_number)
        new = reading.get_revision(article, to_number)
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
    outcome = attempt(lambda: saving.revert(
        db.session.get(Article, article.id), current_user, number, form.summary.data or ""))
    if not outcome.done:
        return redirect(url_for("wiki.history", slug=article.slug))
    flash(f"Revision {number} is restored as the current text.", "success")
    return redirect(url_for("wiki.article", slug=article.slug))


@bp.route("/wiki/<slug>/backlinks")
def backlinks(slug: str):
    article = _article(slug, "wiki.backlinks", options=())
    return render_template("wiki/backlinks.html", article=article,
                           articles=reading.backlinks(article, current_user))


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
    page = paginate(reading.recent_changes_query(current_user), page=_page(), per_page=50)
    return render_template("wiki/recent.html", page=page)


def _editor_action(slug: str, change, success: str) -> Response:
    article = _article(slug)
    permissions.require_editor(current_user)
    if not EmptyForm().validate_on_submit():
        abort(400)
    article_id = article.id
    return act(lambda: change(db.session.get(Article, article_id)), success,
               url_for("wiki.article", slug=article.slug))


@bp.route("/wiki/<slug>/protect", methods=["POST"])
def protect(slug: str):
    protect = request.form.get("protect", "1") == "1"
    return _editor_action(
        slug, lambda article: moderation.set_protected(article, current_user, protect),
        "The article is protected: only editors can change it." if protect
        else "The article is open to all members again.")


@bp.route("/wiki/<slug>/hide", methods=["POST"])
def hide(slug: str):
    hide = request.form.get("hide", "1") == "1"
    return _editor_action(
        slug, lambda article: moderation.set_hidden(article, current_user, hide),
        "The article is hidden: only editors can see it, and links to it are red."
        if hide else "The article is restored and visible to everyone.")


@bp.route("/wiki/<slug>/rename", methods=["GET", "POST"])
def rename(slug: str):
    article = _article(slug, "wiki.rename")
    permissions.require_editor(current_user)
    form = RenameForm()
    status = 200
    if request.method == "GET":
        form.title.data = article.title
    elif form.validate_on_submit():
        outcome = attempt(lambda: saving.rename(
            db.session.get(Article, article.id), current_user, form.title.data), form)
        if outcome.done:
            flash("The article is renamed; links to its old title still lead here.", "success")
            return redirect(url_for("wiki.article", slug=outcome.value.article.slug))
        status = outcome.status_or(200)
    return render_template("wiki/rename.html", article=article, form=form), status
