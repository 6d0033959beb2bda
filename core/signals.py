"""How one part tells the others that something happened: declared blinker signals.

Each signal is sent with the app as its sender (`send(signal, ...)` below), and each part
connects its receivers in its `init_*(app)` with `sender=app` (`connect(app, signal,
receiver)`). So a receiver connected for one app never hears another app's signals
(tests make many apps in one process), and goes with its app.

The docstring of each signal says who sends it, when, with which arguments, and whether
the receivers run inside the sender's transaction. Receivers of an in-transaction signal
may add and flush rows, which commit or roll back with the change that caused them; they
never commit.

A page made of several parts (home, profile, an article's discussion) is not put together
through signals: `pages/` imports the parts it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from blinker import Namespace, Signal
from flask import Flask, current_app, has_app_context

_signals = Namespace()

content_changed = _signals.signal("content-changed", doc="""\
A piece of content that search indexes changed; sent by wiki.services.article_changed (articles),
community.services.question_changed (questions, with their answers and comments) and
editors.merging, after the change is flushed, inside its transaction.

Arguments: `kind` ("article", "question"), `object_id`. Search writes its outbox row (Whoosh)
or notes the document to rebuild before the commit (PostgreSQL).""")

article_saved = _signals.signal("article-saved", doc="""\
A new revision of an article was written; sent by wiki.saving after the revision is
flushed, inside its transaction.

Arguments: `article`, `revision`, `author`. The community makes the writer watch the
article and notifies its watchers; the editors' desk clears a stale review mark.""")

profile_changed = _signals.signal("profile-changed", doc="""\
A member's public name or profile changed; sent by core.accounts.update_profile after the
change is flushed, inside its transaction.

Argument: `user`. The wiki bumps the version of the articles that show the name, so their
cached pages are made again.""")

role_changed = _signals.signal("role-changed", doc="""\
A member's role changed; sent by core.accounts.change_role (the profile page's form and
`flask users role`) after the change is flushed, inside its transaction.

Arguments: `user`, `old`, `new`, `actor` (None on the command line), `reason`. The editors'
desk writes it into the audit log.""")

checking_post = _signals.signal("checking-post", doc="""\
A member's text is about to be saved; sent by the wiki's and the community's services (and
the editors' desk when it corrects a comment) before anything is written.

Arguments: `user`, `text`, `previous` (the text it replaces, '' for a new post). A
receiver refuses the text by raising core.errors.ValidationFailed, which reaches the
sender's caller (the editors' desk limits the links of new members).""")

similar_questions = _signals.signal("similar-questions", doc="""\
Questions and solutions like a text are wanted; sent by community.views while a member
asks a question, outside any transaction.

Arguments: `text`, `limit`. A receiver returns a list of dicts (title, url, type, solved);
the sender shows the first answer it gets (search provides one; without it, none).""")

byline_affiliations = _signals.signal("byline-affiliations", doc="""\
The organisations to show beside an article's lead authors are wanted; sent by
wiki.reading.byline while the article's page is made (its fragment is cached by version).

Argument: `authors`, {user id: (first edit, last edit)} of the lead authors on that article.
A receiver returns {user id: label}: the affiliations each held while they worked on it
and chose to show (organisations answers; without it, none). Any change to those
affiliations sends profile_changed, so the cached pages are made again.""")

site_restored = _signals.signal("site-restored", doc="""\
`flask backup restore` has loaded the tables and committed; sent by core.cli.

No arguments. A receiver does what the restored rows need and returns a line to print
(search rebuilds its index).""")

account_registered = _signals.signal("account-registered", doc="""\
A new member account was made; sent by core.accounts.register (the web form, the command
line, the demo) after the row is flushed, inside its transaction.

Argument: `user`. Mail writes the member's mail settings and queues the message that asks
them to verify their address.""")

muting = _signals.signal("muting", doc="""\
Members are about to be notified; sent by community.notifications.notify before anything is
written, inside the caller's transaction.

Arguments: `user_ids` (a set), `kind`. A receiver returns the ids of the members who turned
this kind off entirely (mail: the preference "off"); they are not notified at all.""")

notified = _signals.signal("notified", doc="""\
Members were notified of something on the site; sent by community.notifications.notify
after the notifications are flushed, inside its transaction.

Arguments: `user_ids` (the members told, never the actor), `kind` ("answer", "comment",
"accepted", "mention", "workgroup_question", "watched_change", "merged"), `text`, `url`
(a path), `actor` (or None). Mail queues a message for each member who asked for this kind
by mail at once (grouped with one still waiting), following their preferences.""")

transaction_committing = _signals.signal("transaction-committing", doc="""\
The app's database session (`db.session`) is about to commit; sent by the session's
`before_commit` event (installed by `install_session_events`), inside the transaction.

Argument: `session`. A receiver may still write rows, which commit with the rest
(PostgreSQL search writes the documents of the content changed).""")

transaction_committed = _signals.signal("transaction-committed", doc="""\
The app's database session has committed; sent by its `after_commit` event, after the
commit (no transaction is open: a receiver must not use the session).

Argument: `session`. Search drains its outbox into the Whoosh index.""")

transaction_rolled_back = _signals.signal("transaction-rolled-back", doc="""\
The app's database session rolled back; sent by its `after_rollback` event.

Argument: `session`. Search forgets the changes it noted in that transaction.""")


def install_session_events() -> None:
    """Turn `db.session`'s commit and rollback events into the three signals above, sent
    by the app in whose context the session commits. The listeners are on Flask-SQLAlchemy's
    own sessionmaker (not on SQLAlchemy's Session class, which every session shares), once
    per process; which app hears is decided at send time."""
    from sqlalchemy import event

    from core.extensions import db

    if event.contains(db.session, "after_commit", _committed):
        return
    event.listen(db.session, "before_commit", _committing)
    event.listen(db.session, "after_commit", _committed)
    event.listen(db.session, "after_rollback", _rolled_back)


def _from_app(signal: Signal, session) -> None:
    if has_app_context():
        send(signal, session=session)


def _committing(session) -> None:
    _from_app(transaction_committing, session)


def _committed(session) -> None:
    _from_app(transaction_committed, session)


def _rolled_back(session) -> None:
    _from_app(transaction_rolled_back, session)


def send(signal: Signal, **kwargs: Any) -> list[tuple[Callable, Any]]:
    """Send `signal` from the current app; returns [(receiver, what it returned)]."""
    return signal.send(current_app._get_current_object(), **kwargs)


def connect(app: Flask, signal: Signal, receiver: Callable) -> None:
    """Connect `receiver` to `signal` as sent by `app` only. Connecting again is a no-op.

    The receiver is held strongly (it is a module's function, or lives as long as the
    app); the connection goes when the app does (blinker holds its sender weakly)."""
    signal.connect(receiver, sender=app, weak=False)


def check_post(user: Any, text: str, previous: str = "") -> None:
    """Send `checking_post` for a member's text; a receiver's ValidationFailed reaches the
    caller, before anything is written."""
    send(checking_post, user=user, text=text or "", previous=previous or "")
