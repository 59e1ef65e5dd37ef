"""A saved assessment and what changes when it is run again on today's atlas.

An assessment keeps the evidence, the engine's result (triage included) and the atlas
version it used, so it can always be shown as it was, and re-run to see what a newer atlas
says about the same answers.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, field_serializer

from myomap.diary.entry import iso
from myomap.engine.evidence import Evidence
from myomap.engine.result import Result

__all__ = ["Assessment", "CandidateMove", "CandidateRef", "Rerun", "compare_results"]


class Assessment(BaseModel):
    """A stored assessment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    created_at: datetime
    atlas_version: str
    evidence: Evidence
    result: Result
    note: str = ""

    @field_serializer("created_at")
    def _iso(self, value: datetime) -> str:
        return iso(value)


class CandidateRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    muscle: str
    side: str
    name: str
    rank: int
    probability: float | None


class CandidateMove(BaseModel):
    model_config = ConfigDict(frozen=True)

    muscle: str
    side: str
    name: str
    old_rank: int
    new_rank: int
    old_probability: float | None
    new_probability: float | None


class Rerun(BaseModel):
    """What changed when an old assessment's evidence was ranked on today's atlas."""

    model_config = ConfigDict(frozen=True)

    assessment_id: int
    old_atlas_version: str
    new_atlas_version: str
    added: list[CandidateRef]
    removed: list[CandidateRef]
    moved: list[CandidateMove]
    old_triage: str
    new_triage: str
    result: Result

    @property
    def triage_changed(self) -> bool:
        return self.old_triage != self.new_triage

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.moved or self.triage_changed)


MOVE_THRESHOLD = 0.01
"""A candidate whose rank stays and whose probability changes less than this has not moved."""


def _refs(result: Result) -> dict[tuple[str, str], CandidateRef]:
    return {
        (c.muscle, c.side): CandidateRef(
            muscle=c.muscle, side=c.side, name=c.name, rank=i, probability=c.probability
        )
        for i, c in enumerate(result.candidates, start=1)
    }


def _moved(old: CandidateRef, new: CandidateRef) -> bool:
    if old.rank != new.rank:
        return True
    if old.probability is None or new.probability is None:
        return old.probability != new.probability
    return abs(old.probability - new.probability) >= MOVE_THRESHOLD


def compare_results(assessment: Assessment, result: Result) -> Rerun:
    """The candidates added, removed and moved, and the triage before and after."""
    before, after = _refs(assessment.result), _refs(result)
    moved = [
        CandidateMove(
            muscle=new.muscle,
            side=new.side,
            name=new.name,
            old_rank=before[key].rank,
            new_rank=new.rank,
            old_probability=before[key].probability,
            new_probability=new.probability,
        )
        for key, new in after.items()
        if key in before and _moved(before[key], new)
    ]
    return Rerun(
        assessment_id=assessment.id,
        old_atlas_version=assessment.atlas_version,
        new_atlas_version=result.atlas_version,
        added=[ref for key, ref in after.items() if key not in before],
        removed=[ref for key, ref in before.items() if key not in after],
        moved=moved,
        old_triage=assessment.result.triage.level,
        new_triage=result.triage.level,
        result=result,
    )
