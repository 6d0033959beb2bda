"""Bringing old chats home: the summary shape, CSV transcripts, bad files, twice."""

from __future__ import annotations

import csv
import io

import pytest

from chats import importing
from chats.models import Chat, Reply
from core.errors import ValidationFailed
from core.extensions import db

EXAMPLE = """Chat summary: lending things that are not books
Q1 – What do you lend besides books?
  • Sewing machines and a button maker; the button maker is booked out every weekend.
  • Telescopes, thanks to a grant from the local astronomy society.
Q2 – How do you handle damage?
  • A checklist at the desk on return, with photos taken at checkout.
"""


def test_the_example_summary_parses():
    parsed = importing.parse_text(EXAMPLE)
    assert parsed.title == "Lending things that are not books"
    assert parsed.prompts == {1: "What do you lend besides books?",
                              2: "How do you handle damage?"}
    assert [(m.prompt, m.text[:20]) for m in parsed.messages] == [
        (1, "Sewing machines and "), (1, "Telescopes, thanks t"), (2, "A checklist at the d")]


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("Title only\n", "No questions found"),
    ("Title\n  • a reply first\nQ1 – q\n", "Line 2: a reply before the first question"),
    ("Title\nQ1 – one\nQ3 – three\n", "Line 3: expected Q2 next, found Q3"),
    ("Title\nQ1 – one\nsomething else\n", "Line 3: expected"),
    ("Title\nQ1 – one\n  • bad \x07 bell\n", "control character"),
    ("id,author,text\n1,a,Q1 hi\n", "no column time, link"),
    ("id,author,text,time,link\n1,a,Q1 hi,yesterday,\n", "Row 2: “yesterday” is not a date"),
    ("id,author,text,time,link\n1,a,hello,2016-05-10T19:00:00,\n", "No questions found"),
])
def test_malformed_files_are_refused_clearly(text, message):
    with pytest.raises(ValidationFailed, match=message):
        importing.parse_text(text)


def test_the_command_imports_a_summary_once(app, tmp_path):
    path = tmp_path / "lending.txt"
    path.write_text(EXAMPLE, encoding="utf-8")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["chats", "import", str(path)])
    assert first.exit_code == 0, first.output
    assert "2 prompts, 3 new replies" in first.output
    again = runner.invoke(args=["chats", "import", str(path)])
    assert again.exit_code == 0 and "0 new replies (3 already there)" in again.output
    chat = db.session.scalar(db.select(Chat))
    assert chat.import_key and chat.closed_at is not None
    replies = db.session.scalars(db.select(Reply).order_by(Reply.id)).all()
    assert len(replies) == 3 and all(r.author_id is None for r in replies)
    bad = tmp_path / "bad.txt"
    bad.write_text("Title\nQ2 – two\n", encoding="utf-8")
    refused = runner.invoke(args=["chats", "import", str(bad)])
    assert refused.exit_code != 0 and "expected Q1 next" in refused.output
    assert "Nothing was imported" in refused.output
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert "not UTF-8" in runner.invoke(args=["chats", "import", str(binary)]).output


def _transcript(rows: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "author", "text", "time", "link"])
    writer.writerow(["1", "@host", "#uklibchat Q1: What do you lend?", "2016-05-10T19:00:00",
                     "https://example.org/1"])
    writer.writerow(["2", "@host", "Q2: How do you handle damage?", "2016-05-10T19:30:00Z",
                     ""])
    for number in range(3, rows + 1):
        marker = "A1" if number % 2 else "A2"
        writer.writerow([str(number), f"@person{number % 97}",
                         f"{marker} Reply number {number} <b>bold</b> #uklibchat",
                         f"2016-05-10T19:{number % 60:02d}:00", f"https://example.org/{number}"])
    return out.getvalue()


def test_a_5000_message_transcript_imports_and_again_adds_nothing(app, tmp_path):
    path = tmp_path / "uklibchat-2016-05.csv"
    path.write_text(_transcript(5000), encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["chats", "import", str(path), "--title", "Lending",
                                 "--time-zone", "Europe/London", "--short-name", "uklibchat"])
    assert result.exit_code == 0, result.output
    assert "2 prompts, 4998 new replies" in result.output
    chat = db.session.scalar(db.select(Chat))
    assert chat.short_name == "uklibchat"
    prompts = {p.number: p for p in chat.prompts}
    assert prompts[1].body == "What do you lend?"
    counts = dict(db.session.execute(db.select(Reply.prompt_id, db.func.count(Reply.id))
                                     .group_by(Reply.prompt_id)).all())
    assert counts == {prompts[1].id: 2499, prompts[2].id: 2499}
    sample = db.session.scalar(db.select(Reply).where(Reply.source_key == "c:3"))
    assert sample.outside_author == "@person3" and "<b>" not in sample.html
    assert "&lt;b&gt;" in sample.html and sample.source_url == "https://example.org/3"
    # 19:00 in London in May is 18:00 UTC; a time with Z is UTC as written.
    assert chat.starts_at.hour == 18
    again = runner.invoke(args=["chats", "import", str(path), "--title", "Lending"])
    assert "0 new replies" in again.output
    assert db.session.scalar(db.select(db.func.count(Reply.id))) == 4998


def test_the_web_form_previews_before_it_saves(editor_client, member_client):
    assert member_client.get("/chats/import").status_code == 403
    response = editor_client.submit("/chats/import", {"text": EXAMPLE, "time_zone": "UTC"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Preview: Lending things" in page
    assert db.session.scalar(db.select(db.func.count(Chat.id))) == 0
    saved = editor_client.submit("/chats/import", {"text": EXAMPLE, "time_zone": "UTC",
                                                   "confirm": "1"})
    assert saved.status_code == 302
    assert db.session.scalar(db.select(db.func.count(Reply.id))) == 3
    refused = editor_client.submit("/chats/import", {"text": "Title\nQ2 – x", "time_zone": "UTC"})
    assert refused.status_code == 422 and "expected Q1 next" in refused.get_data(as_text=True)
