"""The muscle guides: the index of muscles and one page per muscle."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from myomap.atlas.figures import VIEWS
from myomap.atlas.schema import Muscle
from myomap.web.atlas.search import MAX_QUERY, Hit, search
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


EXAMPLES = ("knee", "lower back", "tennis elbow", "headache", "sciatica", "heel")
"""Searches the index suggests (each finds muscles in the built-in atlas: tests/test_search.py)."""
KIND_WORDS = {
    "name": "Name",
    "latin": "Latin name",
    "alias": "Also called",
    "lay_name": "Also called",
    "condition": "Linked to",
    "body_part": "Pain in",
    "symptom": "Symptom",
    "where": "Sends pain to",
    "several": "Matches",
}
"""How the results say why a muscle matched (``Hit.kind``)."""


@router.get("/muscles")
def muscles_page(
    request: Request,
    state: StateDep,
    q: Annotated[str, Query(max_length=MAX_QUERY, description="words to search for")] = "",
) -> Response:
    """The index of muscle guides; with ``q``, the muscles that match it, best first."""
    by_group, by_name = muscle_index(state.atlas)
    query = q.strip()
    hits = search(state.atlas, query) if query else []
    return render(
        state,
        request,
        "muscles.html",
        by_group=_matching_groups(by_group, hits) if query else by_group,
        all_groups=by_group,
        by_name=by_name,
        query=query,
        hits=hits,
        examples=EXAMPLES,
        kind_words=KIND_WORDS,
    )


def _matching_groups(
    by_group: list[tuple[str, list[Muscle]]], hits: list[Hit]
) -> list[tuple[str, list[Muscle]]]:
    """The body groups with only the muscles that match, in the index's order."""
    found = {h.muscle.id for h in hits}
    kept = [(g, [m for m in ms if m.id in found]) for g, ms in by_group]
    return [(g, ms) for g, ms in kept if ms]


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
