"""Training forms. Amounts are typed as decimals and checked by the services (in the
campaign's currency); rules (who may, bounds, states) live in the services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from core.models import SECTOR_LABELS
from orgs.forms import CheckboxesField
from training.models import FORMATS


def _choices(labels: dict, blank: str = "") -> list[SelectChoice]:
    return ([SelectChoice("", blank)] if blank else []) + [
        SelectChoice(key, label) for key, label in labels.items()]


class TopicForm(FlaskForm):
    title = StringField("Title", render_kw={"maxlength": 200, "autocomplete": "off"},
                        description="What should library staff learn? e.g. “Running a "
                                    "repair café in the library”.")
    description = TextAreaField("Description", validators=[Optional()],
                                description="Markdown. What you need, for whom, and why.")
    format = SelectField("Format", choices=_choices(FORMATS), validate_choice=False)
    audience = StringField("Audience", validators=[Optional()], render_kw={"maxlength": 200},
                           description="Who would attend, e.g. “front-line staff”.")
    sectors = CheckboxesField("Sectors", choices=_choices(SECTOR_LABELS),
                              validate_choice=False)
    region = StringField("Region", validators=[Optional()], render_kw={"maxlength": 80},
                         description="Where it would take place, or “online”.")
    confirmed = HiddenField()

    def values(self) -> dict:
        return {"title": self.title.data or "", "description": self.description.data or "",
                "format_": self.format.data or "", "audience": self.audience.data or "",
                "sectors": self.sectors.data or [], "region": self.region.data or ""}


class InterestForm(FlaskForm):
    organisation = SelectField("For", validate_choice=False)
    seats = StringField("How many staff", render_kw={"inputmode": "numeric", "maxlength": 5})


class StatusForm(FlaskForm):
    status = SelectField("Status", choices=[SelectChoice("open", "Open"),
                                            SelectChoice("planned", "Planned"),
                                            SelectChoice("declined", "Declined")],
                         validate_choice=False)
    reason = StringField("Reason (when declining)", validators=[Optional()],
                         render_kw={"maxlength": 2000})


class DuplicateForm(FlaskForm):
    original = StringField("Duplicate of topic number", render_kw={"inputmode": "numeric",
                                                                   "maxlength": 10})


class CampaignForm(FlaskForm):
    host = SelectField("Host", validate_choice=False,
                       description="The organisation that books the trainer and invoices.")
    offer = SelectField("Trainer's offer", validate_choice=False, validators=[Optional()])
    region = StringField("Region", validators=[Optional()], render_kw={"maxlength": 80},
                         description="Where it takes place, or “online”.")
    min_participants = StringField("Minimum participants",
                                   render_kw={"inputmode": "numeric", "maxlength": 5})
    max_participants = StringField("Maximum participants", validators=[Optional()],
                                   render_kw={"inputmode": "numeric", "maxlength": 5},
                                   description="Optional.")
    currency = SelectField("Currency", validate_choice=False)
    fixed_fee = StringField("Fixed fee", render_kw={"inputmode": "decimal", "maxlength": 20},
                            description="The trainer's fee for the session, e.g. 1200.00.")
    per_head_fee = StringField("Fee per head", render_kw={"inputmode": "decimal",
                                                          "maxlength": 20},
                               description="Materials, lunch… per participant; 0 if none.")
    target = StringField("Money target", validators=[Optional()],
                         render_kw={"inputmode": "decimal", "maxlength": 20},
                         description="Optional: the campaign tips only when the money "
                                     "pooled reaches it too.")
    deadline = DateTimeLocalField("Deadline", validators=[Optional()],
                                  format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    timezone = SelectField("Time zone", validate_choice=False)

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "region", "min_participants", "max_participants", "currency", "fixed_fee",
            "per_head_fee", "target", "deadline", "timezone")}


class PledgeForm(FlaskForm):
    organisation = SelectField("Organisation", validate_choice=False)
    seats = StringField("Seats", render_kw={"inputmode": "numeric", "maxlength": 5})
    max_price = StringField("The most you will pay per head",
                            render_kw={"inputmode": "decimal", "maxlength": 20},
                            description="In the campaign's currency. If the price per head "
                                        "ends above this, your pledge does not count.")


class ReasonForm(FlaskForm):
    reason = StringField("Why it is cancelled", render_kw={"maxlength": 2000},
                         description="The pledgers are told.")


class ExtendForm(FlaskForm):
    deadline = DateTimeLocalField("New deadline", validators=[Optional()],
                                  format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class ScheduleForm(FlaskForm):
    schedule = StringField("Date and place, or link", render_kw={"maxlength": 500})


class OfferForm(FlaskForm):
    provider = SelectField("Offering as", validate_choice=False, validators=[Optional()])
    currency = SelectField("Currency", validate_choice=False)
    fixed_fee = StringField("Fixed fee", render_kw={"inputmode": "decimal", "maxlength": 20})
    per_head_fee = StringField("Fee per head", render_kw={"inputmode": "decimal",
                                                          "maxlength": 20})
    min_participants = StringField("Minimum participants",
                                   render_kw={"inputmode": "numeric", "maxlength": 5})
    max_participants = StringField("Maximum participants", validators=[Optional()],
                                   render_kw={"inputmode": "numeric", "maxlength": 5})
    dates = StringField("Dates", validators=[Optional()], render_kw={"maxlength": 200},
                        description="When you could deliver it, e.g. “any Tuesday in May”.")
    format = SelectField("Format", choices=_choices(FORMATS), validate_choice=False)
    valid_until = DateField("Valid until", validators=[Optional()])
    note = TextAreaField("Note", validators=[Optional()], render_kw={"rows": 3})

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "currency", "fixed_fee", "per_head_fee", "min_participants", "max_participants",
            "dates", "format", "valid_until", "note")}


class ButtonForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class TopicCommentForm(FlaskForm):
    body = TextAreaField("Your comment", render_kw={"maxlength": 600, "rows": 3},
                         description="Up to 600 characters of Markdown.")


class HideCommentForm(FlaskForm):
    hidden = HiddenField(default="1")
    reason = StringField("Why?", validators=[Optional()], render_kw={"maxlength": 300})


class TrainerProfileForm(FlaskForm):
    description = TextAreaField("What you train", render_kw={"maxlength": 1000, "rows": 4},
                                description="A few lines: your subjects, formats and "
                                            "experience. Shown beside your offers.")
    region = StringField("Where you train", validators=[Optional()],
                         render_kw={"maxlength": 200},
                         description="Regions you travel to, or “online”.")
