"""One person's diary entries: add, list, read, change, soft delete and restore.

Every value is checked (``diary.entry.check_draft``) before one write transaction, within
the account's quota; every query filters by the owner, so someone else's entry is, for
this person, no entry at all. Check-ins (PEG, PSFS, treatments) travel with their entry
(``checkins.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from myomap.atlas.names import RegionNames
from myomap.db.checkins import attach as attach_checkins
from myomap.db.checkins import write as write_checkins
from myomap.db.owned import Owned, take_turn
from myomap.db.quota import check_quota
from myomap.db.tables import EntryPainRow, EntryRow, UTCDateTime, valid_id
from myomap.diary.entry import Entry, EntryDraft, check_draft
from myomap.diary.invalid import as_evidence_error
from myomap.diary.when import now, parse_when
from myomap.errors import NotFound

__all__ = ["UNSET", "Entries", "entry_of"]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""Default of ``update_entry``'s arguments: leave this field as it is."""


def _no_checkins() -> dict[str, Any]:
    """Check-in fields for ``model_construct`` (``attach_checkins`` fills them), new lists each
    time: a field left to its default factory costs pydantic a signature inspection per entry
    (10,000 entries were read in 5 s instead of 0.5 s)."""
    return {"peg": None, "psfs": [], "treatments": []}


def entry_of(row: EntryRow) -> Entry:
    # Rows were checked on the way in; skipping validation makes listing 10,000 entries fast.
    return Entry.model_construct(
        **_no_checkins(),
        id=row.id,
        at=row.at,
        overall=row.overall,
        pain={p.region: p.intensity for p in row.pain},
        quality=list(row.quality),
        note=row.note,
        self_care_done=list(row.self_care_done),
        triggers=list(row.triggers),
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
    )


def _draft(**fields: Any) -> EntryDraft:
    try:
        return EntryDraft.model_validate(fields)
    except ValidationError as exc:
        raise as_evidence_error(exc) from None


