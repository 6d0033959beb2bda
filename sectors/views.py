"""Across sectors on the web: the sector pages, the editors' choices about "From other
sectors", and the editors' queue of articles overdue for a check."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user

from core import permissions
from core.edge import act
from core.forms import EmptyForm
from core.models import SECTOR_LABELS
from core.urls import is_local_url
from sectors import matches, pages
from wiki import checking

bp = Blueprint("sectors", __name__)

NAMED = ("public", "academic", "school", "special")


@bp.route("/sectors/")
def index():
    return render_template("sectors/index.html", sectors=NAMED, counts=pages.counts())


@bp.route("/sectors/<sector>")
def sector(sector: str):
    if sector not in NAMED:
        abort(404)
    return render_template("sectors/sector.html", sector=sector, label=SECTOR_LABELS[sector],
                           others=[name for name in NAMED if name != sector],
                           written=pages.written(sector), solved=pages.solved(sector),
                           takeaways=pages.takeaways(sector))


@bp.route("/sectors/matches/<any(article, question):kind>/<int:object_id>",
          methods=["POST"])
def choose_match(kind: str, object_id: int):
    permissions.require_member(current_user)
    if not EmptyForm().validate_on_submit():
        abort(400)
    back = request.form.get("next") or request.referrer or url_for("sectors.index")
    back = back if is_local_url(back) else url_for("sectors.index")
    action = (request.form.get("action") or "")[:10]
    target = (request.form.get("target") or "")[:400]
    done = {"pin": "Pinned: it is shown first under “From other sectors”.",
            "remove": "Removed from “From other sectors”; it stays removed.",
            "clear": "Unpinned."}
    return act(lambda: matches.choose_match(current_user, kind, object_id, target, action),
               done.get(action, "Done."), back)


@bp.route("/editors/checks")
def overdue():
    permissions.require_member(current_user)
    permissions.require(permissions.may_use_desk(current_user), "Only editors may do that.")
    return render_template("sectors/overdue.html",
                           queue=checking.overdue_queue(current_user),
                           today=checking.today())
