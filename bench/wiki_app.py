"""The real app plus one baseline page, served by the same gunicorn for a fair ratio.

The baseline renders a Jinja template holding the same bytes as an article page,
with no database and no Markdown: what Flask and Jinja alone cost on this machine.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import render_template_string

from app import create_app

BASELINE = "<!doctype html><html><head><title>{{ title }}</title></head><body>{{ body|safe }}" \
           "</body></html>"


def create_bench_app():
    app = create_app()
    page = Path(os.environ["BENCH_BASELINE_HTML"]).read_text()

    @app.route("/_bench/baseline")
    def baseline():
        return render_template_string(BASELINE, title="Baseline", body=page)

    return app
