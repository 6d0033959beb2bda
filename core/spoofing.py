"""Text that pretends to be something else: look-alike names and bidirectional controls.

`skeleton(text)` is Unicode's confusable skeleton (UTS #39, section 4: NFD, each
character replaced by its prototype from the confusables table, NFD again), folded
further so that names a reader cannot tell apart get one key:

- case (casefold, then the skeleton again, since "I" and "l" are one prototype but "i"
  is another);
- "i" with "l" (and so with "I", "1", "|", which the table already maps to "l"): in most
  fonts "agnes.admin" and "agnes.admln" differ by a pixel, and UTS #39 keeps them apart;
- runs of white space, and invisible format characters (zero-width space, joiners).

The table is the one the confusable-homoglyphs package ships (confusables.json, built
from Unicode's confusables.txt). It lists, for each prototype, the characters that map
to it, and for each of those, the prototype; `_table` turns it back into the one-way
mapping of confusables.txt.

`check_no_bidi_controls(text, field, what)` refuses the characters that reorder text
around them (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C): in a title or a
name they make what a reader sees differ from what was typed.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources

from core.errors import ValidationFailed

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                          "\u200e\u200f\u061c")
SKELETON_MAX = 255  # stored and indexed; a longer skeleton is compared by its start
_DIRECTION_MARKS = str.maketrans("", "", "\u200e\u200f")


def has_bidi_controls(text: str) -> bool:
    return any(char in BIDI_CONTROLS for char in text or "")


def check_no_bidi_controls(text: str, field: str | None = None, what: str = "This") -> str:
    """Refuse text holding a bidirectional override, embedding, isolate or mark."""
    if has_bidi_controls(text):
        raise ValidationFailed(
            f"{what} contains an invisible character that reverses the direction of the "
            "text around it (a bidirectional control). Type it again without it.", field)
    return text


@cache
def _table() -> dict[str, str]:
    """Each confusable character -> its prototype (one or more characters)."""
    raw = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json")
                     .read_text(encoding="utf-8"))
    # The package wraps right-to-left characters in LEFT-TO-RIGHT MARKs for display.
    groups: dict[str, set[str]] = {}
    for key, entries in raw.items():
        key = key.translate(_DIRECTION_MARKS)
        groups.setdefault(key, set()).update(entry["c"].translate(_DIRECTION_MARKS)
                                             for entry in entries)
    table: dict[str, str] = {}
    for key, others in groups.items():
        if len(key) != 1 or len(others) != 1:
            continue  # a prototype: it lists what maps to it (sources are one character)
        (other,) = others
        if len(other) > 1 or len(groups.get(other, ())) > 1:
            table[key] = other  # `other` is the prototype
        elif other != key:
            # Two characters that only map to each other: either may be the prototype;
            # any consistent choice gives equal skeletons.
            table[max(key, other)] = min(key, other)
    return table


def _uts39(text: str) -> str:
    table = _table()
    text = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", "".join(table.get(char, char) for char in text))


def skeleton(text: str) -> str:
    """The key under which look-alike names are equal (see the module's docstring)."""
    text = "".join(char for char in text or "" if unicodedata.category(char) != "Cf")
    text = " ".join(text.split())
    text = _uts39(_uts39(text).casefold())
    return text.replace("i", "l")[:SKELETON_MAX]
