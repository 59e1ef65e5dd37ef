"""The JSON API under /api/v1: the atlas to read, and the engine to ask."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from myomap.atlas.schema import Finding, Muscle, Region
from myomap.engine import Evidence, Result, lookup, rank, triage, validate_evidence
from myomap.engine.result import Triage
from myomap.web.deps import AppState, StateDep
from myomap.web.schemas import MuscleDetail, MuscleSummary, Point, split_roles
from myomap.web.views import body_groups, markers, muscle_sides, referral_pattern

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"])

Method = Literal["engine", "lookup"]


@router.get("/regions", response_model=list[Region])
def regions(state: StateDep) -> list[Region]:
    """Every body region a person can mark, after left/right expansion."""
    return list(state.atlas.regions.values())


@router.get("/findings", response_model=list[Finding])
def findings(state: StateDep) -> list[Finding]:
    """Every yes/no question the engine may ask, red-flag checks included."""
    return list(state.atlas.findings.values())


@router.get("/muscles", response_model=list[MuscleSummary])
def muscles(state: StateDep) -> list[MuscleSummary]:
    """The muscles of the atlas, in atlas order."""
    return [summary(state, m) for m in state.atlas.muscles.values()]


@router.get("/muscles/{muscle_id}", response_model=MuscleDetail)
def muscle(muscle_id: str, state: StateDep) -> MuscleDetail:
    """One muscle by id, name or alias, with trigger point positions and its pattern."""
    return detail(state, state.atlas.muscle(muscle_id))


@router.post("/assess", response_model=Result)
def assess(
    evidence: Evidence,
    state: StateDep,
    method: Method = Query("engine", description="engine (default) or the lookup baseline"),
) -> JSONResponse:
    """Rank the muscles for this evidence: the same JSON as ``myomap assess --json``."""
    result = rank(state.model, evidence) if method == "engine" else lookup(state.model, evidence)
    return JSONResponse(result.model_dump(mode="json"))


@router.post("/triage", response_model=Triage)
def check_red_flags(evidence: Evidence, state: StateDep) -> Triage:
    """Only the red-flag triage of this evidence."""
    return triage(state.atlas, validate_evidence(state.atlas, evidence))


def summary(state: AppState, m: Muscle) -> MuscleSummary:
    return MuscleSummary(
        id=m.id,
        name=m.name,
        latin=m.latin,
        group=m.group,
        laterality=m.laterality,
        body_groups=body_groups(state.atlas, m),
        url=f"/muscles/{m.id}",
    )


def detail(state: AppState, m: Muscle) -> MuscleDetail:
    points = {p.id: Point(view=p.view, x=p.x, y=p.y) for p in markers(m)}
    data = m.model_dump()
    data["trigger_points"] = [
        {**tp.model_dump(), "xy": points.get(tp.id)} for tp in m.trigger_points
    ]
    data["pattern"] = {
        side: split_roles(referral_pattern(state.atlas, m, side)) for side in muscle_sides(m)
    }
    data["body_groups"] = body_groups(state.atlas, m)
    data["url"] = f"/muscles/{m.id}"
    return MuscleDetail.model_validate(data)
