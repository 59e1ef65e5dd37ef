"""The assessment page, where a person marks pain and answers questions, and the self-care
plan for its result."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from myomap.atlas.figures import VIEWS
from myomap.engine import rank
from myomap.web.assess.plan import plan_items
from myomap.web.assess.state import parse_state
from myomap.web.bodymap.figures import VIEW_LABELS, interactive_figure
from myomap.web.bodymap.views import region_groups
from myomap.web.platform.deps import StateDep
from myomap.web.platform.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

AssessmentState = Annotated[
    str, Query(alias="state", description="the assessment page's state (see state.py)")
]


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


@router.get("/plan")
def plan_page(request: Request, state: StateDep, assessment: AssessmentState = "") -> Response:
    result = rank(state.model, parse_state(assessment))
    items = plan_items(state.atlas, result)
    return render(state, request, "plan.html", result=result, items=items, assessment=assessment)
