"""The community: workgroups, questions and answers, solutions, notifications, credit."""

from __future__ import annotations

from flask import Flask


def init_community(app: Flask) -> None:
    from community import views_moderation, views_workgroups  # noqa: F401 - their routes
    from community.views import bp

    app.register_blueprint(bp)
    from community.services import question_slug
    from community.workgroups import moderates
    from core import permissions

    app.jinja_env.filters["question_slug"] = question_slug
    permissions.provide(app, "moderates", moderates)
    from community.people import init_people

    init_people(app)
    from core import signals

    signals.connect(app, signals.article_saved, article_saved)


def article_saved(_app: Flask, *, article, revision, author) -> None:
    """Writers watch what they write; watchers hear of every change."""
    from community import notifications
    from core.urls import site_path

    notifications.watch(author, "article", article.id)
    verb = "created" if revision.number == 1 else "changed"
    notifications.notify(notifications.watchers("article", article.id), "watched_change",
                         f"{author.name} {verb} “{article.title}”",
                         site_path("wiki.diff", slug=article.slug, to=revision.number)
                         if revision.number > 1 else site_path("wiki.article", slug=article.slug),
                         author, subject=f"article:{article.id}")


def article_discussion(article, viewer) -> str:
    """The comments under an article (part of its cached page: comments bump its version)."""
    from flask import render_template

    from community import comments

    items = comments.comments_for("article", [article.id], viewer).get(article.id, [])
    return render_template("community/_article_discussion.html", items=items)
