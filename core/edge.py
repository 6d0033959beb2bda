"""The request edge: the one place where a view's changes are committed.

Every view that changes something hands its service call to `attempt` (a form) or `act`
(a button). The call runs in `run_in_transaction`, which commits once and redoes it if a
concurrent request won a race (so a double-clicked vote is one vote, never a 500). Our
errors become answers here, the same way everywhere:

- `ValidationFailed` (one field or several) and `RateLimited`: onto the form's fields, or
  flashed when no field is named; the view shows the form again (422 or 429);
- `NotSignedIn`: passed on, to be answered by the sign-in page (core.permissions);
- `PermissionDenied`: a 403, or where the view says so the reason and a way back;
- `NotFound`: a 404;
- `TooBusy` (every attempt lost): a form is shown again with the member's text and a plain
  message (409); a button with no text to keep gets the 409 page.

Anything else a service raises is rolled back and passed on to the view (`EditConflict`).
No view calls `commit()`.

`note_visit` (after every request) keeps a signed-in member's last visit, which digests
start from: at most once per SEEN_EVERY, as a write aside from the request's transaction
(`core.transactions.write_aside`), skipped if the database is busy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import abort, flash, g, make_response, redirect, request
from sqlalchemy import or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.attributes import set_committed_value
from wtforms import Field

from core.errors import CommonplaceError, NotFound, PermissionDenied, RateLimited, ValidationFailed
from core.extensions import db
from core.models import User
from core.permissions import NotSignedIn
from core.timeutil import utcnow
from core.transactions import TooBusy, run_in_transaction, write_aside

BUSY = ("Not saved yet: many people were saving at the same moment and yours could not be "
        "added in time. Nothing you wrote is lost: it is in the form below. Send it again.")

Denied = str | Callable[[PermissionDenied], Any] | None
SEEN_EVERY = timedelta(minutes=15)  # a member's last visit is written at most this often


@dataclass(frozen=True)
class Outcome:
    """What `attempt` did: `done` and the service's result, or why not (`status`: 422
    refused, 429 too fast, 409 too busy; `error`, the refusal)."""

    done: bool
    value: Any = None
    status: int = 200
    error: CommonplaceError | None = None

    def __iter__(self) -> Iterator[Any]:  # done, value = attempt(...)
        return iter((self.done, self.value))

    @property
    def busy(self) -> bool:
        return self.status == 409

    def status_or(self, refused: int) -> int:
        """The status of the form shown again: 409 when busy, else the view's own."""
        return 409 if self.busy else refused


def apply_errors(form, error: CommonplaceError) -> None:
    """Each (field, message) of the error onto the form field it names; the rest flashed."""
    for name, message in error.errors:
        field = getattr(form, name, None) if form is not None and name else None
        if isinstance(field, Field):
            field.errors = [*field.errors, message]
        else:
            flash(message, "error")


def attempt(work: Callable[[], Any], form=None, *, denied: Denied = None) -> Outcome:
    """Run a service call and commit it, once per request (a lost race is redone).

    `denied` changes what a PermissionDenied does: a path (flash the reason, go there) or
    a function of the error returning a response (a JSON answer).
    """
    try:
        return Outcome(True, run_in_transaction(work))
    except NotFound:
        db.session.rollback()
        abort(404)
    except NotSignedIn:
        db.session.rollback()
        raise  # answered by the sign-in page (core.permissions.sign_in_first)
    except PermissionDenied as error:
        db.session.rollback()
        if isinstance(denied, str):
            flash(error.message, "error")
            abort(redirect(denied))
        if denied is not None:
            abort(make_response(denied(error)))
        abort(403)
    except (ValidationFailed, RateLimited) as error:
        db.session.rollback()
        apply_errors(form, error)
        return Outcome(False, status=429 if isinstance(error, RateLimited) else 422,
                       error=error)
    except TooBusy:
        if form is None:
            raise  # nothing to keep: the 409 page
        flash(BUSY, "error")
        g.edge_busy = True
        return Outcome(False, status=409)
    except Exception:
        db.session.rollback()
        raise


def form_status(form) -> int:
    """The status of a form shown again: 409 if too busy to save it (its text kept), 422 if
    it has errors, 200 if it has none (a first view)."""
    if g.get("edge_busy"):
        return 409
    return 422 if form.errors else 200


def act(work: Callable[[], object], success: str, back: str, *, denied: Denied = None):
    """A button's POST: do it, flash what happened (or why it was refused), go back."""
    if attempt(work, denied=denied).done:
        flash(success, "success")
    return redirect(back)


def note_visit(response):
    """After a signed-in member's GET that succeeded: their last visit (`last_seen_at`), if
    the one kept is older than SEEN_EVERY. Only a request that already loaded its member
    counts (a static file does not), and the in-memory member is updated without being
    made dirty, so no later commit writes it again."""
    viewer = g.get("_login_user")
    if request.method != "GET" or response.status_code >= 400 or viewer is None \
            or not viewer.is_authenticated:
        return response
    try:
        now, seen = utcnow(), viewer.last_seen_at
        if seen is not None and now - seen < SEEN_EVERY:
            return response
        # The condition is repeated in the statement: two requests at once write once.
        if write_aside(update(User).where(
                User.id == viewer.id,
                or_(User.last_seen_at.is_(None), User.last_seen_at < now - SEEN_EVERY))
                .values(last_seen_at=now)):
            set_committed_value(viewer, "last_seen_at", now)
    except SQLAlchemyError:  # the member's row could not even be read: skip it
        pass
    return response
