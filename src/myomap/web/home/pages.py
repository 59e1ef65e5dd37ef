"""The public front door of server mode.

``/`` says what myomap is to a visitor who is not signed in, and sends people who are
where they belong: a clinician to their patient list, a person to the assessment.
``/assess`` is the assessment (the body-map lookup) at an address of its own, so the front
door can link to it; ``/safety`` lists the warning signs that need a doctor, from the atlas.
These routes exist in server mode only (local mode has one person and starts on the
assessment).
"""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from myomap.atlas.schema import RedFlag, TriageLevel
from myomap.engine.urgency import LEVEL_WORDS
from myomap.web.assess.pages import assess_page
from myomap.web.platform.deps import StateDep
from myomap.web.platform.principal import PrincipalDep
from myomap.web.platform.render import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

LEVELS: Final[tuple[TriageLevel, ...]] = ("emergency", "urgent", "see_doctor")
WHAT_TO_DO: Final[dict[TriageLevel, str]] = {
    "emergency": "Call your local emergency number or go to an emergency department now.",
    "urgent": "Be seen by a doctor today.",
    "see_doctor": "Book an appointment with a doctor in the coming days.",
}
"""What each level asks of a person (the levels of atlas/data/red_flags.yaml)."""


@router.get("/")
def front_door(request: Request, state: StateDep, who: PrincipalDep) -> Response:
    """The landing page for visitors; the patient list for clinicians; the assessment for
    people signed in."""
    if who is None:
        return render(state, request, "home.html", nav="home", muscles=len(state.atlas.muscles))
    if who.is_clinician:
        return RedirectResponse("/clinic", status_code=303)
    return assess_page(request, state)


@router.get("/assess")
def assessment(request: Request, state: StateDep) -> Response:
    """The assessment page, open to everyone."""
    return assess_page(request, state)


@router.get("/safety")
def safety_page(request: Request, state: StateDep) -> Response:
    """The warning signs that need a doctor rather than self-care, most urgent first."""
    by_level: dict[TriageLevel, list[RedFlag]] = {level: [] for level in LEVELS}
    for flag in state.atlas.red_flags.values():
        by_level[flag.level].append(flag)
    groups = [
        (level, LEVEL_WORDS[level], WHAT_TO_DO[level], _unique(by_level[level])) for level in LEVELS
    ]
    return render(state, request, "safety.html", nav="safety", groups=groups)


def _unique(flags: list[RedFlag]) -> list[RedFlag]:
    """One rule per title (several rules may share a title), in atlas order."""
    seen: dict[str, RedFlag] = {}
    for flag in flags:
        seen.setdefault(flag.title, flag)
    return list(seen.values())
