"""The HTML pages: assessment, muscle guides and the self-care plan."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from myomap.atlas.schema import Muscle
from myomap.bodymap import VIEWS
from myomap.engine import rank
from myomap.web.deps import AppState, StateDep
from myomap.web.figures import VIEW_LABELS, interactive_figure, pattern_figure
from myomap.web.plan import plan_items
from myomap.web.state import parse_state
from myomap.web.views import (
    body_groups,
    group_label,
    markers,
    muscle_index,
    referral_pattern,
    region_groups,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

AssessmentState = Annotated[
    str, Query(alias="state", description="the assessment page's state (see state.py)")
]


def render(state: AppState, request: Request, name: str, **context: Any) -> Response:
    context["group_label"] = group_label
    return state.templates.TemplateResponse(request, name, context)


@router.get("/")
def assess_page(request: Request, state: StateDep) -> Response:
    atlas = state.atlas
    regions = {
        r.id: {"label": r.label, "view": r.view, "group": r.group} for r in atlas.regions.values()
    }
    return render(
        state,
        request,
        "assess.html",
        figures=[(v, VIEW_LABELS[v], interactive_figure(atlas, v)) for v in VIEWS],
        groups=region_groups(atlas),
        regions_json=Markup(json.dumps(regions, separators=(",", ":")).replace("<", "\\u003c")),
    )


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


@router.get("/plan")
def plan_page(request: Request, state: StateDep, assessment: AssessmentState = "") -> Response:
    result = rank(state.model, parse_state(assessment))
    items = plan_items(state.atlas, result)
    return render(state, request, "plan.html", result=result, items=items, assessment=assessment)


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
