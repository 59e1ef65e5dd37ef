"""The exceptions myomap raises, in one small tree.

    MyomapError
    ├── AtlasError      the knowledge base cannot be loaded or is inconsistent
    ├── EvidenceError   a request names an unknown region or finding, or a value is out of range
    └── NotFound        a muscle, region or entry that does not exist

Every error carries a message meant for the person who made the mistake: it says what
was wrong and how to fix it. The CLI and the web app each have one handler that renders
these errors; nothing else catches them.
"""

from __future__ import annotations

__all__ = ["AtlasError", "EvidenceError", "MyomapError", "NotFound"]


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
