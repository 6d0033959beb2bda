"""The upload form (its CSRF token is checked by the view, after the size limit is raised)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField


class UploadForm(FlaskForm):
    class Meta:
        csrf = False  # checked in files.views.upload once the larger limit is in place

    file = FileField("File to upload",
                     description="An image (PNG, JPEG, GIF, WebP) or a document (PDF, Word, "
                                 "Excel, PowerPoint, OpenDocument, CSV, plain text).")
    alt = StringField("Description of the image (alt text)",
                      description="What the image shows that matters to the text, for people "
                                  "who cannot see it. Not needed for documents.",
                      render_kw={"maxlength": 500, "autocomplete": "off"})
    decorative = BooleanField("The image is decorative: it adds nothing to the text")
