"""The knowledge base over JSON under /api/v1: regions, findings and muscles."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from myomap.atlas.schema import Finding, Muscle, Region
from myomap.web.atlas.schemas import Match, MuscleDetail, MuscleSummary, Point, split_roles
from myomap.web.atlas.search import MAX_QUERY, search
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
def muscles(
    state: StateDep,
    q: Annotated[
        str,
        Query(
            max_length=MAX_QUERY,
            description="search: a muscle's name, an alias, a body part, a condition or a "
            "symptom (e.g. 'tennis elbow'); fuzzy, best first, each with what matched",
        ),
    ] = "",
) -> list[MuscleSummary]:
    """The muscles of the atlas, in atlas order; with ``q``, those matching it, best first."""
    if not q.strip():
        return [summary(state, m) for m in state.atlas.muscles.values()]
    return [
        summary(state, h.muscle, Match(text=h.matched, kind=h.kind, score=h.score))
        for h in search(state.atlas, q)
    ]


@router.get("/muscles/{muscle_id}", response_model=MuscleDetail)
def muscle(muscle_id: str, state: StateDep) -> MuscleDetail:
    """One muscle by id, name or alias, with trigger point positions and its pattern."""
    return detail(state, state.atlas.muscle(muscle_id))


def summary(state: AppState, m: Muscle, match: Match | None = None) -> MuscleSummary:
    return MuscleSummary(
        id=m.id,
        name=m.name,
        latin=m.latin,
        group=m.group,
        laterality=m.laterality,
        body_groups=body_groups(state.atlas, m),
        url=f"/muscles/{m.id}",
        match=match,
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
