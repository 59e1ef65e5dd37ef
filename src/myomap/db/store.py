"""The store: one object, one method per action, for the CLI, the web app and tests.

Store.open(url)                 open (and migrate) the database
add_entry / update_entry        check every value, then write in one transaction
list_entries / get_entry        read (deleted entries are hidden unless asked for)
delete_entry / restore_entry    soft delete, and its undo
save_assessment / list_assessments / get_assessment / latest_assessment
delete_assessment               remove a saved assessment
rerun_assessment                the old evidence on today's atlas: what changed
export_all / import_all         the whole diary as a Snapshot (imports get new ids)
for_owner(user_id)              the same database, seen as another person

A store belongs to one person (``owner_id``; by default the local person): every query
filters by it and every write stamps it, so nobody reads or changes what is not theirs.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from myomap.atlas.model import Atlas
from myomap.db import checkins
from myomap.db.database import is_sqlite, open_engine
from myomap.db.failures import database_errors
from myomap.db.migrate import upgrade
from myomap.db.tables import (
    LOCAL_USER_ID,
    AssessmentRow,
    EntryPainRow,
    EntryRow,
    UTCDateTime,
    valid_id,
)
from myomap.diary.assessment import Assessment, Rerun, compare_results
from myomap.diary.entry import Entry, EntryDraft, check_draft
from myomap.diary.invalid import as_evidence_error
from myomap.diary.snapshot import Snapshot
from myomap.diary.when import now, parse_when
from myomap.engine import Evidence, Model, Result, rank, validate_evidence
from myomap.errors import EvidenceError, NotFound

__all__ = ["UNSET", "Store"]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()
"""Default of ``update_entry``'s arguments: leave this field as it is."""


