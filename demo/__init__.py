"""The demo community as data, read by the demo loaders behind `flask demo load`.

    members.toml            the members (core/demo.py)
    articles/<name>/        an article: article.toml, and 01.md, 02.md ... the full text
                            after each revision (wiki/demo.py)
    workgroups.toml         the workgroups (community/demo.py)
    questions/<name>/       a thread: thread.toml, question.md, answer-1.md ...
                            (community/demo.py)
    desk.toml               collections, features and a review mark (editors/demo.py)
    orgs.toml               organisations, consortium memberships and the members'
                            affiliations (orgs/demo.py)

Dates are offsets back from the moment the demo is loaded. The files are package data
(see pyproject.toml), found beside this module in an installed copy as in a checkout.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def manifest(path: str | Path) -> dict:
    """A TOML file of the demo, `path` relative to this folder (or absolute)."""
    return tomllib.loads((FOLDER / path).read_text(encoding="utf-8"))


def folders(kind: str) -> list[Path]:
    """The folders under `kind` (articles, questions), by name."""
    return sorted(path for path in (FOLDER / kind).iterdir() if path.is_dir())
