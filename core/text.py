"""Which characters member text may hold: one check that every service calls.

`check_text` is the gate for every text field a member sends (titles, bodies, summaries,
tags, names, bios, comments, reasons): it refuses, with a message the form can show, the
characters that have no place in a librarian's text and break what we build from it
(control characters make the Atom feeds invalid XML; a lone surrogate cannot even be
encoded). A new rule about characters (say, bidirectional overrides in titles and names)
is one more entry in `RULES`, and every field gets it.

`strip_unsafe` is the other side: text stored before the check existed may still hold such
characters, so places that must emit valid XML (the feeds) strip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup

from core.errors import ValidationFailed

LINE_BREAKS = "\n\r\t"  # allowed in multi-line text (bodies, bios, notes), nowhere else


@dataclass(frozen=True)
class Rule:
    """A kind of character a field may not hold."""

    chars: str  # the characters, as the inside of a regular-expression class
    name: str  # what the member is told, e.g. "a control character"
    lines_only: bool = False  # True: single-line fields only (titles, names), not bodies


RULES: tuple[Rule, ...] = (
    # Unicode category Cc: C0, DEL and C1.
    Rule("\x00-\x1f\x7f-\x9f", "a control character"),
    # Category Cs: half of a pair, alone; not a character, and no encoding can hold it.
    Rule("\ud800-\udfff", "an unpaired surrogate (a broken character)"),
)


@cache
def _pattern(multiline: bool, rules: tuple[Rule, ...] = RULES) -> re.Pattern:
    classes = "".join(rule.chars for rule in rules if not (multiline and rule.lines_only))
    allowed = "".join(LINE_BREAKS) if multiline else ""
    if allowed:  # everything in the classes except the line breaks
        return re.compile(f"(?![{re.escape(allowed)}])[{classes}]")
    return re.compile(f"[{classes}]")


def _rule_for(char: str) -> Rule:
    return next(rule for rule in RULES if re.match(f"[{rule.chars}]", char))


def check_text(text: str | None, field: str | None = None, what: str = "the text", *,
               multiline: bool = False) -> str:
    """`text` unchanged if it holds only characters we accept; else ValidationFailed.

    Single-line fields (titles, names, tags, summaries, reasons) accept no control
    character at all; multi-line ones (bodies, bios, notes) accept newline, carriage
    return and tab.
    """
    text = text or ""
    found = _pattern(multiline).search(text)
    if found is None:
        return text
    char = found.group()
    raise ValidationFailed(
        f"{what[:1].upper()}{what[1:]} contains {_rule_for(char).name} (U+{ord(char):04X}, "
        f"at character {found.start() + 1}), which we cannot accept. It is usually invisible, "
        "left by a copy and paste: retype that part and send it again.", field)


def strip_unsafe(text: str | None, *, multiline: bool = False) -> str:
    """`text` without the characters `check_text` refuses: for stored text that predates
    the check, where it must be valid XML (feeds)."""
    return _pattern(multiline).sub("", text or "")


def excerpt(html: str | None, limit: int) -> str:
    """Plain text from sanitised HTML, at most `limit` characters, cut at a word boundary
    (with no comma or stop left dangling before the ellipsis)."""
    text = " ".join(Markup(html or "").striptags().split())  # noqa: S704 - made plain
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
