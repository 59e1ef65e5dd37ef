"""The knowledge base over JSON under /api/v1: regions, findings and muscles."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from myomap.atlas.schema import Finding, Muscle, Region
from myomap.web.atlas.schemas import MuscleDetail, MuscleSummary, Point, split_roles
from myomap.web.bodymap.views import body_groups, markers, muscle_sides, referral_pattern
from myomap.web.platform.deps import AppState, StateDep

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
