"""Files in chat replies: the upload form beside the reply field, the reply's files
recorded as its uses, alt text required, and a hidden reply's files unknown to others."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from chats import live
from core.errors import ValidationFailed
from core.extensions import db
from files.models import FileUse
from files.uploads import Upload, file_url, markdown_for, upload
from tests.chats.conftest import DURING
from tests.files import samples
from tests.files.conftest import fetch


def test_a_reply_uses_an_image_and_hiding_it_hides_the_image(
        app, client, member, editor, member_client, editor_client, other_client, chat, clock):
    clock.set(DURING)
    photo = upload(member, Upload(io.BytesIO(samples.image("PNG")), "corner.png",
                                  alt="Our craft corner"))
    db.session.commit()
    page = member_client.get(f"/chats/{chat.id}").get_data(as_text=True)
    assert 'data-upload-form="body-intro"' in page  # the upload form beside the field
    url = file_url(photo)
    with pytest.raises(ValidationFailed, match="no description"):
        live.post_reply(member, chat, f"Here: ![]({url})")
    db.session.rollback()
    reply = live.post_reply(member, chat, f"Here: {markdown_for(photo)}")
    db.session.commit()
    assert db.session.execute(select(FileUse.kind, FileUse.object_id)).all() == [
        ("chat_reply", reply.id)]
    assert 'alt="Our craft corner"' in reply.html
    assert fetch(client, url).status_code == 200
    live.hide_reply(editor, reply, "Off topic")
    db.session.commit()
    assert fetch(client, url).status_code == 404
    assert fetch(other_client, url).status_code == 404
    assert fetch(editor_client, url).status_code == 200
    assert fetch(member_client, url).status_code == 200  # its uploader
    live.hide_reply(editor, reply, "", hidden=False)
    db.session.commit()
    assert fetch(client, url).status_code == 200


def test_replies_without_files_record_no_uses(app, member, chat, clock):
    clock.set(DURING)
    live.post_reply(member, chat, "Hello from Riverside, see /files/ later")
    db.session.commit()
    assert db.session.scalar(select(FileUse.sha256)) is None
