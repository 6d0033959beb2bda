"""Our own exceptions: services raise them, views turn them into messages or pages."""

from __future__ import annotations


class CommonplaceError(Exception):
    """Base: carries a message a member can read."""

    def __init__(self, message: str = "", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(CommonplaceError):
    """Input that cannot be accepted; `field` names the form field at fault."""


class PermissionDenied(CommonplaceError):
    """The person may not do this."""


class NotFound(CommonplaceError):
    """The thing asked for does not exist (or is hidden from this person)."""


class RateLimited(CommonplaceError):
    """Too much, too fast."""
