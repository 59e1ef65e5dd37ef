"""The assessment page, where a person marks pain and answers questions; the result fragment
the page draws (one renderer, the Jinja macros); the proposals understood from the person's
own description; and the self-care plan for its result."""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from myomap.atlas.figures import VIEWS
from myomap.engine import Result, rank
from myomap.errors import EvidenceError
from myomap.understand.evidence import regions_counted_at_once
from myomap.understand.reply import UnderstandRequest, reply
from myomap.web.assess.describe import SIDE_WORDS, region_choices
from myomap.web.assess.flow import current_step, symptom_groups
from myomap.web.assess.plan import plan_items
from myomap.web.assess.state import PageState, encode_state, parse_state, read
from myomap.web.bodymap.figures import VIEW_LABELS, interactive_figure, pattern_detail
from myomap.web.bodymap.views import (
    markers,
    referral_pattern,
    region_data,
    region_groups,
)
from myomap.web.bodymap.zoom import zoom_parts
from myomap.web.platform.deps import AppState, StateDep
from myomap.web.platform.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

AssessmentState = Annotated[
    str, Query(alias="state", description="the assessment page's state (see state.py)")
]


def _json(data: object) -> Markup:
    """JSON safe to put inside a ``<script type="application/json">`` element."""
    return Markup(json.dumps(data, separators=(",", ":")).replace("<", "\\u003c"))


def _shown_pattern(state: AppState, page: PageState, result: Result) -> list[tuple[str, Markup]]:
    """The shown candidate's referral pattern as small figures for the results (a phone
    cannot see the big figures beside them): (caption, figure) for each view it touches."""
    shown = page.show
    if shown is None or result.triage.hide_muscle_advice:
        return []
    if not any((c.muscle, c.side) == shown for c in result.candidates):
        return []
    muscle = state.atlas.muscle(shown[0])
    side = shown[1]
    roles = referral_pattern(state.atlas, muscle, side)
    marks = markers(muscle, "left" if side == "left" else "right")
    pain = {p.region: p.intensity for p in page.evidence.pain}
    side_words = "both sides" if side == "midline" else f"{side} side"
    out: list[tuple[str, Markup]] = []
    for view in VIEWS:
        title = f"Pattern of {muscle.name}, {side_words}, {view} view"
        figure = pattern_detail(view, title, roles, marks, pain)
        if figure is not None:
            out.append(("Front" if view == "front" else "Back", figure))
    return out


@router.get("/")
def assess_page(request: Request, state: StateDep) -> Response:
    atlas = state.atlas
    regions = region_data(atlas, "label", "view", "group")
    return render(
        state,
        request,
        "assess.html",
        figures=[(v, VIEW_LABELS[v], interactive_figure(atlas, v), zoom_parts(v)) for v in VIEWS],
        groups=region_groups(atlas),
        regions_json=_json(regions),
    )


@router.get("/assess/result")
def result_fragment(
    request: Request, state: StateDep, assessment: AssessmentState = ""
) -> Response:
    """The result of the page's state as an HTML fragment: triage banner, the one question
    to answer now, candidates with reasons, the symptom list and the answers so far."""
    try:
        page = read(assessment)
        result = rank(state.model, page.evidence)
    except EvidenceError as exc:
        html = f'<p class="error" role="alert">{Markup.escape(exc.message)}</p>'
        return HTMLResponse(html, status_code=422)
    atlas = state.atlas
    encoded = encode_state(page)
    ev = page.evidence
    canonical = {
        "pain": {p.region: p.intensity for p in ev.pain},
        "answers": ev.answers,
        "skip": page.skipped,
        "log": page.log,
        "age": ev.age,
        "sex": ev.sex,
        "show": page.show,
    }
    return render(
        state,
        request,
        "_result.html",
        result=result,
        page=page,
        step=current_step(state.model, page, result),
        symptoms=symptom_groups(state.model, result),
        labels={r.id: r.label for r in atlas.regions.values()},
        questions={f.id: f.question for f in atlas.findings.values()},
        plan_href=f"/plan?state={quote(encoded)}",
        empty=not ev.pain and not ev.answers,
        detail=_shown_pattern(state, page, result),
        state_json=_json(canonical),
    )


@router.post("/assess/understand")
def understood_fragment(request: Request, state: StateDep, body: UnderstandRequest) -> Response:
    """What was understood from a description, as an HTML fragment: proposals to confirm,
    change or remove, what was not understood, and the triage its warning-sign wording raises
    at once. POST, so the description stays out of URLs and logs; nothing leaves the server."""
    answer = reply(state.atlas, body.text)
    return render(
        state,
        request,
        "_understood.html",
        reply=answer,
        u=answer.understanding,
        choices=region_choices(state.atlas, answer.understanding),
        side_words=SIDE_WORDS,
        raised=answer.triage.level != "self_care",
        flagged={f.id for f in answer.understanding.red_flags}
        | set(regions_counted_at_once(state.atlas, answer.understanding, answer.triage)),
    )


@router.get("/plan")
def plan_page(request: Request, state: StateDep, assessment: AssessmentState = "") -> Response:
    result = rank(state.model, parse_state(assessment))
    items = plan_items(state.atlas, result)
    return render(state, request, "plan.html", result=result, items=items, assessment=assessment)
