"""Hostile dumps: malformed XML, XML bombs, a page with 50,000 revisions."""

from __future__ import annotations

import io
import os
import resource
import time
import tracemalloc

import pytest
from sqlalchemy import func, select

from core.extensions import db
from tests.transfer.conftest import HEADER, page_xml, revision_xml, run_import
from transfer.dump import DumpError, DumpReader, DumpRefused, revisions
from transfer.spool import _Spool
from wiki.models import Article

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<mediawiki version="0.11"><siteinfo><sitename>x</sitename></siteinfo>
<page><title>Bomb</title><ns>0</ns><id>1</id><revision><id>1</id>
<timestamp>2020-01-01T00:00:00Z</timestamp><contributor><username>A</username><id>1</id>
</contributor><text>&lol3;</text></revision></page></mediawiki>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE m [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<mediawiki version="0.11"><siteinfo></siteinfo><page><title>X</title><ns>0</ns><id>1</id>
<revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp><contributor><ip>1.2.3.4</ip>
</contributor><text>&secret;</text></revision></page></mediawiki>"""


@pytest.mark.parametrize("data", [BOMB, EXTERNAL, BOMB.decode().encode("utf-16")],
                         ids=["billion-laughs", "external-entity", "utf-16-bomb"])
def test_an_xml_bomb_is_refused_before_parsing(app, data):
    with pytest.raises(DumpRefused, match="DOCTYPE or entities"):
        run_import(data)
    assert db.session.scalar(select(func.count()).select_from(Article)) == 0


def test_malformed_xml_keeps_earlier_pages_and_nothing_of_the_broken_one(app):
    good = page_xml("Loans", 1, [revision_xml(10, "Fine.")])
    broken = ("<page><title>Broken</title><ns>0</ns><id>2</id>"
              + revision_xml(20, "First revision is whole.")
              + "<revision><id>21</id><timestamp>2020-01-02T00:00:00Z</timestamp>"
              "<text>never closed</revision></page></mediawiki>")
    with pytest.raises(DumpError, match=r"not well-formed XML \(line \d+"):
        run_import((HEADER + good + broken).encode())
    db.session.rollback()
    assert db.session.scalars(select(Article.title)).all() == ["Loans"]


def test_not_a_mediawiki_export_is_a_clear_error(app):
    with pytest.raises(DumpError, match="not a MediaWiki export"):
        run_import(b"<html><body>hello</body></html>")


class _GeneratedDump(io.RawIOBase):
    """A dump of one page with `count` revisions, made as it is read: never held whole."""

    def __init__(self, count: int):
        self.parts = self._parts(count)
        self.buffer = b""

    def _parts(self, count):
        yield (HEADER + "<page><title>Busy page</title><ns>0</ns><id>1</id>\n").encode()
        for number in range(1, count + 1):  # as few elements as a revision may have
            yield (f"<revision><id>{number}</id><timestamp>20{10 + number // 10000:02d}-01-01"
                   f"T00:00:00Z</timestamp><contributor><ip>10.0.0.{number % 7}</ip>"
                   f"</contributor><text>Edit {number} of the busy page.</text></revision>\n"
                   ).encode()
        yield b"</page></mediawiki>\n"

    def readable(self):
        return True

    def readinto(self, target):
        while len(self.buffer) < len(target):
            try:
                self.buffer += next(self.parts)
            except StopIteration:
                break
        size = min(len(target), len(self.buffer))
        target[:size] = self.buffer[:size]
        self.buffer = self.buffer[size:]
        return size


@pytest.mark.skipif(bool(os.environ.get("TEST_DATABASE_URL")),
                    reason="reads no rows: run once, in the SQLite run")
def test_a_50000_revision_page_is_streamed_in_bounded_memory(app):
    """The dump (~7 MB of XML) is made as it is read; its page's texts are spooled to
    disk. Peak memory is measured by tracemalloc over the first 5,000 revisions (it slows
    every allocation), and by the process's peak for all 50,000."""
    count = 50_000
    reader = DumpReader(_GeneratedDump(count))
    pages = reader.pages()
    page = next(pages)
    tracemalloc.start()
    spool = _Spool()
    stream = revisions(page)
    for order, revision in zip(range(5_000), stream, strict=False):
        spool.add(revision, order)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    for order, revision in enumerate(stream, start=5_000):
        spool.add(revision, order)
    grew_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert len(spool.items) == count and spool.text(spool.items[-1]).endswith("busy page.")
    assert grew_kb < 64 * 1024, grew_kb  # well under what the whole page as a tree takes
    assert time.monotonic() - started < 120
    spool.close()
    reader.close()
