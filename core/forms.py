"""Account forms. Field rules that need the database live in core.accounts."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from core.models import SECTOR_LABELS

DIFFER = "The passwords differ."


def sector_choices(blank: str = "Choose a sector") -> list[SelectChoice]:
    return [SelectChoice("", blank), *(SelectChoice(k, v) for k, v in SECTOR_LABELS.items())]


class RegisterForm(FlaskForm):
    username = StringField("Username", validators=[
        DataRequired("Choose a username."),
        Length(3, 32, "Use 3 to 32 letters, digits, dots, dashes or underscores.")],
                           description="3 to 32 letters, digits, dots, dashes or underscores.",
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    email = EmailField("E-mail", validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "email"})
    password = PasswordField("Password", validators=[
        DataRequired("Choose a password."),
        Length(10, 256, "Use at least 10 characters; a short phrase is easy to remember.")],
                             description="At least 10 characters. Not a common password.",
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Confirm password",
                            validators=[DataRequired(), EqualTo("password", DIFFER)],
                            render_kw={"autocomplete": "new-password"})


class LoginForm(FlaskForm):
    login = StringField("Username or e-mail", validators=[DataRequired(), Length(max=254)],
                        render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField("Keep me signed in on this device")


class ProfileForm(FlaskForm):
    display_name = StringField("Display name", validators=[Optional(), Length(max=80)],
                               render_kw={"autocomplete": "name"})
    library = StringField("Library or organisation", validators=[Optional(), Length(max=120)],
                          render_kw={"autocomplete": "organization"})
    sector = SelectField("Library sector", choices=sector_choices(), validators=[Optional()])
    bio = TextAreaField("About you", validators=[Optional(), Length(max=2000)],
                        description="A few lines on your work and what you can help with.")


class PasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    password = PasswordField("New password", validators=[DataRequired(), Length(max=256)],
                             description="At least 10 characters. Not a common password.",
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Confirm new password",
                            validators=[DataRequired(), EqualTo("password", DIFFER)],
                            render_kw={"autocomplete": "new-password"})


class RoleForm(FlaskForm):
    """An admin changes a member's role. The service checks the role and the reason, so
    that a wrong value gets its own clear message."""

    role = SelectField("New role", validate_choice=False, choices=[
        SelectChoice("member", "Member"), SelectChoice("editor", "Editor"),
        SelectChoice("admin", "Admin")],
        description="Editors also feature, review and moderate; admins also give roles and "
                    "open workgroups.")
    reason = StringField("Why", validators=[Optional()], render_kw={"maxlength": 300},
                         description="Required. The audit log keeps it, with who changed the "
                         "role and when.")


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change state."""


def check_button_form() -> None:
    """A button's POST: its CSRF token (an EmptyForm), or 400."""
    from flask import abort

    if not EmptyForm().validate_on_submit():
        abort(400)
