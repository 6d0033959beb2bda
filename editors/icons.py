"""Icons an editor may give a feature instead of an image: drawn here, no upload needed.

Each is a 24x24 outline drawn with `stroke="currentColor"`, so it takes the text colour.
"""

from __future__ import annotations

ICONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "book": ("Open book", ("M2 5c3-1 6-1 10 1v14c-4-2-7-2-10-1z",
                           "M22 5c-3-1-6-1-10 1v14c4-2 7-2 10-1z")),
    "lightbulb": ("Light bulb", ("M9 18h6", "M10 21h4",
                                 "M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 "
                                 "1-2.1A6 6 0 0 0 12 3z")),
    "tools": ("Tools", ("M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 "
                        "2.5-2.4-.6-.6-2.4z",)),
    "people": ("People", ("M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z", "M1 21v-1a6 6 0 0 1 12 0v1",
                          "M16 3.5a4 4 0 0 1 0 7", "M19 21v-1a6 6 0 0 0-3-5.2")),
    "question": ("Question mark", ("M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z",
                                   "M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3", "M12 17h.01")),
    "star": ("Star", ("M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.8L12 17.8 5.8 21l1.2-6.8-5-4.9 "
                      "6.9-1z",)),
    "compass": ("Compass", ("M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20z",
                            "M16.2 7.8l-2.1 6.3-6.3 2.1 2.1-6.3z")),
    "leaf": ("Leaf", ("M11 20A7 7 0 0 1 4 13c0-6 6-9 16-10-1 10-4 16-10 16z",
                      "M4 21c4-6 7-9 11-11")),
    "list": ("Reading list", ("M8 6h13", "M8 12h13", "M8 18h13", "M3 6h.01", "M3 12h.01",
                              "M3 18h.01")),
}


def icon_choices() -> list:
    from wtforms import SelectChoice

    return [SelectChoice("", "No icon"),
            *(SelectChoice(key, label) for key, (label, _paths) in ICONS.items())]
