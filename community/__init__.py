"""The community: workgroups, questions and answers, solutions, notifications, credit."""

from __future__ import annotations

from flask import Flask


def init_community(app: Flask) -> None:
    from community import views  # noqa: F401 - registers the routes on bp
    from community.views import bp

    app.register_blueprint(bp)
    from community.services import moderates, question_slug
    from core import permissions

    app.jinja_env.filters["question_slug"] = question_slug
    permissions.provide(app, "moderates", moderates)
    from community.people import init_people

    init_people(app)
    from core import hooks

    hooks.register(hooks.article_sections, article_discussion)
    hooks.register(hooks.article_saved, article_saved)


def article_saved(article, revision, author) -> None:
    """Writers watch what they write; watchers hear of every change."""
    from community import notifications

    notifications.watch(author, "article", article.id)
    verb = "created" if revision.number == 1 else "changed"
    notifications.notify(notifications.watchers("article", article.id), "watched_change",
                         f"{author.name} {verb} “{article.title}”",
                         f"/wiki/{article.slug}/diff?to={revision.number}"
                         if revision.number > 1 else f"/wiki/{article.slug}", author)


def article_discussion(article, viewer) -> str:
    """The comments under an article (part of its cached page: comments bump its version)."""
    from flask import render_template

    from community import services

    items = services.comments_for("article", [article.id], viewer).get(article.id, [])
    return render_template("community/_article_discussion.html", items=items)