def _entry(row: EntryRow) -> Entry:
    # Rows were checked on the way in; skipping validation makes listing 10,000 entries fast.
    return Entry.model_construct(
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


def _assessment(row: AssessmentRow) -> Assessment:
    return Assessment(
        id=row.id,
        created_at=row.created_at,
        atlas_version=row.atlas_version,
        evidence=Evidence.model_validate(row.evidence),
        result=Result.model_validate(row.result),
        note=row.note,
    )


def _draft(**fields: Any) -> EntryDraft:
    try:
        return EntryDraft.model_validate(fields)
    except ValidationError as exc:
        raise as_evidence_error(exc) from None


class Store:
    """The diary and saved assessments in one database."""

    def __init__(
        self, engine: Engine, *, atlas: Atlas | None = None, owner_id: int = LOCAL_USER_ID
    ) -> None:
        self.engine = engine
        self.owner_id = owner_id
        self._atlas = atlas
        self._read = sessionmaker(engine, expire_on_commit=False)
        # SQLite reads see one snapshot per transaction already (WAL + explicit BEGIN).
        snapshot = (
            engine
            if is_sqlite(engine)
            else engine.execution_options(isolation_level="REPEATABLE READ")
        )
        self._snapshot = sessionmaker(snapshot, expire_on_commit=False)
        self._writer = engine.execution_options(myomap_write=True)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)

    @classmethod
    def open(
        cls, url: str | None = None, *, atlas: Atlas | None = None, migrate: bool = True
    ) -> Store:
        """Open the database at ``url`` (default: SQLite in the user data directory)."""
        store = cls(open_engine(url), atlas=atlas)
        if migrate:
            with store._errors():
                upgrade(store.engine)
        return store

    def close(self) -> None:
        self.engine.dispose()

    def for_owner(self, owner_id: int) -> Store:
        """This store seen as ``owner_id``: same engine and connections, their rows only."""
        scoped = copy.copy(self)
        scoped.owner_id = owner_id
        return scoped

    @property
    def atlas(self) -> Atlas:
        if self._atlas is None:
            from myomap.engine.defaults import default_atlas

            self._atlas = default_atlas()
        return self._atlas

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        with database_errors():
            yield

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: committed at the end, rolled back on any error."""
        with self._errors(), self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self, *, consistent: bool = False) -> Iterator[Session]:
        """One read transaction; ``consistent`` gives one snapshot across many queries."""
        factory = self._snapshot if consistent else self._read
        with self._errors(), factory() as session, session.begin():
            yield session

    # -- entries -------------------------------------------------------------------------

    def add_entry(
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
            self.atlas,
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
        with self.writing() as session:
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
            return checkins.write(session, self.owner_id, _entry(row), draft)

    def list_entries(
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
        with self.reading() as session:
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
        dialect = self.engine.dialect

        def stamp(value: Any) -> Any:
            return datetime_type.process_result_value(value, dialect)

        built = [
            Entry.model_construct(
                **{
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
        return checkins.attach(self, built)

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

    def get_entry(self, entry_id: int, *, include_deleted: bool = False) -> Entry:
        with self.reading() as session:
            found = _entry(self._row(session, entry_id, deleted=None if include_deleted else False))
        return checkins.attach(self, [found])[0]

    def update_entry(
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
        current = self.get_entry(entry_id).draft()
        draft = check_draft(self.atlas, _draft(**{**current.model_dump(), **changes}))
        with self.writing() as session:
            row = self._row(session, entry_id, deleted=False)
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
            return checkins.write(session, self.owner_id, _entry(row), draft)

    def delete_entry(self, entry_id: int) -> Entry:
        """Hide an entry; ``restore_entry`` undoes it."""
        with self.writing() as session:
            row = self._row(session, entry_id, deleted=False)
            row.deleted_at = now()
            return _entry(row)

    def restore_entry(self, entry_id: int) -> Entry:
        """Undo ``delete_entry``."""
        with self.writing() as session:
            row = self._row(session, entry_id, deleted=True)
            row.deleted_at = None
            return _entry(row)

    # -- assessments ---------------------------------------------------------------------

    def save_assessment(self, *, evidence: Evidence, result: Result, note: str = "") -> Assessment:
        """Keep an assessment: its evidence, result (with triage) and atlas version.

        Idempotent: the same evidence on the same atlas as the latest saved assessment is
        that assessment (a second click, a retried request); a new note replaces its note."""
        validate_evidence(self.atlas, evidence)
        with self.writing() as session:
            latest = session.scalars(
                select(AssessmentRow)
                .where(AssessmentRow.owner_id == self.owner_id)
                .order_by(AssessmentRow.created_at.desc(), AssessmentRow.id.desc())
                .limit(1)
            ).first()
            if (
                latest is not None
                and latest.atlas_version == result.atlas_version
                and latest.evidence == evidence.model_dump(mode="json")
            ):
                latest.note = note.strip() or latest.note
                return _assessment(latest)
            row = AssessmentRow(
                owner_id=self.owner_id,
                created_at=now(),
                atlas_version=result.atlas_version,
                triage_level=result.triage.level,
                evidence=evidence.model_dump(mode="json"),
                result=result.model_dump(mode="json"),
                note=note.strip(),
            )
            session.add(row)
            session.flush()
            return _assessment(row)

    def list_assessments(self, *, limit: int | None = None) -> list[Assessment]:
        """Saved assessments, newest first."""
        query = (
            select(AssessmentRow)
            .where(AssessmentRow.owner_id == self.owner_id)
            .order_by(AssessmentRow.created_at.desc(), AssessmentRow.id.desc())
        )
        with self.reading() as session:
            return [_assessment(row) for row in session.scalars(query.limit(limit))]

    def _assessment_row(self, session: Session, assessment_id: int) -> AssessmentRow:
        """This person's saved assessment, or NotFound (someone else's is not found either)."""
        row = session.get(AssessmentRow, assessment_id) if valid_id(assessment_id) else None
        if row is None or row.owner_id != self.owner_id:
            raise NotFound(
                f"No saved assessment with id {assessment_id}.", field="id", value=assessment_id
            )
        return row

    def get_assessment(self, assessment_id: int) -> Assessment:
        with self.reading() as session:
            return _assessment(self._assessment_row(session, assessment_id))

    def delete_assessment(self, assessment_id: int) -> Assessment:
        """Remove a saved assessment for good (it holds no diary data); returns what it was."""
        with self.writing() as session:
            row = self._assessment_row(session, assessment_id)
            gone = _assessment(row)
            session.delete(row)
            return gone

    def latest_assessment(self) -> Assessment | None:
        found = self.list_assessments(limit=1)
        return found[0] if found else None

    def rerun_assessment(self, assessment_id: int, *, model: Model | None = None) -> Rerun:
        """Rank a saved assessment's evidence on today's atlas and say what changed."""
        if model is None:
            from myomap.engine.defaults import default_model

            model = default_model()
        old = self.get_assessment(assessment_id)
        try:
            evidence = validate_evidence(model.atlas, old.evidence)
        except EvidenceError as exc:
            raise EvidenceError(
                f"Assessment {assessment_id} cannot be re-run on atlas {model.atlas.version}: "
                f"{exc.message}",
                field=exc.field,
                value=exc.value,
            ) from None
        return compare_results(old, rank(model, evidence))

    # -- the whole diary -----------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many entries (deleted ones included) and assessments are stored."""
        with self.reading() as session:
            return {
                "entries": session.scalar(self._count(EntryRow)) or 0,
                "assessments": session.scalar(self._count(AssessmentRow)) or 0,
            }

    def _count(self, row: type[EntryRow] | type[AssessmentRow]) -> Any:
        return select(func.count()).select_from(row).where(row.owner_id == self.owner_id)

    def is_empty(self) -> bool:
        return not any(self.counts().values())

    def export_all(self) -> Snapshot:
        """Everything, read in one transaction so it is consistent while others write."""
        with self.reading(consistent=True) as session:
            entries = session.scalars(
                select(EntryRow).where(EntryRow.owner_id == self.owner_id).order_by(EntryRow.id)
            )
            assessments = session.scalars(
                select(AssessmentRow)
                .where(AssessmentRow.owner_id == self.owner_id)
                .order_by(AssessmentRow.id)
            )
            return Snapshot(
                entries=checkins.attach(self, [_entry(r) for r in entries]),
                assessments=[_assessment(r) for r in assessments],
            )

    def import_all(
        self, snapshot: Snapshot, *, replace: bool = False, model: Model | None = None
    ) -> dict[str, int]:
        """Load a snapshot with the checks of live writes. The database gives every row a
        new id (a file's ids are never used: they could collide with, probe or exhaust
        the ids of other people). Every entry is checked like ``add_entry``, every
        assessment's evidence like ``save_assessment``; with ``model`` (the web app's
        import) each assessment's result is computed anew, as a live save does, so a file
        cannot plant a result. Refused into a non-empty diary unless ``replace``, which
        first removes everything (in the same transaction)."""
        entries = [_checked_entry(self.atlas, e) for e in snapshot.entries]
        assessments = [_checked_assessment(self.atlas, a, model) for a in snapshot.assessments]
        with self.writing() as session:
            if replace:
                self._delete_everything(session)
            elif session.scalar(self._count(EntryRow)) or session.scalar(
                self._count(AssessmentRow)
            ):
                raise EvidenceError(
                    "The database already holds diary entries or assessments; restoring "
                    "would mix two diaries. Restore into an empty database, or use --force "
                    "to replace everything in it.",
                    field="database",
                )
            rows = [_entry_row(e, self.owner_id) for e in entries]
            session.add_all(rows)
            session.flush()
            for row, original in zip(rows, snapshot.entries, strict=True):
                checkins.write(session, self.owner_id, _entry(row), original.draft())
            session.add_all(_assessment_row(a, self.owner_id) for a in assessments)
            session.flush()
        return {"entries": len(entries), "assessments": len(assessments)}

    def _delete_everything(self, session: Session) -> None:
        """Remove this person's entries (with their pain rows) and assessments."""
        mine = select(EntryRow.id).where(EntryRow.owner_id == self.owner_id)
        session.execute(delete(EntryPainRow).where(EntryPainRow.entry_id.in_(mine)))
        session.execute(delete(EntryRow).where(EntryRow.owner_id == self.owner_id))
        session.execute(delete(AssessmentRow).where(AssessmentRow.owner_id == self.owner_id))


