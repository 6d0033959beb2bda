"""Chat forms. The rules (times, prompts, who may) live in the services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

LOCAL = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


class ChatForm(FlaskForm):
    title = StringField("Title", render_kw={"maxlength": 160})
    short_name = StringField("Short name (hashtag)", render_kw={"maxlength": 41},
                             description="Letters, digits and underscores, e.g. uklibchat.")
    description = TextAreaField("Description", validators=[Optional()], render_kw={"rows": 4},
                                description="Markdown.")
    time_zone = StringField("Time zone", default="Europe/London",
                            render_kw={"maxlength": 64, "list": "time-zones",
                                       "autocomplete": "off"},
                            description="Its IANA name, e.g. Europe/London, America/Chicago, "
                                        "Australia/Sydney. The times below are in it.")
    starts_at = DateTimeLocalField("Starts", format=LOCAL, validators=[Optional()])
    ends_at = DateTimeLocalField("Ends", format=LOCAL, validators=[Optional()])
    workgroup = SelectField("Workgroup (optional)", validate_choice=False,
                            validators=[Optional()])
    prompts = TextAreaField("Prompts", render_kw={"rows": 8},
                            description="One per line, in order: they become Q1, Q2… "
                                        "(short Markdown).")
    readings = TextAreaField("Featured readings (optional)", validators=[Optional()],
                             render_kw={"rows": 3},
                             description="One per line: a title, then its address "
                                         "(https://… or /wiki/…).")

    def values(self) -> dict:
        return {name: getattr(self, name).data or ("" if name not in ("starts_at", "ends_at")
                                                   else None)
                for name in ("title", "short_name", "description", "time_zone", "starts_at",
                             "ends_at", "prompts", "readings", "workgroup")}


class ReplyForm(FlaskForm):
    body = TextAreaField("Your reply", render_kw={"rows": 3}, description="Markdown.")
    prompt_id = HiddenField()
    parent_id = HiddenField()


class HideForm(FlaskForm):
    reason = StringField("Reason", render_kw={"maxlength": 300})


class CuratorForm(FlaskForm):
    username = StringField("Curator's username", validators=[Optional()],
                           render_kw={"maxlength": 32},
                           description="A member who may write the summary.")


class SummaryForm(FlaskForm):
    overview = TextAreaField("Overview", validators=[Optional()], render_kw={"rows": 5},
                             description="Markdown: what the chat found, in a paragraph or two.")
    next_steps = TextAreaField("Decided for the next chat", validators=[Optional()],
                               render_kw={"rows": 3})


class HostForm(FlaskForm):
    username = StringField("Username", render_kw={"maxlength": 32})


class SuggestionForm(FlaskForm):
    title = StringField("Topic", render_kw={"maxlength": 200},
                        description="A question you would like the community to talk over.")


class ImportForm(FlaskForm):
    text = TextAreaField("Summary or CSV transcript", render_kw={"rows": 12},
                         description="Paste a chat summary (a title line, then “Q1 – …” "
                                     "lines with bulleted replies) or a CSV transcript "
                                     "(id, author, text, time, link).")
    time_zone = StringField("Time zone of the times in it", default="UTC",
                            render_kw={"maxlength": 64})
    confirm = HiddenField()
