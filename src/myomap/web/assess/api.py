"""The engine over JSON: ``POST /api/v1/assess`` (the same objects as ``myomap assess --json``),
``POST /api/v1/triage`` and ``POST /api/v1/understand`` (free text to proposals)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from myomap.engine import Evidence, Result, lookup, rank, triage, validate_evidence
from myomap.engine.result import Triage
from myomap.understand.reply import UnderstandReply, UnderstandRequest, reply
from myomap.web.platform.deps import StateDep

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["api"])

Method = Literal["engine", "lookup"]


@router.post("/assess", response_model=Result)
async def assess(
    evidence: Evidence,
    state: StateDep,
    method: Method = Query("engine", description="engine (default) or the lookup baseline"),
) -> Response:
    """Rank the muscles for this evidence: the same JSON as ``myomap assess --json``.

    Ranking is about a millisecond of pure computation with no I/O, so it runs on the event
    loop: handing it to a worker thread and back cost more than the ranking itself
    (docs/benchmarks.md, stop 24)."""
    result = rank(state.model, evidence) if method == "engine" else lookup(state.model, evidence)
    return Response(result.model_dump_json(), media_type="application/json")


@router.post("/triage", response_model=Triage)
def check_red_flags(evidence: Evidence, state: StateDep) -> Triage:
    """Only the red-flag triage of this evidence."""
    return triage(state.atlas, validate_evidence(state.atlas, evidence))


@router.post("/understand", response_model=UnderstandReply)
def understand_text(request: UnderstandRequest, state: StateDep) -> UnderstandReply:
    """Proposed regions and findings with the words they came from, what was not understood,
    and the triage the red-flag wording raises already. Offline: nothing leaves the server."""
    return reply(state.atlas, request.text)
