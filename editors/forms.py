"""Editors' desk forms. Rules that need the database live in the services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import NumberRange, Optional

from editors.icons import icon_choices
from editors.models import FLAG_REASONS

REASON_HELP = "For the audit log: who did what, when and why."


class FeatureForm(FlaskForm):
    target = StringField("What to feature", render_kw={"autocomplete": "off"},
                         description="The address of an article (/wiki/...), a solved "
                         "question (/questions/...) or a collection (/collections/...).")
    blurb = TextAreaField("Blurb", render_kw={"rows": 3, "maxlength": 600},
                          description="One or two sentences on why it is worth reading. "
                          "Markdown works here.")
    icon = SelectField("Icon", choices=icon_choices(), validators=[Optional()])
    image = StringField("Image from the site (optional)", validators=[Optional()],
                        render_kw={"autocomplete": "off"},
                        description="A file under static/, e.g. img/icon.svg. Shown "
                        "instead of the icon.")
    image_alt = StringField("Image description", validators=[Optional()],
                            description="What the image shows, for people who cannot see "
                            "it. Leave empty if it is only decoration.")
    starts_on = DateField("Show from", validators=[Optional()],
                          description="Leave empty to show it now.")
    ends_on = DateField("Show until", validators=[Optional()],
                        description="The last day it is shown. Leave empty to show it "
                        "until it is retired.")
    position = IntegerField("Position", validators=[Optional(), NumberRange(1, 1000)],
                            description="1 is first. Leave empty to add it at the end.")


class FeatureEditForm(FeatureForm):
    target = None
    position = None


class ReasonForm(FlaskForm):
    reason = StringField("Why", validators=[Optional()], description=REASON_HELP,
                         render_kw={"maxlength": 500})


class CollectionForm(FlaskForm):
    title = StringField("Title", render_kw={"maxlength": 200, "autocomplete": "off"},
                        description="e.g. “Starting a makerspace: eight readings”.")
    intro = TextAreaField("Introduction", validators=[Optional()], render_kw={"rows": 4},
                          description="Who the collection is for and how to use it. "
                          "Markdown works here.")
    hidden = BooleanField("Hidden (only editors see it)")


class CollectionItemForm(FlaskForm):
    target = StringField("Article or solution to add", render_kw={"autocomplete": "off"},
                         description="The address of an article (/wiki/...) or a solved "
                         "question (/questions/...).")
    note = TextAreaField("Your note", validators=[Optional()], render_kw={"rows": 2},
                         description="Why read this, and what to look for. Markdown works "
                         "here.")


class FlagForm(FlaskForm):
    target = RadioField("What is the problem with?", choices=[],
                        validate_choice=False)
    reason = RadioField("What is wrong?", validate_choice=False,
                        choices=[SelectChoice(key, label) for key, label in FLAG_REASONS.items()])
    note = TextAreaField("Tell the editors more", validators=[Optional()],
                         render_kw={"rows": 3, "maxlength": 500},
                         description="Optional, unless you chose “Something else”. For a "
                         "duplicate, paste the address of the other question.")
    on = HiddenField()


class ModerateForm(FlaskForm):
    reason = StringField("Why", validators=[Optional()], description=REASON_HELP,
                         render_kw={"maxlength": 500})
    note = StringField("What is out of date (shown on the article)", validators=[Optional()],
                       render_kw={"maxlength": 300})
    merge_into = StringField("Merge into question", validators=[Optional()],
                             description="The address or number of the question to keep.",
                             render_kw={"autocomplete": "off"})


class ModerationEditForm(FlaskForm):
    title = StringField("Title", validators=[Optional()], render_kw={"maxlength": 200})
    body = TextAreaField("Text", render_kw={"rows": 14})
    suppress_previous = BooleanField(
        "Remove the previous text from history",
        description="For text that must not stay readable (a phone number, abuse): the "
                    "version your correction replaces is then shown as “removed by an "
                    "editor” in the history and its comparisons; only admins can read it. "
                    "Earlier versions that still hold it can be removed from the history "
                    "page.")
    reason = StringField("Why", validators=[Optional()], description=REASON_HELP,
                         render_kw={"maxlength": 500})


class ReviewForm(FlaskForm):
    note = StringField("Note (optional)", validators=[Optional()],
                       render_kw={"maxlength": 300})


class OutdatedForm(FlaskForm):
    note = StringField("What is out of date", validators=[Optional()],
                       render_kw={"maxlength": 300},
                       description="Shown on the article until someone updates it.")
