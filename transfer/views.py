"""Pages: the Markdown export download (admins) and claiming placeholders."""

from __future__ import annotations
