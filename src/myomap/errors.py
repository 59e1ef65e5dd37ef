"""The exceptions myomap raises, in one small tree.

    MyomapError
    ├── AtlasError      the knowledge base cannot be loaded or is inconsistent
    ├── EvidenceError   a request names an unknown region or finding, or a value is out of range
    ├── NotFound        a muscle, region or entry that does not exist (or is not yours)
    ├── NotSignedIn     server mode: this needs an account, and none was given
    ├── Forbidden       signed in, but this role may not do it
    ├── Conflict        the thing exists already (an email taken)
    └── TooManyRequests a rate limit was hit; ``retry_after`` says when to try again

Every error carries a message meant for the person who made the mistake: it says what
was wrong and how to fix it. The CLI and the web app each have one handler that renders
these errors; nothing else catches them.
"""

from __future__ import annotations

__all__ = [
    "AtlasError",
    "Conflict",
    "EvidenceError",
    "Forbidden",
    "MyomapError",
    "NotFound",
    "NotSignedIn",
    "TooManyRequests",
]


class MyomapError(Exception):
    """Base class of every error myomap raises on purpose."""

    status: int = 400

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value


class AtlasError(MyomapError):
    """The atlas data is missing, malformed or inconsistent."""

    status = 500


class EvidenceError(MyomapError):
    """The evidence names something unknown or holds a value out of range."""

    status = 422


class NotFound(MyomapError):
    """The thing asked for does not exist."""

    status = 404


class NotSignedIn(MyomapError):
    """Server mode: the request carries no valid session or token."""

    status = 401


class Forbidden(MyomapError):
    """The account is signed in, but its role may not do this."""

    status = 403


class Conflict(MyomapError):
    """The thing to create exists already."""

    status = 409


class TooManyRequests(MyomapError):
    """Too many attempts: try again after ``retry_after`` seconds."""

    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, field="rate_limit", value=retry_after)
        self.retry_after = max(1, retry_after)
