"""Extension points that let later parts add to core pages without core importing them.

`profile_sections`: callables taking a User and returning template variables for
the profile page (the wiki adds the articles a member leads, for example).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

profile_sections: list[Callable[[Any], dict]] = []

# `demo_loaders`: callables taking {username: User} that add demo content.
demo_loaders: list[Callable[[dict], None]] = []


def register(hooks: list, function: Callable) -> None:
    """Add a hook once, however many apps are created in this process."""
    if function not in hooks:
        hooks.append(function)

# `content_changed`: callables taking (kind, id) after a change is flushed, inside the
# same transaction (search writes its outbox rows here).
content_changed: list[Callable[[str, int], None]] = []

# `profile_changed`: callables taking a User whose public name or profile changed.
profile_changed: list[Callable[[Any], None]] = []

# `similar_finders`: callables taking (text, limit) and returning questions and solutions
# like it, as dicts with title, url, type and solved (search provides one).
similar_finders: list[Callable[[str, int], list[dict]]] = []

# `article_sections`: callables taking (article, viewer) and returning HTML to show below
# an article's text (the community adds its discussion). Part of the cached article page.
article_sections: list[Callable[[Any, Any], str]] = []

# `article_saved`: callables taking (article, revision, author) after a new revision is
# flushed (the community notifies watchers and makes writers watch what they wrote).
article_saved: list[Callable[[Any, Any, Any], None]] = []

# `home_sections`: callables taking the viewer and returning more template variables for
# the home page (the editors' desk adds what is featured, solutions, workgroups...).
home_sections: list[Callable[[Any], dict]] = []

# `post_checks`: callables taking (user, text, previous) before a member's text is saved,
# where `previous` is the text it replaces ('' for a new post). They raise
# core.errors.ValidationFailed to refuse it (the editors' desk limits new members' links).
post_checks: list[Callable[[Any, str, str], None]] = []


def check_post(user: Any, text: str, previous: str = "") -> None:
    for check in post_checks:
        check(user, text or "", previous or "")


# `role_changed`: callables taking (user, old_role, new_role, actor, reason) after a
# member's role is changed and flushed; actor is None on the command line.
role_changed: list[Callable[[Any, str, str, Any, str], None]] = []


# `after_restore`: callables taking nothing, run after `flask backup restore` has loaded
# the tables and committed; each returns a line to print (search rebuilds its index).
after_restore: list[Callable[[], str]] = []
