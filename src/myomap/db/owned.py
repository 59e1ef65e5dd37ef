"""What every per-person repository holds (entries, assessments)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from myomap.atlas.model import Atlas
from myomap.db.quota import Quota
from myomap.db.tables import UserRow
from myomap.db.unit import UnitOfWork

__all__ = ["Owned", "take_turn"]


def take_turn(session: Session, owner_id: int) -> None:
    """Make this write transaction wait for any other one of the same person.

    PostgreSQL locks the person's account row until the transaction ends (``SELECT … FOR
    UPDATE``), so a check-then-insert (the quota, the "same assessment again" check) cannot
    race a second request of the same person. SQLite writers already take turns (one write
    transaction at a time), and SQLAlchemy leaves ``FOR UPDATE`` out there."""
    session.execute(select(UserRow.id).where(UserRow.id == owner_id).with_for_update())


@dataclass
class Owned:
    """One person's rows in the unit of work's database, checked against the atlas and
    counted against the person's quota."""

    unit: UnitOfWork
    owner_id: int
    atlas: Callable[[], Atlas]
    quota: Quota
