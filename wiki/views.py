"""Wiki pages."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("wiki", __name__)


@bp.route("/")
def home():
    return render_template("wiki/home.html")
