"""One person's saved assessments: keep (within the quota), list, read, delete, and re-run
on today's atlas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from myomap.db.owned import Owned, take_turn
from myomap.db.quota import check_quota
from myomap.db.tables import AssessmentRow, ClinicianNoteRow, valid_id
from myomap.diary.assessment import Assessment, Rerun, compare_results
from myomap.diary.entry import MAX_NOTE
from myomap.diary.when import now
from myomap.engine.evidence import Evidence, validate_evidence
from myomap.engine.result import Result
from myomap.errors import EvidenceError, NotFound

if TYPE_CHECKING:  # the compiled model and ranking (NumPy) load only for a re-run
    from myomap.engine.model import Model

__all__ = ["Assessments", "assessment_of"]


def assessment_of(row: AssessmentRow) -> Assessment:
    return Assessment(
        id=row.id,
        created_at=row.created_at,
        atlas_version=row.atlas_version,
        evidence=Evidence.model_validate(row.evidence),
        result=Result.model_validate(row.result),
        note=row.note,
    )


class Assessments(Owned):
    """One person's saved assessments in the unit of work's database."""

    def save(self, *, evidence: Evidence, result: Result, note: str = "") -> Assessment:
        """Keep an assessment: its evidence, result (with triage) and atlas version.

        Idempotent: the same evidence on the same atlas as the latest saved assessment is
        that assessment (a second click, a retried request); a new note replaces its note."""
        validate_evidence(self.atlas(), evidence)
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise EvidenceError(f"A note may have at most {MAX_NOTE} characters.", field="note")
        with self.unit.writing() as session:
            take_turn(session, self.owner_id)  # a retried request waits, then finds this one
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
                return assessment_of(latest)
            check_quota(session, self.owner_id, self.quota, assessments=1, text=len(note))
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
            return assessment_of(row)

    def recent(self, *, limit: int | None = None) -> list[Assessment]:
        """Saved assessments, newest first."""
        query = (
            select(AssessmentRow)
            .where(AssessmentRow.owner_id == self.owner_id)
            .order_by(AssessmentRow.created_at.desc(), AssessmentRow.id.desc())
        )
        with self.unit.reading() as session:
            return [assessment_of(row) for row in session.scalars(query.limit(limit))]

    def _row(self, session: Session, assessment_id: int) -> AssessmentRow:
        """This person's saved assessment, or NotFound (someone else's is not found either)."""
        row = session.get(AssessmentRow, assessment_id) if valid_id(assessment_id) else None
        if row is None or row.owner_id != self.owner_id:
            raise NotFound(
                f"No saved assessment with id {assessment_id}.", field="id", value=assessment_id
            )
        return row

    def get(self, assessment_id: int) -> Assessment:
        with self.unit.reading() as session:
            return assessment_of(self._row(session, assessment_id))

    def delete(self, assessment_id: int) -> Assessment:
        """Remove a saved assessment for good (it holds no diary data); returns what it was."""
        with self.unit.writing() as session:
            row = self._row(session, assessment_id)
            gone = assessment_of(row)
            session.delete(row)
            return gone

    def latest(self) -> Assessment | None:
        found = self.recent(limit=1)
        return found[0] if found else None

    def rerun(self, assessment_id: int, *, model: Model | None = None) -> Rerun:
        """Rank a saved assessment's evidence on today's atlas and say what changed."""
        if model is None:
            from myomap.engine.defaults import default_model

            model = default_model()
        old = self.get(assessment_id)
        try:
            evidence = validate_evidence(model.atlas, old.evidence)
        except EvidenceError as exc:
            raise EvidenceError(
                f"Assessment {assessment_id} cannot be re-run on atlas {model.atlas.version}: "
                f"{exc.message}",
                field=exc.field,
                value=exc.value,
            ) from None
        from myomap.engine.ranking import rank

        return compare_results(old, rank(model, evidence))

    def count(self, session: Session) -> int:
        query = select(func.count()).select_from(AssessmentRow)
        return session.scalar(query.where(AssessmentRow.owner_id == self.owner_id)) or 0

    def delete_all(self, session: Session) -> None:
        """Remove every saved assessment of this person (and notes on them) in ``session``."""
        mine = select(AssessmentRow.id).where(AssessmentRow.owner_id == self.owner_id)
        session.execute(delete(ClinicianNoteRow).where(ClinicianNoteRow.assessment_id.in_(mine)))
        session.execute(delete(AssessmentRow).where(AssessmentRow.owner_id == self.owner_id))
