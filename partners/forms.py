"""The partnerships board's forms; the rules are partners.posts'."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from core.models import SECTOR_LABELS
from wiki.forms import MultiCheckboxField


def _kinds():
    from orgs.models import KINDS

    return [SelectChoice(key, label) for key, label in KINDS.items() if key != "other"]


class PostForm(FlaskForm):
    title = StringField("What is the project?", render_kw={"maxlength": 200,
                                                            "autocomplete": "off"})
    body = TextAreaField("Tell possible partners about it",
                         description="What you plan, what you bring, what you hope a partner "
                                     "brings. Markdown works.")
    region = StringField("Where (a region or town)", validators=[Optional()],
                         render_kw={"maxlength": 80})
    online = BooleanField("It can be done online", validators=[Optional()])
    sectors = MultiCheckboxField("Sectors you are looking for", validators=[Optional()],
                                 choices=[SelectChoice(key, label)
                                          for key, label in SECTOR_LABELS.items()
                                          if key != "other"])
    kinds = MultiCheckboxField("Kinds of organisation you are looking for",
                               validators=[Optional()], choices=_kinds)
    topic = StringField("Topic (one tag)", validators=[Optional()],
                        description="e.g. makerspaces, information-literacy.",
                        render_kw={"maxlength": 50})
    until = StringField("Looking until (optional)", validators=[Optional()],
                        render_kw={"type": "date"})


class ReplyForm(FlaskForm):
    body = TextAreaField("Your reply", render_kw={"rows": 5})
    public = BooleanField("Post it in public (otherwise only the poster reads it)",
                          validators=[Optional()])


class CloseForm(FlaskForm):
    note = StringField("What came of it (optional)", validators=[Optional()],
                       description="e.g. “Partnering with Riverside High School library”.",
                       render_kw={"maxlength": 500})
