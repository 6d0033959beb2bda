"""Organisation forms. Rules (identifiers, loops, who may) live in the services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional
from wtforms.widgets import CheckboxInput, ListWidget

from core.models import SECTOR_LABELS
from orgs.identifiers import country_choices
from orgs.models import AFFILIATION_ROLES, KINDS, MEMBERSHIP_ROLES


def _choices(labels: dict, blank: str = "") -> list[SelectChoice]:
    return ([SelectChoice("", blank)] if blank else []) + [
        SelectChoice(key, label) for key, label in labels.items()]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OrganisationForm(FlaskForm):
    name = StringField("Name", render_kw={"maxlength": 160, "autocomplete": "organization"})
    kind = SelectField("Kind", choices=_choices(KINDS, "Choose a kind"),
                       validate_choice=False)
    sectors = CheckboxesField("Sectors", choices=_choices(SECTOR_LABELS),
                              validate_choice=False)
    country = SelectField("Country", validate_choice=False, validators=[Optional()])
    region = StringField("Region", validators=[Optional()], render_kw={"maxlength": 80},
                         description="A state, county or province, e.g. “Northshire”.")
    isil = StringField("ISIL", validators=[Optional()], render_kw={"maxlength": 16},
                       description="ISO 15511 library identifier, e.g. GB-UkOxU.")
    oclc = StringField("OCLC symbol", validators=[Optional()], render_kw={"maxlength": 8})
    ror = StringField("ROR ID", validators=[Optional()], render_kw={"maxlength": 40},
                      description="e.g. https://ror.org/052gg0110")
    wikidata = StringField("Wikidata ID", validators=[Optional()],
                           render_kw={"maxlength": 20}, description="e.g. Q131454")
    website = StringField("Website", validators=[Optional()], render_kw={"maxlength": 300})
    description = TextAreaField("About", validators=[Optional()], render_kw={"rows": 4})
    parent = StringField("Part of", validators=[Optional()], render_kw={"maxlength": 80},
                         description="For a branch: the ISIL or address (slug) of its "
                                     "library service.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [SelectChoice("", "Choose a country"),
                                *(SelectChoice(code, name) for code, name in country_choices())]

    def values(self) -> dict:
        return {name: getattr(self, name).data or ("" if name != "sectors" else [])
                for name in ("name", "kind", "sectors", "country", "region", "isil", "oclc",
                             "ror", "wikidata", "website", "description", "parent")}


class ClaimForm(FlaskForm):
    role = SelectField("Your role", choices=_choices(AFFILIATION_ROLES),
                       validate_choice=False)
    start_date = DateField("Since", validators=[Optional()])
    show_in_byline = BooleanField("Show it next to my name in bylines")


class MembershipForm(FlaskForm):
    member = StringField("Member organisation", render_kw={"maxlength": 80},
                         description="Its ISIL or its address on Commonplace (the slug).")
    role = SelectField("Role", choices=_choices(MEMBERSHIP_ROLES), validate_choice=False)
    start_date = DateField("Since", validators=[Optional()])
    end_date = DateField("Until", validators=[Optional()])
    source_url = StringField("Source", validators=[Optional()], render_kw={"maxlength": 300},
                             description="A page that says so, e.g. the consortium's list.")


class MergeForm(FlaskForm):
    into = StringField("Merge into", render_kw={"maxlength": 80},
                       description="The ISIL or address (slug) of the organisation to keep.")
