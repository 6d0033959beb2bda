"""attempt and act: the one place a view commits a service call, or rolls it back and says
why (used by the community's and the editors' views alike)."""

from __future__ import annotations

import pytest
from flask import get_flashed_messages
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.exceptions import Forbidden
from werkzeug.exceptions import NotFound as HTTPNotFound
from wtforms import StringField

from core import accounts
from core.edge import act, attempt
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.extensions import db
from core.models import User


class NameForm(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name")


def _rename(user_id: int, name: str, refusal: Exception | None = None):
    def work():
        user = db.session.get(User, user_id)
        user.display_name = name
        db.session.flush()
        if refusal is not None:
            raise refusal
        return user

    return work


def _name(user_id: int) -> str:
    db.session.expire_all()
    return db.session.scalar(select(User.display_name).where(User.id == user_id))


def test_attempt_commits_and_returns_what_the_service_returned(app, member):
    with app.test_request_context():
        done, user = attempt(_rename(member.id, "Mina M."))
        assert done and user.id == member.id
        db.session.rollback()  # nothing left to roll back: it is committed
        assert _name(member.id) == "Mina M."


def test_a_refusal_rolls_back_and_shows_on_the_named_field(app, member):
    with app.test_request_context():
        form = NameForm()
        done, result = attempt(_rename(member.id, "X", ValidationFailed("Too short.", "name")),
                               form)
        assert (done, result) == (False, None)
        assert form.name.errors == ["Too short."] and not get_flashed_messages()
        assert _name(member.id) == "Mina Member"


def test_a_refusal_without_a_form_or_field_is_flashed(app, member):
    with app.test_request_context():
        done, _ = attempt(_rename(member.id, "X", ValidationFailed("Not now.", "nowhere")),
                          NameForm())
        assert not done
        done, _ = attempt(_rename(member.id, "X", ValidationFailed("Not today.")))
        assert not done
        assert get_flashed_messages(with_categories=True) == [("error", "Not now."),
                                                               ("error", "Not today.")]
        assert _name(member.id) == "Mina Member"


@pytest.mark.parametrize(("refusal", "page"), [(NotFound("gone"), HTTPNotFound),
                                               (PermissionDenied("no"), Forbidden)])
def test_not_found_and_permission_denied_end_the_request(app, member, refusal, page):
    with app.test_request_context(), pytest.raises(page):
        attempt(_rename(member.id, "X", refusal))
    assert _name(member.id) == "Mina Member"


def test_act_flashes_the_outcome_and_goes_back(app, member):
    with app.test_request_context():
        response = act(_rename(member.id, "Mina M."), "Renamed.", "/users/mina")
        assert (response.status_code, response.location) == (302, "/users/mina")
        response = act(_rename(member.id, "X", ValidationFailed("Too short.", "name")),
                       "Renamed.", "/users/mina")
        assert response.location == "/users/mina"
        assert get_flashed_messages(with_categories=True) == [("success", "Renamed."),
                                                               ("error", "Too short.")]
    assert _name(member.id) == "Mina M."
    assert accounts.get_by_username("mina").display_name == "Mina M."
