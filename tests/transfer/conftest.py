"""Dumps for the transfer tests: the shared real ones, and small ones written here."""

from __future__ import annotations

import io
import os
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from core.extensions import db

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mediawiki"
HEADER = ('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" '
          'xml:lang="en">\n<siteinfo><sitename>Practice Wiki</sitename>'
          '<dbname>practicewiki</dbname><base>https://wiki.example.org/wiki/Main_Page</base>'
          '<namespaces><namespace key="0" case="first-letter" />'
          '<namespace key="1" case="first-letter">Talk</namespace>'
          '<namespace key="6" case="first-letter">File</namespace>'
          '<namespace key="10" case="first-letter">Template</namespace>'
          '<namespace key="14" case="first-letter">Category</namespace>'
          '</namespaces></siteinfo>\n')


def shared_dumps() -> list[Path]:
    """The real dumps in ../shared/data/mediawiki (skip without them, unless CI=true)."""
    if not SHARED.is_dir() or not any(SHARED.iterdir()):
        if os.environ.get("CI") == "true":
            raise AssertionError(f"The shared MediaWiki dumps are missing from {SHARED}.")
        pytest.skip(f"The shared MediaWiki dumps are not here ({SHARED}).")
    return sorted(SHARED.iterdir())


def revision_xml(rev_id: int, text: str, *, user: str | None = "Ada", user_id: int = 1,
                 ip: str | None = None, stamp: str = "2020-01-01T00:00:00Z",
                 comment: str = "") -> str:
    who = (f"<ip>{escape(ip)}</ip>" if ip else
           f"<username>{escape(user)}</username><id>{user_id}</id>")
    return (f"<revision><id>{rev_id}</id><timestamp>{stamp}</timestamp>"
            f"<contributor>{who}</contributor><comment>{escape(comment)}</comment>"
            f"<model>wikitext</model><format>text/x-wiki</format>"
            f'<text xml:space="preserve">{escape(text)}</text></revision>\n')


def page_xml(title: str, page_id: int, revisions: list[str], ns: int = 0) -> str:
    return (f"<page><title>{escape(title)}</title><ns>{ns}</ns><id>{page_id}</id>\n"
            + "".join(revisions) + "</page>\n")


def dump_bytes(*pages: str) -> bytes:
    return (HEADER + "".join(pages) + "</mediawiki>\n").encode("utf-8")


def run_import(data: bytes, **options):
    from transfer.importing import import_dump

    options.setdefault("commit", db.session.commit)
    return import_dump(io.BytesIO(data), **options)
