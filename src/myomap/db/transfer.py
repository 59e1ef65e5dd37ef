"""The whole diary of one person as a ``Snapshot``: export, and import with the checks of
live writes.

An import never keeps a file's ids: the database gives every row a new one, so a file can
neither collide with, probe nor exhaust the ids of other people. Every entry is checked
like a new entry; every assessment's evidence like a saved one; with a ``model`` (the web
app's import) each result is ranked anew, as a live save does, so a file cannot plant a
result. Quotas apply to the whole import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from myomap.atlas.model import Atlas
from myomap.atlas.names import region_names
from myomap.db.assessments import Assessments, assessment_of
from myomap.db.checkins import attach as attach_checkins
from myomap.db.checkins import rows as checkin_rows
from myomap.db.entries import Entries, entry_of
from myomap.db.owned import take_turn
from myomap.db.quota import check_quota
from myomap.db.tables import AssessmentRow, EntryPainRow, EntryRow
from myomap.diary.assessment import Assessment
from myomap.diary.entry import Entry, check_draft
from myomap.diary.snapshot import Snapshot
from myomap.diary.when import parse_when
from myomap.engine.evidence import validate_evidence
from myomap.errors import EvidenceError

if TYPE_CHECKING:  # ranking (NumPy) loads only when an import re-ranks
    from myomap.engine.model import Model

__all__ = ["export_all", "import_all"]


def export_all(entries: Entries) -> Snapshot:
    """Everything of ``entries``' owner, read in one transaction so it is consistent while
    others write."""
    owner = entries.owner_id
    with entries.reading(consistent=True) as session:
        entry_rows = session.scalars(
            select(EntryRow).where(EntryRow.owner_id == owner).order_by(EntryRow.id)
        )
        assessment_rows = session.scalars(
            select(AssessmentRow).where(AssessmentRow.owner_id == owner).order_by(AssessmentRow.id)
        )
        return Snapshot(
            entries=attach_checkins(entries, [entry_of(r) for r in entry_rows]),
            assessments=[assessment_of(r) for r in assessment_rows],
        )


def import_all(
    into: tuple[Entries, Assessments],
    snapshot: Snapshot,
    *,
    replace: bool = False,
    model: Model | None = None,
) -> dict[str, int]:
    """Load a snapshot into one person's repositories (see above). Refused into a
    non-empty diary unless ``replace``, which first removes everything, in the same
    transaction."""
    diary, saved = into
    atlas, owner = diary.atlas(), diary.owner_id
    entries = [_checked_entry(atlas, e) for e in snapshot.entries]
    assessments = [_checked_assessment(atlas, a, model) for a in snapshot.assessments]
    with diary.unit.writing() as session:
        take_turn(session, owner)
        if replace:
            diary.delete_all(session)
            saved.delete_all(session)
        elif diary.count(session) or saved.count(session):
            raise EvidenceError(
                "The database already holds diary entries or assessments; restoring "
                "would mix two diaries. Restore into an empty database, or use --force "
                "to replace everything in it.",
                field="database",
            )
        text = sum(len(e.note) for e in entries) + sum(len(a.note) for a in assessments)
        check_quota(
            session,
            owner,
            diary.quota,
            entries=len(entries),
            assessments=len(assessments),
            text=text,
        )
        rows = [_entry_row(e, owner) for e in entries]
        session.add_all(rows)
        session.flush()  # the new entries' ids
        for row, original in zip(rows, entries, strict=True):
            session.add_all(checkin_rows(owner, row.id, original.draft()))
        session.add_all(_assessment_row(a, owner) for a in assessments)
        session.flush()
    return {"entries": len(entries), "assessments": len(assessments)}


def _checked_entry(atlas: Atlas, entry: Entry) -> Entry:
    try:
        draft = check_draft(region_names(atlas), entry.draft())
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
    return entry.model_copy(update={**dict(draft), **stamps})


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
    from myomap.engine.ranking import rank

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
