"""Our own exceptions: services raise them, views turn them into messages or pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


class CommonplaceError(Exception):
    """Base: carries a message a member can read."""

    def __init__(self, message: str = "", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def errors(self) -> list[tuple[str | None, str]]:
        """Every (field, message) pair; a field of None is about the whole form."""
        return [(self.field, self.message)]


class ValidationFailed(CommonplaceError):
    """Input that cannot be accepted: one problem (`ValidationFailed(message, field)`), or
    several at once (`ValidationFailed(errors=[(field, message), ...])`), so that a form
    shows them all in one pass. `message` and `field` are the first."""

    def __init__(self, message: str = "", field: str | None = None, *,
                 errors: Iterable[tuple[str | None, str]] = ()):
        pairs = list(errors) or [(field, message)]
        super().__init__(pairs[0][1], pairs[0][0])
        self._errors = pairs

    @property
    def errors(self) -> list[tuple[str | None, str]]:
        return list(self._errors)


class Problems:
    """Collects what is wrong with a form's input, so that every field is checked before
    anything is refused: `title = problems.check(clean_title, title)` ... then
    `problems.raise_any()`. A check that fails returns None."""

    def __init__(self) -> None:
        self.errors: list[tuple[str | None, str]] = []

    def check(self, check: Callable[..., T], *args, **kwargs) -> T | None:
        try:
            return check(*args, **kwargs)
        except ValidationFailed as error:
            self.errors.extend(error.errors)
            return None

    def add(self, message: str, field: str | None = None) -> None:
        self.errors.append((field, message))

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationFailed(errors=self.errors)


class PermissionDenied(CommonplaceError):
    """The person may not do this."""


class NotFound(CommonplaceError):
    """The thing asked for does not exist (or is hidden from this person)."""


class RateLimited(CommonplaceError):
    """Too much, too fast."""
