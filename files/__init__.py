"""Images and attachments in articles, questions and answers: upload (files/views.py),
storage behind one interface (files/storage.py), serving from a path of their own with
headers that stop them running in the site's origin, uses by content (files/uses.py), text
extraction for search (files/extract.py), `flask files prune` and `check`."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("files", __name__)


def init_files(app: Flask) -> None:
    from core import signals
    from files import display, extract, uses, views  # noqa: F401 - its routes
    from files.cli import files_cli
    from files.storage import BackupFiles, storage_for

    storage_for(app.config)  # an unknown FILE_STORAGE stops the app at start
    app.register_blueprint(bp)
    app.extensions["backup.files"] = BackupFiles()
    signals.connect(app, signals.article_saved, uses.on_article_saved)
    signals.connect(app, signals.content_changed, uses.on_content_changed)
    signals.connect(app, signals.checking_post, uses.on_checking_post)
    extract.install(app)
    app.extensions.setdefault("markup.after_render", []).append(display.add_image_sizes)
    app.cli.add_command(files_cli)
    app.jinja_env.globals["file_attachments"] = uses.attachments
    app.jinja_env.filters["file_size"] = _size
    app.jinja_env.filters["file_kind"] = _kind
    app.jinja_env.globals["new_upload_form"] = _new_upload_form

    @app.context_processor
    def upload_limits():
        return {"file_max_bytes": app.config["FILE_MAX_BYTES"]}


def _size(size: int) -> str:
    from files.uploads import human_size

    return human_size(size)


def _kind(media_type: str) -> str:
    from files.sniffing import KINDS

    kind = KINDS.get(media_type)
    return kind.label if kind else media_type


def _new_upload_form():
    from files.forms import UploadForm

    return UploadForm(formdata=None)
