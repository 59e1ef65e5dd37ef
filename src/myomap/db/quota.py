"""Per-account storage quotas: how many entries and assessments one person may keep, and
how much free text in all.

Checked inside the write transaction that would exceed them (``QuotaExceeded``, 403, and
nothing is stored). One person's writes take turns (``owned.take_turn``: SQLite has one
writer at a time, PostgreSQL locks the account row), so the limit is exact on both. Write
*rates* are limited per account in the web app (``MYOMAP_WRITE_LIMIT``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from myomap.db.tables import AssessmentRow, EntryRow
from myomap.errors import MyomapError

__all__ = ["NO_QUOTA", "Quota", "QuotaExceeded", "check_quota"]


class QuotaExceeded(MyomapError):
    """Storing this would take the account over its quota (403)."""

    status = 403


@dataclass(frozen=True)
class Quota:
    """Limits per account; 0 means no limit."""

    entries: int = 0
    assessments: int = 0
    text_bytes: int = 0


NO_QUOTA = Quota()


def _used(session: Session, owner_id: int) -> tuple[int, int, int]:
    entries, entry_text = session.execute(
        select(func.count(), func.coalesce(func.sum(func.length(EntryRow.note)), 0)).where(
            EntryRow.owner_id == owner_id
        )
    ).one()
    assessments, assessment_text = session.execute(
        select(func.count(), func.coalesce(func.sum(func.length(AssessmentRow.note)), 0)).where(
            AssessmentRow.owner_id == owner_id
        )
    ).one()
    return int(entries), int(assessments), int(entry_text) + int(assessment_text)


def check_quota(
    session: Session,
    owner_id: int,
    quota: Quota,
    *,
    entries: int = 0,
    assessments: int = 0,
    text: int = 0,
) -> None:
    """Refuse adding ``entries``, ``assessments`` and ``text`` characters over the quota."""
    if quota == NO_QUOTA:
        return
    have = _used(session, owner_id)
    limits = (quota.entries, quota.assessments, quota.text_bytes)
    adding = (entries, assessments, text)
    names = ("diary entries", "saved assessments", "characters of notes")
    for limit, used, more, name in zip(limits, have, adding, names, strict=True):
        if limit and more and used + more > limit:
            raise QuotaExceeded(
                f"Your account has reached its limit of {limit} {name}. Delete some to "
                "make room; nothing was stored.",
                field="quota",
            )
