"""`--files DIR`: a wiki's downloaded files come in as attachments through the upload
service, the pages' image and file links point at them, refusals are reported and never
stop the import, and a re-run does not upload them again."""

from __future__ import annotations

from sqlalchemy import func, select

from core.extensions import db
from files.models import FileUse, StoredFile
from files.storage import get_storage
from tests.files.samples import image, pdf
from tests.transfer.conftest import dump_bytes, page_xml, revision_xml, run_import
from transfer.models import ImportedFile
from transfer.wiki_files import wiki_file_key
from transfer.wikitext import wikitext_to_markdown
from wiki.models import Article

TEXT = ("Our reading room: [[File:Reading_room.png|thumb|left|alt=Sofas by a window|"
        "The room in 2019]]. Bare: [[File:Reading room.png]]. Checklist: "
        "[[Media:Induction checklist.pdf|the checklist]]. Also [[File:Induction "
        "checklist.pdf]]. Missing: [[File:Not here.jpg|thumb|A lost photo]]. "
        "Refused: [[File:Notes.exe]].")
DUMP = dump_bytes(page_xml("Reading room", 1, [revision_xml(10, TEXT)]))


def folder(tmp_path):
    files = tmp_path / "wiki-files"
    files.mkdir()
    (files / "Reading_room.png").write_bytes(image("PNG", (40, 30), "teal"))
    (files / "Induction_checklist.pdf").write_bytes(pdf())
    (files / "Notes.exe").write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    (files / "Empty.txt").write_bytes(b"")
    return files


def test_files_come_in_as_attachments_and_links_point_at_them(app, tmp_path, client,
                                                              admin):
    app.config["FILES_DIR"] = str(tmp_path / "store")
    files = folder(tmp_path)
    report = run_import(DUMP, files_dir=str(files), uploader=admin)
    assert report.files_imported == 2 and report.files_already == 0
    refused = dict(report.files_refused)
    assert set(refused) == {"Notes.exe", "Empty.txt"}, refused  # reported, not fatal
    assert "empty" in refused["Empty.txt"]
    lines = "\n".join(report.lines())
    assert "Files: 2 imported, 0 already imported, 2 refused." in lines
    assert "File refused: “Notes.exe”" in lines and "Reading room.png" in lines

    png = db.session.scalar(select(StoredFile).where(StoredFile.media_type == "image/png"))
    document = db.session.scalar(select(StoredFile).where(
        StoredFile.media_type == "application/pdf"))
    assert png.name == "Reading_room.png" and png.alt == "Reading room" and png.width == 40
    assert get_storage().exists(png.sha256) and get_storage().exists(document.sha256)
    body = db.session.scalar(select(Article)).current_revision.body
    png_url = f"/files/{png.sha256}/Reading_room.png"
    assert f"![Sofas by a window]({png_url})" in body  # the alt= parameter
    assert f"Bare: ![Reading room]({png_url})" in body  # no text: its name, and reported
    assert report.untexted == {"Reading room.png"}
    pdf_url = f"/files/{document.sha256}/Induction_checklist.pdf"
    assert f"[the checklist]({pdf_url})" in body
    assert f"[Induction_checklist.pdf]({pdf_url})" in body
    # Not in the folder, or refused: still a link to the source wiki.
    assert "[A lost photo](https://wiki.example.org/wiki/File:Not_here.jpg)" in body
    assert "[Notes.exe](https://wiki.example.org/wiki/File:Notes.exe)" in body
    # The revision uses the files, so readers may fetch them with the article.
    uses = set(db.session.scalars(select(FileUse.sha256).where(FileUse.kind == "revision")))
    assert uses == {png.sha256, document.sha256}
    response = client.get(png_url)
    assert response.status_code == 200 and response.mimetype == "image/png"
    response.close()
    page = client.get("/wiki/reading-room").get_data(as_text=True)
    assert 'alt="Sofas by a window"' in page

    # A re-run with the same folder (and a newer dump) uploads nothing again.
    newer = dump_bytes(page_xml("Reading room", 1, [
        revision_xml(10, TEXT),
        revision_xml(11, TEXT + " More.", stamp="2021-01-01T00:00:00Z")]))
    again = run_import(newer, files_dir=str(files), uploader=admin)
    assert again.files_imported == 0 and again.files_already == 2
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 2
    assert db.session.scalar(select(func.count()).select_from(ImportedFile)) == 2
    body = db.session.scalar(select(Article)).current_revision.body
    assert png_url in body and body.endswith("More.\n")
    # Changed bytes under the same name: a new upload, the links follow it.
    (files / "Reading_room.png").write_bytes(image("PNG", (40, 30), "orange"))
    changed = run_import(newer, files_dir=str(files), uploader=admin)
    assert changed.files_imported == 1 and changed.files_already == 1
    assert db.session.scalar(select(func.count()).select_from(ImportedFile)) == 2


def test_cli_files_option_and_dry_run(app, tmp_path, admin):
    app.config["FILES_DIR"] = str(tmp_path / "store")
    files = folder(tmp_path)
    dump = tmp_path / "wiki.xml"
    dump.write_bytes(DUMP)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["import", "mediawiki", str(dump), "--files", str(files),
                              "--dry-run"])
    assert dry.exit_code == 0 and "Files: 4 in the folder (a dry run" in dry.output, dry.output
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 0
    nobody = runner.invoke(args=["import", "mediawiki", str(dump), "--files", str(files),
                                 "--uploader", "nobody"])
    assert nobody.exit_code == 1 and "No active member “nobody”" in nobody.output
    result = runner.invoke(args=["import", "mediawiki", str(dump), "--files", str(files)])
    assert result.exit_code == 0, result.output
    assert "Files: 2 imported, 0 already imported, 2 refused." in result.output
    assert db.session.scalar(select(StoredFile.uploader_id).limit(1)) == admin.id


def test_file_names_match_as_mediawiki_compares_them():
    assert wiki_file_key("reading_room.png") == wiki_file_key("File:Reading  room.png")
    assert wiki_file_key("Media:Plan.pdf") == "Plan.pdf"
    links = {"Map.png": type("F", (), {"url": "/files/ab/Map.png", "name": "Map.png",
                                       "is_image": True, "alt": "Map"})()}
    converted = wikitext_to_markdown("[[File:Map.png|thumb|upright|A map of the branch]] "
                                     "[[:File:Map.png]]", file_link=links.get,
                                     source_url="https://w.example/wiki",
                                     namespaces={"File"})
    assert converted.markdown.startswith("![A map of the branch](/files/ab/Map.png)")
    assert "[File:Map.png](https://w.example/wiki/File:Map.png)" in converted.markdown
    assert converted.untexted == []