def _checked_entry(atlas: Atlas, entry: Entry) -> Entry:
    try:
        draft = check_draft(atlas, entry.draft())
    except EvidenceError as exc:
        raise EvidenceError(
            f"Entry {entry.id}: {exc.message} Nothing was imported.",
            field=f"entries.{entry.id}.{exc.field}",
            value=exc.value,
        ) from None
    stamps = {
        name: parse_when(value, field=f"entries.{entry.id}.{name}")
        for name in ("created_at", "updated_at", "deleted_at")
        if (value := getattr(entry, name)) is not None
    }
    return entry.model_copy(update={**draft.model_dump(), **stamps})


def _checked_assessment(atlas: Atlas, assessment: Assessment, model: Model | None) -> Assessment:
    try:
        evidence = validate_evidence(atlas, assessment.evidence)
    except EvidenceError as exc:
        raise EvidenceError(
            f"Assessment {assessment.id}: {exc.message} Nothing was imported.",
            field=f"assessments.{assessment.id}.{exc.field}",
            value=exc.value,
        ) from None
    created = parse_when(assessment.created_at, field=f"assessments.{assessment.id}.created_at")
    if model is None:
        return assessment.model_copy(update={"evidence": evidence, "created_at": created})
    result = rank(model, evidence)
    return assessment.model_copy(
        update={
            "evidence": evidence,
            "result": result,
            "atlas_version": result.atlas_version,
            "created_at": created,
        }
    )


def _entry_row(entry: Entry, owner_id: int) -> EntryRow:
    return EntryRow(
        owner_id=owner_id,
        at=entry.at,
        overall=entry.overall,
        quality=list(entry.quality),
        note=entry.note,
        self_care_done=list(entry.self_care_done),
        triggers=list(entry.triggers),
        created_at=entry.created_at,
        updated_at=entry.updated_at,
        deleted_at=entry.deleted_at,
        pain=[EntryPainRow(region=r, intensity=i) for r, i in entry.pain.items()],
    )


def _assessment_row(assessment: Assessment, owner_id: int) -> AssessmentRow:
    return AssessmentRow(
        owner_id=owner_id,
        created_at=assessment.created_at,
        atlas_version=assessment.atlas_version,
        triage_level=assessment.result.triage.level,
        evidence=assessment.evidence.model_dump(mode="json"),
        result=assessment.result.model_dump(mode="json"),
        note=assessment.note,
    )
