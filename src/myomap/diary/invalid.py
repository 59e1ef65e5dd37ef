"""Turning a pydantic ValidationError into the EvidenceError a person can act on."""

from __future__ import annotations

from pydantic import ValidationError

from myomap.errors import EvidenceError

__all__ = ["as_evidence_error"]


def as_evidence_error(exc: ValidationError, *, where: str = "") -> EvidenceError:
    """The first problem of ``exc`` as an EvidenceError naming the field (and ``where``)."""
    first = exc.errors()[0]
    loc = ".".join(str(part) for part in first["loc"]) or "value"
    prefix = f"{where}: " if where else ""
    more = len(exc.errors()) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return EvidenceError(
        f"{prefix}{loc}: {first['msg']}{extra}.", field=loc, value=first.get("input")
    )
