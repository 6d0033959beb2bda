"""Both storage backends, and uploading as a browser (or the editor's script) does."""

from __future__ import annotations

import io

import pytest

from core.extensions import db


@pytest.fixture(params=["filesystem", "database"])
def backend(request, app, tmp_path):
    """Each test that takes it runs once per FILE_STORAGE, with a store of its own."""
    app.config["FILE_STORAGE"] = request.param
    app.config["FILES_DIR"] = str(tmp_path / "store")
    return request.param


def send(client, data: bytes, name: str = "file.bin", *, alt: str = "", decorative=False,
         json: bool = True):
    form = {"file": (io.BytesIO(data), name), "alt": alt,
            "csrf_token": client.csrf_token()}
    if decorative:
        form["decorative"] = "y"
    headers = {"Accept": "application/json"} if json else {"Accept": "text/html"}
    response = client.post("/files/upload", data=form, headers=headers,
                           content_type="multipart/form-data")
    db.session.remove()  # the test's session sees what the request committed
    return response


def fetch(client, url: str, **kwargs):
    """GET, read the body and close the response (a file's stream is closed with it)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response
