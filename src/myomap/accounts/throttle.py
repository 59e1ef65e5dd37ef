"""Per-account back-off for password guesses, counted in the audit log (so across every
worker and instance), that an attacker cannot turn into a lockout of the owner.

After ``FREE_FAILURES`` wrong passwords for one account within ``LOOKBACK`` (since its
last good sign-in or reset), each further attempt must wait twice as long as the one
before: 30 s, 1 min, 2 min … at most 15 min. Refused attempts are not counted, so waiting
is all it takes. The owner is never stuck behind a guesser: a browser that signed in to
the account before (a known device, ``sessions.py``) skips the back-off, and a reset code
always works and starts the count afresh.

The same rule throttles password re-checks of a signed-in session (changing the
password, deleting the account), so a stolen session cannot guess the password either.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from myomap.accounts.audit import Action
from myomap.db.tables import AuditRow
from myomap.diary.when import now

__all__ = ["FREE_FAILURES", "LOOKBACK", "MAX_DELAY", "wait_seconds"]

FREE_FAILURES = 5
LOOKBACK = timedelta(hours=1)
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
FRESH_START: tuple[Action, ...] = ("login", "password_reset")


def delay_after(failures: int) -> timedelta:
    """How long to wait after ``failures`` wrong passwords in a row.

    >>> [int(delay_after(n).total_seconds()) for n in (4, 5, 6, 7, 20)]
    [0, 30, 60, 120, 900]
    """
    if failures < FREE_FAILURES:
        return timedelta(0)
    delay: timedelta = BASE_DELAY * 2 ** (failures - FREE_FAILURES)
    return min(delay, MAX_DELAY)


def wait_seconds(session: Session, subject: str, action: Action) -> int:
    """Seconds until the next ``action`` for ``subject`` (an email) may be tried; 0: now."""
    stamp = now()
    start = stamp - LOOKBACK
    last_good = session.scalar(
        select(func.max(AuditRow.at)).where(
            AuditRow.subject == subject,
            AuditRow.action.in_(FRESH_START),
            AuditRow.ok.is_(True),
            AuditRow.at >= start,
        )
    )
    if last_good is not None:
        start = max(start, _aware(last_good))
    failures, latest = session.execute(
        select(func.count(), func.max(AuditRow.at)).where(
            AuditRow.subject == subject,
            AuditRow.action == action,
            AuditRow.ok.is_(False),
            AuditRow.at > start,
        )
    ).one()
    if not failures or latest is None:
        return 0
    ready = _aware(latest) + delay_after(failures)
    return math.ceil((ready - stamp).total_seconds()) if ready > stamp else 0


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
