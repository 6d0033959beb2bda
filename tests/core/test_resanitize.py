"""`flask markup resanitize`: stored rendered HTML through today's sanitiser (issue 12,
item 15), idempotently."""

from sqlalchemy import select

from community import answers, comments, questions
from core.extensions import db
from wiki import saving
from wiki.models import Revision

# What an older sanitiser might have let through, or a disguised link it stored as is.
DIRTY = ('<p><a href="/\\evil.example/1">x</a> <img src="x" onerror="alert(1)">'
         '<script>alert(1)</script></p>')


def test_resanitize_cleans_stored_html_and_is_idempotent(app, member):
    result = saving.create_article(member, title="Stored HTML", body="Some *text*.")
    question = questions.ask(member, title="How do we store HTML safely?", body="Asking.")
    answers.answer(member, question, "An *answer*.")
    comments.add_comment(member, "question", question.id, "A comment.")
    db.session.commit()
    revision = result.revision
    revision.html = DIRTY
    question.html = DIRTY
    db.session.commit()

    runner = app.test_cli_runner()
    first = runner.invoke(args=["markup", "resanitize"])
    assert first.exit_code == 0, first.output
    assert "revisions.html: 1 checked, 1 changed" in first.output
    assert "questions.html: 1 checked, 1 changed" in first.output
    assert "2 stored HTML values changed" in first.output
    db.session.expire_all()
    html = db.session.scalar(select(Revision.html).where(Revision.id == revision.id))
    assert html == ('<p><a href="//evil.example/1" rel="nofollow ugc noopener">x</a> '
                    '<img src="x"></p>')

    stored = db.session.scalars(select(Revision.html)).all()
    second = runner.invoke(args=["markup", "resanitize"])
    assert second.exit_code == 0, second.output
    assert "0 stored HTML values changed" in second.output
    assert all(line.endswith(" 0 changed") for line in second.output.splitlines()[:-1])
    db.session.expire_all()
    assert db.session.scalars(select(Revision.html)).all() == stored
