"""Uploading every allowed type and hostile ones, on both storages; serving with headers
that never let a file run in the site's origin; limits."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from core.extensions import db
from files.models import FileVariant, StoredFile
from tests.files import samples
from tests.files.conftest import fetch, send

ALLOWED = [
    (samples.image("PNG", (1000, 500)), "plan.png", "image/png", "inline"),
    (samples.image("JPEG"), "photo.jpeg", "image/jpeg", "inline"),
    (samples.image("GIF"), "anim.gif", "image/gif", "inline"),
    (samples.image("WEBP"), "pic.webp", "image/webp", "inline"),
    (samples.pdf(), "policy.pdf", "application/pdf", "attachment"),
    (samples.docx(), "policy.docx", "application/vnd.openxmlformats-officedocument."
                                    "wordprocessingml.document", "attachment"),
    (samples.odf("spreadsheet"), "budget.ods", "application/vnd.oasis.opendocument."
                                               "spreadsheet", "attachment"),
    (samples.CSV, "loans.csv", "text/csv", "attachment"),
    (samples.TEXT, "hours.txt", "text/plain", "attachment"),
]


@pytest.mark.parametrize(("data", "name", "media_type", "disposition"), ALLOWED,
                         ids=[row[1] for row in ALLOWED])
def test_each_allowed_type_uploads_and_is_served_safely(member_client, backend, data, name,
                                                       media_type, disposition):
    response = send(member_client, data, name, alt="A floor plan")
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["ok"] and body["url"].startswith("/files/")
    if media_type.startswith("image/"):
        assert body["markdown"] == f"![A floor plan]({body['url']})"
    else:
        assert body["markdown"] == f"[{body['name']}]({body['url']})"
    served = fetch(member_client, body["url"])
    assert served.status_code == 200
    assert served.headers["Content-Type"].split(";")[0] == media_type
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Security-Policy"].startswith("sandbox")
    assert served.headers["Content-Disposition"].startswith(disposition)
    assert "immutable" in served.headers["Cache-Control"]
    sha = body["url"].split("/")[2]
    assert served.headers["ETag"] == f'"{sha}"'
    if not media_type.startswith("image/"):
        assert served.data == data  # documents are kept byte for byte
    again = fetch(member_client, body["url"], headers={"If-None-Match": f'"{sha}"'})
    assert again.status_code == 304 and again.data == b""


def test_wide_images_get_smaller_sizes_that_are_served_too(member_client, backend):
    body = send(member_client, samples.image("PNG", (1000, 500)), "wide.png",
                alt="Wide").get_json()
    variants = db.session.scalars(select(FileVariant).order_by(FileVariant.width)).all()
    assert [v.width for v in variants] == [480, 960]
    served = fetch(member_client, f"/files/{variants[0].sha256}/wide.png")
    assert served.status_code == 200 and served.headers["Content-Type"] == "image/png"
    assert body["url"] != f"/files/{variants[0].sha256}/wide.png"


HOSTILE = [
    (samples.HTML, "innocent.png", "HTML"),
    (samples.SVG, "logo.svg", "SVG"),
    (samples.EXE, "setup.pdf", "accept"),
    (samples.ZIP, "bundle.docx", "ZIP"),
    (b"", "empty.png", "empty"),
    (samples.bomb_png(30_000), "bomb.png", "decompression bomb"),
    (samples.bomb_png(8000), "large.png", "8000 × 8000 pixels"),
    (samples.pdf()[:40], "cut.pdf", "could not be read"),
]


@pytest.mark.parametrize(("data", "name", "said"), HOSTILE, ids=[row[1] for row in HOSTILE])
def test_hostile_files_are_refused_and_nothing_is_stored(member_client, backend, data, name,
                                                        said):
    response = send(member_client, data, name, alt="x")
    assert response.status_code == 422
    assert said in " ".join(response.get_json()["errors"])
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 0


def test_the_form_without_javascript_shows_the_markdown_or_the_refusal(member_client, app):
    page = member_client.get("/files/upload")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    done = send(member_client, samples.pdf(), "Induction checklist.pdf", json=False)
    assert done.status_code == 200
    assert "[Induction checklist.pdf](/files/" in done.text
    refused = send(member_client, samples.SVG, "logo.svg", json=False)
    assert refused.status_code == 422
    assert "SVG images are not accepted" in refused.text and "error-summary" in refused.text


def test_an_image_needs_a_description_or_the_decorative_mark(member_client, app):
    refused = send(member_client, samples.image("PNG"), "plan.png")
    assert refused.status_code == 422
    assert "Describe the image" in refused.get_json()["errors"][0]
    decorative = send(member_client, samples.image("PNG"), "border.png", decorative=True)
    assert decorative.get_json()["markdown"].startswith("![](/files/")


def test_a_gif_script_polyglot_is_stored_as_an_image_without_the_script(member_client, app):
    body = send(member_client, samples.GIF_JS_POLYGLOT, "x.js", alt="Dots").get_json()
    assert body["name"] == "x.gif"
    served = fetch(member_client, body["url"])
    assert served.headers["Content-Type"] == "image/gif" and b"alert" not in served.data


def test_a_pdf_with_javascript_is_only_ever_a_download(member_client, app):
    body = send(member_client, samples.pdf(javascript=True), "form.pdf").get_json()
    served = fetch(member_client, body["url"])
    assert served.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in served.headers["Content-Security-Policy"]


def test_names_with_traversal_nul_and_rtl_override_are_cleaned(member_client, app):
    body = send(member_client, samples.TEXT, "../../etc/cron\u202etxt.sh\x00.txt").get_json()
    assert body["name"] == "crontxt.sh.txt"
    served = fetch(member_client, body["url"])
    assert "filename*=UTF-8''crontxt.sh.txt" in served.headers["Content-Disposition"]


def test_a_100_mb_upload_is_refused_before_it_is_read(member_client, app):
    class Endless(io.RawIOBase):
        read_total = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            Endless.read_total += len(buffer)
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    from werkzeug.test import EnvironBuilder, run_wsgi_app

    environ = EnvironBuilder(path="/files/upload", method="POST",
                             headers={"Accept": "application/json"}).get_environ()
    cookie = member_client.get_cookie(app.config.get("SESSION_COOKIE_NAME", "session"))
    environ.update({"wsgi.input": Endless(), "CONTENT_LENGTH": str(100 * 1024 * 1024),
                    "CONTENT_TYPE": "multipart/form-data; boundary=x",
                    "HTTP_COOKIE": f"{cookie.key}={cookie.value}"})
    body, status, _headers = run_wsgi_app(app.wsgi_app, environ, buffered=True)
    assert status.startswith("413")
    assert b"Too large" in b"".join(body)
    assert Endless.read_total < 1024 * 1024


def test_the_larger_limit_is_for_the_upload_route_only(member_client, app):
    app.config["MAX_CONTENT_LENGTH"] = 100_000  # (the test client spools larger bodies)
    big = {"body": "x" * 200_000, "title": "Big", "csrf_token": member_client.csrf_token()}
    assert member_client.post("/wiki/new", data=big).status_code == 413
    body = send(member_client, b"y" * 200_000, "big.txt").get_json()
    assert body["ok"]


def test_per_file_and_per_day_limits(member_client, app):
    app.config["FILE_MAX_BYTES"] = 5000
    refused = send(member_client, b"z" * 6000, "big.txt")
    assert refused.status_code in (413, 422)
    app.config["FILE_MAX_BYTES"] = 20_000
    app.config["FILE_DAILY_BYTES"] = 25_000
    assert send(member_client, b"a" * 15_000, "one.txt").status_code == 200
    over = send(member_client, b"b" * 15_000, "two.txt")
    assert over.status_code == 429 and "in a day" in over.get_json()["errors"][0]


def test_uploading_needs_a_signed_in_member_and_a_csrf_token(client, member_client, app):
    assert fetch(client, "/files/upload").status_code == 302
    response = member_client.post("/files/upload", data={"file": (io.BytesIO(b"hi"), "a.txt")},
                                  content_type="multipart/form-data")
    assert response.status_code == 400
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 0


def test_unknown_and_malformed_addresses_are_404(client, app):
    assert fetch(client, "/files/" + "0" * 64 + "/x.png").status_code == 404
    assert fetch(client, "/files/not-a-hash/x.png").status_code == 404
    assert fetch(client, "/files/../../etc/passwd").status_code == 404
