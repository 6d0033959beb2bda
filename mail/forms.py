"""Forms of the mail pages: forgotten password, new password, address change, preferences."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectChoice
from wtforms.validators import DataRequired, Length

from core.forms import PasswordForm
from mail.preferences import FREQUENCIES, KINDS, MODES


class ForgotForm(FlaskForm):
    email = EmailField("Your account's e-mail address",
                       validators=[DataRequired("Enter your e-mail address."), Length(max=254)],
                       render_kw={"autocomplete": "email"})


class NewPasswordForm(PasswordForm):
    """The settings' password form without the current password (the link stands for it)."""

    current_password = None


class EmailChangeForm(FlaskForm):
    email = EmailField("New e-mail address", validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    password = PasswordField("Your password", validators=[DataRequired(), Length(max=256)],
                             description="To show it is you.",
                             render_kw={"autocomplete": "current-password"})


def preferences_form(modes: dict[str, str], digest: str):
    """A form with one radio group per kind of notification and one for the digest."""

    class PreferencesForm(FlaskForm):
        pass

    def choices(labels: dict[str, str]) -> list[SelectChoice]:
        return [SelectChoice(value, label) for value, label in labels.items()]

    for kind, label in KINDS.items():
        setattr(PreferencesForm, kind, RadioField(label, choices=choices(MODES),
                                                  default=modes[kind]))
    PreferencesForm.digest = RadioField("Digest", choices=choices(FREQUENCIES), default=digest)
    return PreferencesForm()