@dataclass
class Entries(Owned):
    """One person's diary entries in the unit of work's database."""

    regions: Callable[[], RegionNames]
    """The atlas's region names: all an entry is checked against (cheaper than the atlas)."""

    @contextmanager
    def reading(self, *, consistent: bool = False) -> Iterator[Session]:
        """A read transaction (what ``checkins.attach`` reads through)."""
        with self.unit.reading(consistent=consistent) as session:
            yield session

    def add(
        self,
        *,
        overall: int,
        pain: dict[str, int] | None = None,
        at: datetime | str | None = None,
        quality: Sequence[str] = (),
        note: str = "",
        self_care_done: Sequence[str] = (),
        triggers: Sequence[str] = (),
        peg: Any = None,
        psfs: Sequence[Any] = (),
        treatments: Sequence[Any] = (),
    ) -> Entry:
        """Check the values, then store a new entry (``at`` defaults to now)."""
        draft = check_draft(
            self.regions(),
            _draft(
                at=now() if at is None else parse_when(at),
                overall=overall,
                pain=pain or {},
                quality=list(quality),
                note=note,
                self_care_done=list(self_care_done),
                triggers=list(triggers),
                peg=peg,
                psfs=list(psfs),
                treatments=list(treatments),
            ),
        )
        stamp = now()
        with self.unit.writing() as session:
            take_turn(session, self.owner_id)
            check_quota(session, self.owner_id, self.quota, entries=1, text=len(draft.note))
            row = EntryRow(
                owner_id=self.owner_id,
                at=draft.at,
                overall=draft.overall,
                quality=draft.quality,
                note=draft.note,
                self_care_done=draft.self_care_done,
                triggers=draft.triggers,
                created_at=stamp,
                updated_at=stamp,
                deleted_at=None,
                pain=[EntryPainRow(region=r, intensity=i) for r, i in draft.pain.items()],
            )
            session.add(row)
            session.flush()
            return write_checkins(session, self.owner_id, entry_of(row), draft)

    def find(
        self,
        *,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        include_deleted: bool = False,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[Entry]:
        """Entries in time order (oldest first unless ``newest_first``)."""
        table, pain = EntryRow.__table__, EntryPainRow.__table__
        where = [table.c.owner_id == self.owner_id]
        if since is not None:
            where.append(table.c.at >= parse_when(since, field="since"))
        if until is not None:
            where.append(table.c.at <= parse_when(until, field="until"))
        if not include_deleted:
            where.append(table.c.deleted_at.is_(None))
        order = (table.c.at.desc(), table.c.id.desc()) if newest_first else (table.c.at, table.c.id)
        columns = [c for c in table.c if c.name != "owner_id"]
        chosen = select(*columns).where(*where).order_by(*order).limit(limit)
        # Plain Core queries: about ten times faster than loading ORM objects for long lists.
        with self.unit.reading() as session:
            rows = session.execute(chosen).mappings().all()
            ids = select(chosen.subquery().c.id)
            regions: dict[int, dict[str, int]] = {}
            for entry_id, region, intensity in session.execute(
                select(pain.c.entry_id, pain.c.region, pain.c.intensity)
                .where(pain.c.entry_id.in_(ids))
                .order_by(pain.c.entry_id, pain.c.region)
            ):
                regions.setdefault(entry_id, {})[region] = intensity
        datetime_type = UTCDateTime()
        dialect = self.unit.engine.dialect

        def stamp(value: Any) -> Any:
            return datetime_type.process_result_value(value, dialect)

        built = [
            Entry.model_construct(
                **{
                    **_no_checkins(),
                    **row,
                    "at": stamp(row["at"]),
                    "created_at": stamp(row["created_at"]),
                    "updated_at": stamp(row["updated_at"]),
                    "deleted_at": stamp(row["deleted_at"]),
                    "pain": regions.get(row["id"], {}),
                    "quality": list(row["quality"]),
                    "self_care_done": list(row["self_care_done"]),
                    "triggers": list(row["triggers"]),
                }
            )
            for row in rows
        ]
        return attach_checkins(self, built)

    def _row(self, session: Session, entry_id: int, *, deleted: bool | None) -> EntryRow:
        row = session.get(EntryRow, entry_id) if valid_id(entry_id) else None
        if row is not None and row.owner_id != self.owner_id:
            row = None  # someone else's entry is, for this person, no entry at all
        if row is None or (deleted is not None and (row.deleted_at is not None) != deleted):
            state = "deleted " if deleted else ""
            raise NotFound(
                f"No {state}diary entry with id {entry_id}. `myomap diary list` shows the ids.",
                field="id",
                value=entry_id,
            )
        return row

    def get(self, entry_id: int, *, include_deleted: bool = False) -> Entry:
        with self.unit.reading() as session:
            found = entry_of(
                self._row(session, entry_id, deleted=None if include_deleted else False)
            )
        return attach_checkins(self, [found])[0]

    def update(
        self,
        entry_id: int,
        *,
        at: datetime | str = UNSET,
        overall: int = UNSET,
        pain: dict[str, int] = UNSET,
        quality: Sequence[str] = UNSET,
        note: str = UNSET,
        self_care_done: Sequence[str] = UNSET,
        triggers: Sequence[str] = UNSET,
        peg: Any = UNSET,
        psfs: Sequence[Any] = UNSET,
        treatments: Sequence[Any] = UNSET,
    ) -> Entry:
        """Change the given fields of an entry; the others stay."""
        given = {
            "at": at,
            "overall": overall,
            "pain": pain,
            "quality": quality,
            "note": note,
            "self_care_done": self_care_done,
            "triggers": triggers,
            "peg": peg,
            "psfs": psfs,
            "treatments": treatments,
        }
        changes: dict[str, Any] = {k: v for k, v in given.items() if v is not UNSET}
        if "at" in changes:
            changes["at"] = parse_when(changes["at"])
        current = self.get(entry_id).draft()
        draft = check_draft(self.regions(), _draft(**{**current.model_dump(), **changes}))
        with self.unit.writing() as session:
            take_turn(session, self.owner_id)
            row = self._row(session, entry_id, deleted=False)
            grown = len(draft.note) - len(row.note)
            check_quota(session, self.owner_id, self.quota, text=max(grown, 0))
            row.at, row.overall, row.note = draft.at, draft.overall, draft.note
            row.quality, row.self_care_done = draft.quality, draft.self_care_done
            row.triggers = draft.triggers
            existing = {p.region: p for p in row.pain}
            for region, pain_row in existing.items():
                if region in draft.pain:
                    pain_row.intensity = draft.pain[region]
                else:
                    row.pain.remove(pain_row)
            row.pain.extend(
                EntryPainRow(region=r, intensity=i)
                for r, i in draft.pain.items()
                if r not in existing
            )
            row.updated_at = now()
            session.flush()
            session.refresh(row)
            return write_checkins(session, self.owner_id, entry_of(row), draft)

    def delete(self, entry_id: int) -> Entry:
        """Hide an entry; ``restore_entry`` undoes it."""
        with self.unit.writing() as session:
            row = self._row(session, entry_id, deleted=False)
            row.deleted_at = now()
            return entry_of(row)

    def restore(self, entry_id: int) -> Entry:
        """Undo ``delete_entry``."""
        with self.unit.writing() as session:
            row = self._row(session, entry_id, deleted=True)
            row.deleted_at = None
            return entry_of(row)

    def count(self, session: Session) -> int:
        """Entries stored (deleted ones included)."""
        query = select(func.count()).select_from(EntryRow)
        return session.scalar(query.where(EntryRow.owner_id == self.owner_id)) or 0

    def delete_all(self, session: Session) -> None:
        """Remove every entry of this person, with their pain rows, in ``session``."""
        mine = select(EntryRow.id).where(EntryRow.owner_id == self.owner_id)
        session.execute(delete(EntryPainRow).where(EntryPainRow.entry_id.in_(mine)))
        session.execute(delete(EntryRow).where(EntryRow.owner_id == self.owner_id))
