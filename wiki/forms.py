"""Article forms. Rules that need the database live in wiki.cleaning and wiki.saving."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from core.forms import sector_choices

OUTLINE = """## The problem or context

_What situation or need led to this practice? Who were you serving?_

## The practice

_What did you do, step by step?_

## What it took

_Staff time, money, equipment, partners, training._

## Outcomes and evidence

_What changed? Numbers, feedback, evaluation._

## Resources

_Templates, policies, readings, related articles such as [[Another article]]._

## Who to contact

_Who can other librarians ask about this?_
"""


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ArticleForm(FlaskForm):
    # Lengths are checked by the service, with messages that keep the member's text.
    title = StringField("Title", render_kw={"maxlength": 200, "autocomplete": "off"})
    body = TextAreaField("Text", description="Markdown: ## for headings, *italics*, **bold**, "
                         "- lists, | tables |, and [[Article title]] to link another article.")
    summary = StringField("Summary of your change", validators=[Optional()],
                          description="A few words for the history, e.g. “Added costs”.",
                          render_kw={"maxlength": 300, "autocomplete": "off"})
    tags = StringField("Tags", validators=[Optional()],
                       description="Separated by commas, e.g. makerspaces, teens.",
                       render_kw={"autocomplete": "off"})
    sectors = MultiCheckboxField("Library sectors", choices=sector_choices()[1:],
                                 validators=[Optional()])
    base_revision = HiddenField()


class RenameForm(FlaskForm):
    title = StringField("New title", validators=[Length(max=200)],
                        render_kw={"maxlength": 200, "autocomplete": "off"})


class RevertForm(FlaskForm):
    summary = StringField("Why restore this revision?", validators=[Optional(), Length(max=300)])


class CheckForm(FlaskForm):
    """Mark an article checked (wiki.checking.mark_checked)."""

    note = StringField("Note (optional)", validators=[Optional()],
                       description="What you checked, e.g. “Prices and contacts still right”.",
                       render_kw={"maxlength": 300, "autocomplete": "off"})
    next_check_by = StringField("Next check by (optional)", validators=[Optional()],
                                description="Leave empty for a year from today.",
                                render_kw={"type": "date"})


class CheckByForm(FlaskForm):
    """Move the date an article should next be checked by."""

    check_by = StringField("Check by", render_kw={"type": "date", "required": True})
