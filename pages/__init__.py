"""Pages made of several parts: the home page, a member's profile, and the sections shown
under an article's text. This part imports the parts it shows (wiki, community, editors)
directly; none of them imports it.

Named `pages`, not `site`: a top-level `site` package would shadow the standard library's
`site` module, which Python imports at start-up."""

from __future__ import annotations

from flask import Flask


def init_pages(app: Flask) -> None:
    from pages.views import article_sections, bp

    app.register_blueprint(bp)
    # The wiki's article template shows these below the text (part of its cached fragment).
    app.add_template_global(article_sections, "article_sections")
    from pages.orgs import organisation_sections

    # An organisation's page shows what its staff (a consortium's: its members') write and ask.
    app.add_template_global(organisation_sections, "organisation_sections")
