"""/search and /search/suggest."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user

from core.models import SECTORS
from core.numbers import page_arg
from search import engine, query
from search.practice import member_sectors, practice_of

bp = Blueprint("search", __name__)

SORTS = ("relevance", "newest")


@bp.route("/search")
def results():
    text = (request.args.get("q") or "").strip()[:500]
    type_ = request.args.get("type") if request.args.get("type") in query.TYPES else None
    sector = request.args.get("sector") if request.args.get("sector") in SECTORS else None
    tag = (request.args.get("tag") or "").strip().lower()[:40] or None
    solved = request.args.get("solved") if request.args.get("solved") in ("yes", "no") else None
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else "relevance"
    page = min(page_arg(), 1000)
    practice = practice_of(request.args.get("org") or "")  # None: no such organisation
    mine = member_sectors(current_user)  # for "from other sectors than mine"
    others = mine if mine and request.args.get("others") == "1" else None
    filters = {"type": type_, "tag": tag, "sector": sector, "solved": solved, "sort": sort,
               "org": practice.organisation.slug if practice else None,
               "others": "1" if others else None}
    try:
        found = query.search_or_correct(text, type_=type_, tag=tag, sector=sector, solved=solved,
                                        within=practice.keys if practice else None,
                                        sort=sort, page=page, not_sectors=others)
    except OSError:
        found = query.Results(query=text, error="Search is briefly unavailable. Articles and "
                              "questions can still be browsed; please try again in a moment.")
    # After a correction, the page is the corrected query's: its box, links and pages.
    return render_template("search/results.html", results=found, q=found.query or text,
                           filters=filters,
                           organisation=practice.organisation if practice else None,
                           types=query.TYPES, my_sectors=mine,
                           behind=not found.error and engine.current().behind())


@bp.route("/search/suggest")
def suggest():
    text = (request.args.get("q") or "").strip()[:100]
    try:
        suggestions = query.suggest(text)
    except OSError:
        suggestions = []
    response = jsonify({"query": text, "suggestions": suggestions})
    response.headers["Cache-Control"] = "private, max-age=30"
    return response
