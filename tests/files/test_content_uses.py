"""Files follow their content: revisions record the files they use, alt text is required,
attachments are listed, hidden content's files are not served, unused files are pruned
after a grace period, backups carry the files, and documents' text is searched."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community import answers, questions
from core.errors import ValidationFailed
from core.extensions import db
from core.timeutil import utcnow
from files import cli as files_cli
from files.extract import extract
from files.models import FileUse, StoredFile
from files.uploads import Upload, markdown_for, upload
from tests.files import samples
from tests.files.conftest import fetch
from wiki import moderation, saving


def _upload(user, data, name, **kwargs):
    import io

    record = upload(user, Upload(io.BytesIO(data), name, **kwargs))
    db.session.commit()
    return record


def test_an_article_with_an_image_without_alt_text_is_not_saved(app, member):
    image = _upload(member, samples.image("PNG"), "plan.png", alt="Floor plan")
    url = markdown_for(image).split("(", 1)[1]
    with pytest.raises(ValidationFailed, match="no description") as refused:
        saving.create_article(member, title="Makerspace", body=f"Our room:\n\n![]({url}")
    assert refused.value.field == "body"
    db.session.rollback()
    html_img = f'<img src="{url[:-1]}">'
    with pytest.raises(ValidationFailed, match="plan.png"):
        saving.create_article(member, title="Makerspace", body=f"Our room: {html_img}")
    db.session.rollback()
    saved = saving.create_article(member, title="Makerspace",
                                  body=f"Our room:\n\n![Floor plan of the room]({url}")
    assert saved.revision is not None


def test_a_decorative_image_may_have_empty_alt_text(app, member):
    border = _upload(member, samples.image("PNG"), "border.png", decorative=True)
    result = saving.create_article(member, title="Borders", body=f"Hi {markdown_for(border)}")
    assert 'alt=""' in result.revision.html


def test_revisions_record_their_files_and_history_keeps_them(app, member, client):
    policy = _upload(member, samples.pdf(), "Loan policy.pdf")
    article = saving.create_article(member, title="Loans",
                                    body=f"See {markdown_for(policy)}.").article
    first = article.current_revision
    db.session.commit()
    page = client.get("/wiki/loans")
    assert "Attachments" in page.text and "Loan policy.pdf" in page.text
    assert "PDF document" in page.text
    saving.save_edit(article, member, title="Loans", body="No policy any more.",
                     base_revision=1)
    db.session.commit()
    uses = db.session.scalars(select(FileUse.object_id).where(
        FileUse.sha256 == policy.sha256)).all()
    assert uses == [first.id]  # the old revision still uses it
    page = client.get("/wiki/loans")
    assert "Loan policy.pdf" not in page.text  # no longer listed
    assert fetch(client, f"/files/{policy.sha256}/x.pdf").status_code == 200  # still served
    old = client.get("/wiki/loans/revisions/1")
    assert "Loan policy.pdf" in old.text


def test_files_of_hidden_content_are_served_only_to_those_who_see_it(
        app, member, editor, client, other_client, editor_client, member_client):
    photo = _upload(member, samples.image("JPEG"), "room.jpg", alt="The room")
    article = saving.create_article(member, title="Room", body=markdown_for(photo)).article
    db.session.commit()
    url = f"/files/{photo.sha256}/room.jpg"
    assert fetch(client, url).status_code == 200
    assert "public" in fetch(client, url).headers["Cache-Control"]
    moderation.set_hidden(article, editor, True)
    db.session.commit()
    assert fetch(client, url).status_code == 404
    assert fetch(other_client, url).status_code == 404
    assert fetch(editor_client, url).status_code == 200
    uploader = fetch(member_client, url)
    assert uploader.status_code == 200 and "private" in uploader.headers["Cache-Control"]


def test_questions_and_answers_record_their_files(app, member, other_member, editor, client):
    sheet = _upload(member, samples.CSV, "loans.csv")
    question = questions.ask(member, title="How do you count loans?",
                             body=f"Our numbers: {markdown_for(sheet)}")
    db.session.commit()
    url = f"/files/{sheet.sha256}/loans.csv"
    assert fetch(client, url).status_code == 200
    chart = _upload(other_member, samples.image("PNG"), "chart.png", alt="Loans by month")
    reply = answers.answer(other_member, question, f"Like this: {markdown_for(chart)}")
    db.session.commit()
    kinds = set(db.session.execute(select(FileUse.kind, FileUse.object_id)).all())
    assert kinds == {("question", question.id), ("answer", reply.id)}
    answers.set_answer_hidden(editor, reply, True)
    db.session.commit()
    assert fetch(client, f"/files/{chart.sha256}/chart.png").status_code == 404


def test_prune_removes_only_unused_files_past_the_grace_period(app, member, backend):
    used = _upload(member, samples.TEXT, "used.txt")
    unused = _upload(member, b"nobody links to me\n", "unused.txt")
    used_sha, unused_sha = used.sha256, unused.sha256
    saving.create_article(member, title="Hours", body=markdown_for(used))
    db.session.commit()
    assert files_cli.prune(grace_days=30) == (0, 0)  # both too young
    db.session.execute(StoredFile.__table__.update().values(
        created_at=utcnow() - timedelta(days=40)))
    db.session.commit()
    records, _stored = files_cli.prune(grace_days=30)
    assert records == 1
    names = db.session.scalars(select(StoredFile.name)).all()
    assert names == ["used.txt"]
    from files.storage import get_storage

    assert get_storage().exists(used_sha)
    if backend == "database":  # (on the filesystem, bytes wait out the grace period too)
        assert not get_storage().exists(unused_sha)
    result = app.test_cli_runner().invoke(args=["files", "prune", "--grace-days", "0"])
    assert "Removed 0 unused upload(s)" in result.output


def test_backup_and_restore_carry_the_files_and_check_their_hashes(
        app, member, backend, tmp_path):
    import tarfile

    from core import backup

    photo = _upload(member, samples.image("PNG", (1000, 600)), "plan.png", alt="Plan")
    saving.create_article(member, title="Plan", body=markdown_for(photo))
    db.session.commit()
    archive = tmp_path / "site.tar.gz"
    manifest = backup.create(archive)
    assert manifest["files"] == 3  # the image and two smaller widths
    with tarfile.open(archive) as tar:
        assert f"files/{photo.sha256}" in tar.getnames()
    assert "file_blobs" not in manifest["tables"]

    # A damaged archive: one file's bytes changed.
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member_info in source.getmembers():
            data = source.extractfile(member_info).read()
            if member_info.name == f"files/{photo.sha256}":
                data = data[:-1] + b"!"
            member_info.size = len(data)
            target.addfile(member_info, __import__("io").BytesIO(data))

    for storage_dir in (tmp_path / "store",):
        __import__("shutil").rmtree(storage_dir, ignore_errors=True)
    db.session.remove()
    _empty(app)
    with pytest.raises(backup.RestoreRefused, match="do not match its hash"):
        backup.restore(damaged)
    backup.restore(archive)
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 1
    assert files_cli.check() == []
    assert fetch(app.test_client(), f"/files/{photo.sha256}/plan.png").status_code == 200


def _empty(app):
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()


def test_documents_text_is_extracted_by_a_job_and_finds_the_article(app, member, client):
    handout = _upload(member, samples.pdf("Soldering safety briefing"), "handout.pdf")
    assert handout.text_state == "pending"
    saving.create_article(member, title="Makerspace inductions",
                          body=f"Handout: {markdown_for(handout)}")
    db.session.commit()
    assert extract(handout.id) == "done"
    assert "Soldering safety briefing" in db.session.get(StoredFile, handout.id).text
    results = client.get("/search?q=soldering")
    assert "Makerspace inductions" in results.text
