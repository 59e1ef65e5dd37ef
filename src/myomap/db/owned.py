"""What every per-person repository holds (entries, assessments)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from myomap.atlas.model import Atlas
from myomap.db.quota import Quota
from myomap.db.unit import UnitOfWork

__all__ = ["Owned"]


@dataclass
class Owned:
    """One person's rows in the unit of work's database, checked against the atlas and
    counted against the person's quota."""

    unit: UnitOfWork
    owner_id: int
    atlas: Callable[[], Atlas]
    quota: Quota
