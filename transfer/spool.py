"""A page's revisions as read from a dump: their metadata in memory, their text in a
temporary file (so a page of 50,000 revisions is never held in memory whole); and the
cleaning every imported text and summary gets."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime

from core.text import _pattern as _refused_characters
from core.timeutil import utcnow


@dataclass
class _Spooled:
    wiki_id: int
    timestamp: datetime
    username: str | None
    user_id: int | None
    comment: str
    offset: int
    length: int
    order: int


class _Spool:
    """A page's revisions: their metadata in memory, their text in a temporary file."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.items: list[_Spooled] = []

    def add(self, revision, order: int) -> None:
        data = (revision.text or "").encode("utf-8", "surrogatepass")
        offset = self.file.seek(0, 2)
        self.file.write(data)
        user = revision.user
        stamp = revision.timestamp
        moment = (datetime.fromtimestamp(stamp.unix(), UTC).replace(tzinfo=None)
                  if stamp is not None else utcnow())
        self.items.append(_Spooled(
            wiki_id=int(revision.id), timestamp=moment,
            username=getattr(user, "text", None), user_id=getattr(user, "id", None),
            comment=" ".join((revision.comment or "").split()), offset=offset,
            length=len(data), order=order))

    def text(self, item: _Spooled) -> str:
        self.file.seek(item.offset)
        return self.file.read(item.length).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self.file.close()


def _clean(text: str) -> str:
    """What check_text would refuse (control characters) removed, line ends unified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _refused_characters(True).sub("", text)


def _single_line(text: str, limit: int) -> str:
    return _refused_characters(False).sub("", " ".join((text or "").split()))[:limit]
