"""The muscle guides: the index of muscles and one page per muscle."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from myomap.atlas.figures import VIEWS
from myomap.atlas.schema import Muscle
from myomap.web.bodymap.figures import pattern_figure
from myomap.web.bodymap.views import (
    body_groups,
    markers,
    muscle_index,
    referral_pattern,
)
from myomap.web.platform.deps import AppState, StateDep
from myomap.web.platform.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/muscles")
def muscles_page(request: Request, state: StateDep) -> Response:
    by_group, by_name = muscle_index(state.atlas)
    return render(state, request, "muscles.html", by_group=by_group, by_name=by_name)


@router.get("/muscles/{muscle_id}")
def muscle_page(muscle_id: str, request: Request, state: StateDep) -> Response:
    muscle = state.atlas.muscle(muscle_id)
    if muscle.id != muscle_id:
        return RedirectResponse(f"/muscles/{muscle.id}", status_code=308)
    return render(state, request, "muscle.html", **guide(state, muscle))


def guide(state: AppState, muscle: Muscle) -> dict[str, Any]:
    side = "midline" if muscle.laterality == "midline" else "right"
    roles = referral_pattern(state.atlas, muscle, side)
    marks = markers(muscle)
    title = f"Referral pattern of {muscle.name}"
    zones = [
        (state.atlas.regions[r].label, role)
        for role_wanted in ("essential", "spillover")
        for r, role in roles.items()
        if role == role_wanted
    ]
    return {
        "muscle": muscle,
        "figures": [(v, pattern_figure(v, f"{title}, {v} view", roles, marks)) for v in VIEWS],
        "zones": zones,
        "groups": body_groups(state.atlas, muscle),
        "red_flags": [state.atlas.red_flags[f] for f in muscle.red_flags],
        "sources": [state.atlas.sources[s] for s in muscle.sources if s in state.atlas.sources],
    }
