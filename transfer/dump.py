"""Reading a MediaWiki XML dump as a stream: compressed or not, UTF-8 or UTF-16, export
schema 0.3 to 0.11, one page at a time (mwxml), never the whole file in memory.

A dump is refused before any of it is parsed when its prolog declares a DOCTYPE or an
entity: MediaWiki never writes one, and entity expansion is how an XML bomb ("billion
laughs", external entities) works. The check reads the bytes before the root element,
which is the only place XML allows a DTD, so nothing after it needs checking.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

import mwxml
from mwxml.element_iterator import ElementIterator
from mwxml.errors import MalformedXML
from mwxml.iteration.dump import Dump
from mwxml.iteration.site_info import SiteInfo

from core.errors import CommonplaceError

PROLOG_MAX = 64 * 1024  # the bytes before <mediawiki ...> that we look at (and allow)


class DumpError(CommonplaceError):
    """The dump cannot be read (not XML, not a MediaWiki export, or refused)."""


class DumpRefused(DumpError):
    """The dump declares a DOCTYPE or entities: a possible XML bomb, never read."""


def _encoding(head: bytes) -> str:
    if head.startswith(b"\xff\xfe") or head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(b"\xfe\xff") or head.startswith(b"\x00<"):
        return "utf-16-be"
    return "utf-8"


class GuardedStream(io.RawIOBase):
    """A binary stream that checks its own prolog before handing out a byte, and adds an
    empty <siteinfo> when a dump has none (some tools write pages alone)."""

    def __init__(self, raw):
        super().__init__()
        self.raw = raw
        self.pending = self._checked_head()

    def _checked_head(self) -> bytes:
        head = b""
        while len(head) < PROLOG_MAX:
            chunk = self.raw.read(PROLOG_MAX - len(head))
            if not chunk:
                break
            head += chunk
        encoding = _encoding(head)
        text = head.decode(encoding, errors="ignore")
        root = text.find("<mediawiki")
        prolog = text if root < 0 else text[:root]
        upper = prolog.upper()
        if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
            raise DumpRefused("This file declares a DOCTYPE or entities, which a MediaWiki "
                              "export never does and an XML bomb needs: it was not read.")
        if root < 0:
            raise DumpError("This is not a MediaWiki export: no <mediawiki> element at its "
                            "start.")
        if "<siteinfo" not in text:
            close = text.find(">", root)
            if close > 0 and "<page" in text:
                # The characters up to the end of the start tag, as bytes (a BOM is one).
                split = len(text[:close + 1].encode(encoding))
                insert = "<siteinfo></siteinfo>".encode(encoding)
                head = head[:split] + insert + head[split:]
        return head

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.pending:
            size = min(len(buffer), len(self.pending))
            buffer[:size] = self.pending[:size]
            self.pending = self.pending[size:]
            return size
        data = self.raw.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_raw(path: str | os.PathLike):
    """The dump's bytes, decompressed by its extension (.bz2, .gz)."""
    name = os.fspath(path)
    if name.endswith(".bz2"):
        return bz2.open(name, "rb")
    if name.endswith(".gz"):
        return gzip.open(name, "rb")
    return open(name, "rb")  # noqa: SIM115 - closed by the caller


@dataclass
class Site:
    name: str
    dbname: str
    base: str  # the URL of its main page
    namespaces: dict[int, str]

    @property
    def key(self) -> str:
        """What names the source wiki in the import's records (re-runs match on it)."""
        return (self.dbname or self.name or "wiki")[:120]

    @property
    def page_url(self) -> str:
        """Where its pages are: the main page's URL without the page name."""
        base = self.base or ""
        return base.rsplit("/", 1)[0] if "/wiki/" in base or base.count("/") > 2 else base


class DumpReader:
    """Open a dump; `site` describes the wiki, iterating gives mwxml pages (each iterable
    once over its revisions). Errors of the XML become DumpError with a line number."""

    def __init__(self, stream):
        self.stream = GuardedStream(stream)
        try:
            element = ElementIterator.from_file(io.BufferedReader(self.stream, 64 * 1024))
            if element.tag != "mediawiki":
                raise DumpError("This is not a MediaWiki export.")
            self.dump = _dump_from_element(element)
        except ParseError as error:
            raise _parse_error(error) from error
        except MalformedXML as error:
            raise DumpError(f"The dump is not a well-formed MediaWiki export: {error}") \
                from error
        info = self.dump.site_info
        self.site = Site(name=info.name or "", dbname=info.dbname or "", base=info.base or "",
                         namespaces={ns.id: ns.name for ns in info.namespaces or []})

    def pages(self) -> Iterator:
        try:
            yield from self.dump
        except ParseError as error:
            raise _parse_error(error) from error
        except MalformedXML as error:
            raise DumpError(f"The dump is not a well-formed MediaWiki export: {error}") \
                from error

    def close(self) -> None:
        self.stream.close()


def revisions(page) -> Iterator:
    """The revisions of an mwxml page, with XML errors as DumpError."""
    try:
        yield from page
    except ParseError as error:
        raise _parse_error(error) from error
    except MalformedXML as error:
        raise DumpError(f"The dump is not a well-formed MediaWiki export: {error}") from error


def _parse_error(error: ParseError) -> DumpError:
    line, column = getattr(error, "position", (0, 0))
    return DumpError(f"The dump is not well-formed XML (line {line}, column {column}): "
                     f"{error.msg if hasattr(error, 'msg') else error}. Pages before that "
                     "point were imported; that page was not.")


def _dump_from_element(element) -> Dump:
    """mwxml's Dump.from_element, allowing a dump without <siteinfo> (given an empty one
    by GuardedStream, which mwxml reads as a SiteInfo of Nones)."""
    site_info = None
    first_item = None
    for sub_element in element:
        if sub_element.tag == "siteinfo":
            site_info = SiteInfo.from_element(sub_element)
        elif sub_element.tag in ("page", "logitem"):
            first_item = sub_element
            break
        else:
            raise DumpError(f"Unexpected <{sub_element.tag}> in a MediaWiki export.")
    if site_info is None:
        site_info = SiteInfo()
    namespace_map = None
    if site_info.namespaces is not None:
        namespace_map = {namespace.name: namespace for namespace in site_info.namespaces}
    return mwxml.Dump(site_info, Dump.load_items(first_item, element, namespace_map))
