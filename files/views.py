"""Upload (a page that works without JavaScript, and JSON for the editor's script) and
serving: files come from /files/<sha256>/<name> with headers that stop them running in
the site's origin."""

from __future__ import annotations

import re
from urllib.parse import quote

from flask import Response, abort, current_app, jsonify, render_template, request
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wsgi import wrap_file

from core import permissions
from core.edge import attempt
from core.extensions import csrf, db
from files import bp, uses
from files.forms import UploadForm
from files.models import FileVariant, StoredFile
from files.storage import SHA_RE, get_storage
from files.uploads import Upload, file_url, human_size, markdown_for, upload

# The upload route alone accepts a request this much larger than its file limit (the
# form's other fields); every other route keeps MAX_CONTENT_LENGTH.
FORM_OVERHEAD = 64 * 1024
YEAR = 365 * 24 * 3600
# A file is a document of its own, never part of the site: no script, no plugin, no form,
# not even same-origin (sandbox), whatever a browser makes of its bytes.
FILE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def _wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) \
        == "application/json"


def _json_refusal(error):
    return jsonify(ok=False, errors=[message for _field, message in error.errors]), 403


@bp.route("/files/upload", methods=["GET", "POST"])
@csrf.exempt  # checked below, once the body may be as large as a file
def upload_page():
    if request.method == "POST":
        request.max_content_length = current_app.config["FILE_MAX_BYTES"] + FORM_OVERHEAD
        csrf.protect()
    permissions.require_member(current_user, "Please sign in to upload files.")
    form = UploadForm()
    if request.method == "GET" or not form.is_submitted():
        return render_template("files/upload.html", form=form)
    sent = request.files.get("file")
    if sent is None or not sent.filename:
        form.file.errors = ["Choose a file to upload."]
        return _refused(form, ["Choose a file to upload."], 422)
    item = Upload(stream=sent.stream, filename=sent.filename, alt=form.alt.data or "",
                  decorative=bool(form.decorative.data))
    outcome = attempt(lambda: upload(current_user, item), form,
                      denied=_json_refusal if _wants_json() else None)
    if not outcome.done:
        messages = [message for _field, message in outcome.error.errors] if outcome.error \
            else ["Not uploaded yet: the site was busy. Send the file again."]
        return _refused(form, messages, outcome.status)
    record = outcome.value
    if _wants_json():
        return jsonify(ok=True, markdown=markdown_for(record), url=file_url(record),
                       name=record.name, image=record.is_image, size=human_size(record.size),
                       alt=record.alt, decorative=record.decorative)
    return render_template("files/uploaded.html", record=record,
                           markdown=markdown_for(record), form=UploadForm(formdata=None))


def _refused(form, messages: list[str], status: int):
    if _wants_json():
        return jsonify(ok=False, errors=messages), status
    return render_template("files/upload.html", form=form), status


def _find(sha: str) -> tuple[StoredFile, str, int] | None:
    """The record of the file whose bytes (or a smaller size of whose image) are `sha`,
    the hash of the original, and the size of the bytes served."""
    record = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == sha)
                               .order_by(StoredFile.id).limit(1))
    if record is not None:
        return record, sha, record.size
    variant = db.session.scalar(select(FileVariant).where(FileVariant.sha256 == sha).limit(1))
    if variant is None:
        return None
    record = db.session.scalar(select(StoredFile).where(
        StoredFile.sha256 == variant.original_sha256).order_by(StoredFile.id).limit(1))
    return (record, variant.original_sha256, variant.size) if record else None


def _disposition(kind: str, name: str) -> str:
    fallback = re.sub(r'[^A-Za-z0-9 ._()-]', "_", name) or "file"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@bp.get("/files/<sha>/<path:name>")
def serve(sha: str, name: str):
    if not SHA_RE.match(sha):
        abort(404)
    found = _find(sha)
    if found is None:
        abort(404)
    record, original, size = found
    public = uses.used_visibly(original)
    if not public and not uses.may_fetch(current_user, original):
        abort(404)  # hidden content's files are unknown, as the content is
    media_type = record.media_type
    if media_type.startswith("text/"):
        media_type += "; charset=utf-8"
    headers = {
        "ETag": f'"{sha}"',
        "Cache-Control": f"{'public' if public else 'private'}, max-age={YEAR}, immutable",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": FILE_CSP,
        "Cross-Origin-Resource-Policy": "same-origin",
        "Content-Disposition": _disposition(
            "inline" if record.media_type in INLINE_TYPES else "attachment", record.name),
        "Vary": "Cookie",
    }
    if sha in _etags(request.headers.get("If-None-Match", "")):
        return Response(status=304, headers=headers)
    try:
        stream = get_storage().open(sha)
    except FileNotFoundError:
        current_app.logger.error("file %s is recorded but not stored", sha)
        abort(404)
    response = Response(wrap_file(request.environ, stream), mimetype=None,
                        headers=headers, direct_passthrough=True)
    response.headers["Content-Type"] = media_type
    response.headers["Content-Length"] = str(size)
    return response


def _etags(value: str) -> set[str]:
    return {tag.strip().removeprefix("W/").strip('"') for tag in value.split(",")
            if tag.strip()}
