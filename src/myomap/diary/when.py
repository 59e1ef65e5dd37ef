"""Reading points in time: ISO-8601 text or datetimes, always kept as aware UTC.

A time without a zone (``2025-03-01T08:30``) is taken as the computer's local time, the
way a person means it when they type it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from myomap.errors import EvidenceError

__all__ = ["EARLIEST", "FUTURE_SLACK", "iso", "now", "parse_when"]

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
"""An entry may be dated at most this far ahead (clocks and time zones differ a little)."""


def now() -> datetime:
    """The current time in UTC, to the microsecond."""
    return datetime.now(UTC)


def parse_when(value: datetime | str, *, field: str = "at") -> datetime:
    """An aware UTC datetime from ISO-8601 text or a datetime; EvidenceError if invalid."""
    if isinstance(value, str):
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise EvidenceError(
                f"{field} {value!r} is not an ISO-8601 date and time: write for example "
                "2025-03-01T08:30 or 2025-03-01T08:30+01:00.",
                field=field,
                value=value,
            ) from None
    else:
        parsed = value
    try:
        if parsed.tzinfo is None:
            parsed = parsed.astimezone()  # local time zone of this computer
        parsed = parsed.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999 moved across midnight by its offset
        raise EvidenceError(
            f"{field} {value!s} is out of range: check the year.", field=field, value=str(value)
        ) from None
    if parsed < EARLIEST:
        raise EvidenceError(
            f"{field} {value!s} is before 1900: check the year.", field=field, value=str(value)
        )
    if parsed > now() + FUTURE_SLACK:
        raise EvidenceError(
            f"{field} {value!s} is in the future: a diary entry records what already happened.",
            field=field,
            value=str(value),
        )
    return parsed


def iso(value: datetime) -> str:
    """ISO-8601 in UTC with a ``Z``, to the microsecond only when there are any."""
    text = value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    return text.replace("+00:00", "Z")
