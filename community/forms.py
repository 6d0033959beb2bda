"""Community forms. Rules live in the services (community.questions, community.answers...)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional


class AskForm(FlaskForm):
    title = StringField("Your question", render_kw={"maxlength": 200, "autocomplete": "off"},
                        description="One sentence, e.g. “How do you evaluate a makerspace "
                        "programme?”")
    body = TextAreaField("Details", description="What have you tried? What is your library "
                         "like? Markdown works here, and @username notifies a member.")
    tags = StringField("Tags", validators=[Optional()],
                       description="Separated by commas, e.g. makerspaces, evaluation.")
    workgroup = SelectField("Ask a workgroup", validators=[Optional()], choices=[],
                            description="Its members are notified of your question.")
    confirmed = HiddenField()


class QuestionEditForm(FlaskForm):
    title = StringField("Question", render_kw={"maxlength": 200})
    body = TextAreaField("Details")
    tags = StringField("Tags", validators=[Optional()])
    summary = StringField("Summary of your change", validators=[Optional()],
                          render_kw={"maxlength": 300})


class AnswerForm(FlaskForm):
    body = TextAreaField("Your answer", description="Share what worked for you, with the "
                         "details another library would need. Markdown works here.")
    summary = StringField("Summary of your change", validators=[Optional()],
                          render_kw={"maxlength": 300})


class CommentForm(FlaskForm):
    target_type = HiddenField()
    target_id = HiddenField()
    body = TextAreaField("Comment", render_kw={"maxlength": 600, "rows": 2})


class CloseForm(FlaskForm):
    reason = StringField("Why close it?", render_kw={"maxlength": 300},
                         description="e.g. “Answered in another thread” or “Not a question”.")


class WorkgroupForm(FlaskForm):
    name = StringField("Name", render_kw={"maxlength": 120})
    description = TextAreaField("What this workgroup is for", validators=[Optional()])
    archived = BooleanField("Archived (no new members or questions)")
