"""Citations of an article's revision in APA, MLA, Chicago and BibTeX, for "Cite this
article": built from plain values, so the same revision always cites the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec.")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                  "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class Source:
    title: str
    authors: tuple[str, ...]  # the lead authors, in byline order; empty: the community
    site: str
    date: datetime            # when the revision was saved
    url: str                  # the revision's permanent link
    revision: int


@dataclass(frozen=True)
class Citation:
    style: str
    parts: tuple[tuple[str, bool], ...]  # (text, in italics)

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)


def _and(names: tuple[str, ...], last: str, serial: bool = True) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} {last} {names[1]}"
    return ", ".join(names[:-1]) + ("," if serial else "") + f" {last} {names[-1]}"


def _end(text: str) -> str:
    """A sentence's full stop, not doubled after a title that ends in one."""
    return text if text.endswith((".", "?", "!")) else text + "."


def apa(source: Source) -> Citation:
    day = f"{source.date.year}, {MONTHS[source.date.month - 1]} {source.date.day}"
    if source.authors:
        return Citation("APA", ((f"{_end(_and(source.authors, '&'))} ({day}). ", False),
                                (_end(source.title), True),
                                (f" {source.site}. {source.url}", False)))
    return Citation("APA", ((_end(source.title), True),
                            (f" ({day}). {source.site}. {source.url}", False)))


def mla(source: Source) -> Citation:
    day = f"{source.date.day} {MLA_MONTHS[source.date.month - 1]} {source.date.year}"
    if len(source.authors) > 2:
        who = f"{source.authors[0]}, et al. "
    elif source.authors:
        who = _end(_and(source.authors, "and")) + " "
    else:
        who = ""
    return Citation("MLA", ((f"{who}\u201c{_end(source.title)}\u201d ", False),
                            (source.site, True),
                            (f", {day}, {source.url}.", False)))


def chicago(source: Source) -> Citation:
    day = f"{MONTHS[source.date.month - 1]} {source.date.day}, {source.date.year}"
    who = _end(_and(source.authors, "and")) + " " if source.authors else ""
    return Citation("Chicago", ((f"{who}\u201c{_end(source.title)}\u201d {source.site}. "
                                 f"{day}. {source.url}.", False),))


def bibtex_escape(text: str) -> str:
    """Text safe inside a BibTeX field: LaTeX's special characters escaped."""
    return "".join(BIBTEX_SPECIAL.get(character, character) for character in text)


def bibtex_key(source: Source) -> str:
    first = source.authors[0].split()[-1] if source.authors else source.site
    word = next(iter(re.findall(r"\w+", source.title, re.ASCII)), "article")
    return re.sub(r"\W", "", f"{first}{source.date.year}{word}".lower(), flags=re.ASCII) \
        or f"article{source.date.year}"


def bibtex(source: Source) -> Citation:
    authors = " and ".join("{" + bibtex_escape(name) + "}" for name in source.authors)
    fields = [("author", authors or "{" + bibtex_escape(source.site) + " contributors}"),
              ("title", "{" + bibtex_escape(source.title) + "}"),
              ("howpublished", bibtex_escape(source.site)),
              ("year", str(source.date.year)),
              ("month", MONTHS[source.date.month - 1][:3].lower()),
              ("note", f"Revision {source.revision} of {source.date:%Y-%m-%d}"),
              ("url", source.url.replace("%", r"\%").replace("#", r"\#"))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return Citation("BibTeX", ((f"@misc{{{bibtex_key(source)},\n{body}\n}}", False),))


def cite(source: Source) -> list[Citation]:
    return [apa(source), mla(source), chicago(source), bibtex(source)]
