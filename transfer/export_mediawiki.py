"""`flask export mediawiki OUT.xml`: every visible article with its full history, in
MediaWiki's export format (schema 0.11), its text converted back to wikitext, so the
content can move to a MediaWiki again (Special:Import or importDump.php)."""

from __future__ import annotations

import hashlib
from datetime import UTC
from xml.sax.saxutils import escape

from flask import current_app
from sqlalchemy import select

from core.extensions import db
from transfer.exporting import Names, licence, slug_titles, visible_articles
from transfer.to_wikitext import html_to_wikitext
from wiki.models import Revision

NS = "http://www.mediawiki.org/xml/export-0.11/"


def _base36_sha1(text: str) -> str:
    number = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)  # noqa: S324 - MW's
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(31, "0")


def _stamp(moment) -> str:
    return moment.replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_mediawiki_xml(handle) -> tuple[int, int]:
    """Write the export to a binary file; returns (articles, revisions)."""
    name, url = licence()
    titles = slug_titles()
    names = Names()
    base = (current_app.config.get("SITE_URL") or "http://localhost").rstrip("/") + "/wiki/"

    def write(text: str) -> None:
        handle.write(text.encode("utf-8"))

    write('<?xml version="1.0" encoding="UTF-8"?>\n')
    write(f"<!-- Articles of this site, under the licence {escape(name)} ({escape(url)}). "
          "Each revision names its author. -->\n")
    write(f'<mediawiki xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          f'xsi:schemaLocation="{NS} http://www.mediawiki.org/xml/export-0.11.xsd" '
          'version="0.11" xml:lang="en">\n')
    write("  <siteinfo>\n    <sitename>Commonplace</sitename>\n    <dbname>commonplace"
          f"</dbname>\n    <base>{escape(base)}</base>\n    <generator>Commonplace export"
          "</generator>\n    <case>first-letter</case>\n    <namespaces>\n"
          '      <namespace key="0" case="first-letter" />\n'
          '      <namespace key="1" case="first-letter">Talk</namespace>\n'
          '      <namespace key="14" case="first-letter">Category</namespace>\n'
          "    </namespaces>\n  </siteinfo>\n")
    pages = revisions = 0
    for article in visible_articles():
        pages += 1
        write(f"  <page>\n    <title>{escape(article.title)}</title>\n    <ns>0</ns>\n"
              f"    <id>{article.id}</id>\n")
        categories = "".join(f"\n[[Category:{tag.name}]]" for tag in article.tags)
        rows = db.session.execute(
            select(Revision.id, Revision.number, Revision.author_id, Revision.created_at,
                   Revision.summary, Revision.html, Revision.suppressed_at)
            .where(Revision.article_id == article.id).order_by(Revision.number)).all()
        parent = None
        for row in rows:
            revisions += 1
            text = html_to_wikitext(row.html, titles.get)
            if row.number == rows[-1].number:
                text = text.rstrip("\n") + ("\n" + categories if categories else "") + "\n"
            write(f"    <revision>\n      <id>{row.id}</id>\n")
            if parent is not None:
                write(f"      <parentid>{parent}</parentid>\n")
            write(f"      <timestamp>{_stamp(row.created_at)}</timestamp>\n"
                  f"      <contributor>\n        <username>{escape(names(row.author_id))}"
                  f"</username>\n        <id>{row.author_id}</id>\n      </contributor>\n")
            if row.summary:
                write(f"      <comment>{escape(row.summary)}</comment>\n")
            write("      <model>wikitext</model>\n      <format>text/x-wiki</format>\n")
            if row.suppressed_at is not None:
                write('      <text deleted="deleted" />\n')
            else:
                size = len(text.encode("utf-8"))
                write(f'      <text bytes="{size}" xml:space="preserve">{escape(text)}</text>\n'
                      f"      <sha1>{_base36_sha1(text)}</sha1>\n")
            write("    </revision>\n")
            parent = row.id
        write("  </page>\n")
    write("</mediawiki>\n")
    return pages, revisions
