"""The interview on the assessment page: which one question to show now, and the short
symptom list a person can answer at any time.

Safety questions come first (the triage's open questions, the most dangerous first); then the
engine's next question. A skipped safety question stays open, so the safety check stays
"not done"; a skipped symptom or region question is simply not asked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from myomap.atlas.schema import Finding
from myomap.engine import Evidence, Model, Pain, Result, next_question
from myomap.engine.result import NextQuestion
from myomap.web.assess.state import PageState

__all__ = ["SYMPTOM_GROUPS", "Step", "current_step", "symptom_groups"]

Phase = Literal["safety", "symptoms", "done"]
SAFETY = ("red_flag", "risk_factor")

SYMPTOM_GROUPS: tuple[tuple[str, str], ...] = (
    ("aggravating", "What makes it worse"),
    ("relieving", "What eases it"),
    ("history", "How it started"),
    ("symptom", "What it feels like"),
)
"""The plain headings of the symptom list, by finding category."""
PER_GROUP = 5
"""Findings shown under each heading of the symptom list."""
LEADERS = 5
"""The symptom list is chosen for this many leading candidates."""


@dataclass(frozen=True)
class Step:
    """The question to show now, with what the progress line needs."""

    question: NextQuestion | None
    phase: Phase
    safety_done: int
    safety_open: int
    answered: int
    skipped_safety: tuple[str, ...]


def _safety_queue(model: Model, state: PageState, result: Result) -> list[NextQuestion]:
    atlas = model.atlas
    answers = state.evidence.answers
    queue = {q.id: q for q in result.safety_questions}
    for fid in result.triage.pending:
        if fid not in queue and fid in atlas.findings:
            f = atlas.findings[fid]
            queue[fid] = NextQuestion(
                kind="finding", id=fid, text=f.question, category=f.category, gain=0.0
            )
    return [q for fid, q in queue.items() if fid not in answers]


def _without_skipped(state: PageState, model: Model) -> Evidence:
    """The evidence with skipped questions set aside, so the engine asks something else."""
    ev = state.evidence
    findings = {
        f: "unknown"
        for f in state.skipped
        if f in model.atlas.findings and model.atlas.findings[f].category not in SAFETY
    }
    regions = [
        Pain(region=r, intensity=0)
        for r in state.skipped
        if r in model.atlas.regions and r not in {p.region for p in ev.pain}
    ]
    return ev.model_copy(
        update={"answers": {**findings, **ev.answers}, "pain": [*ev.pain, *regions]}
    )


def _engine_question(model: Model, state: PageState, result: Result) -> NextQuestion | None:
    question = result.next_question
    if question is None or question.id not in state.skipped:
        return question
    return next_question(model, _without_skipped(state, model))


def current_step(model: Model, state: PageState, result: Result) -> Step:
    """The one question to show now: an open safety question first, else the engine's."""
    atlas = model.atlas
    answers = state.evidence.answers
    safety_done = sum(
        1 for f in answers if f in atlas.findings and atlas.findings[f].category in SAFETY
    )
    queue = _safety_queue(model, state, result)
    asking = [q for q in queue if q.id not in state.skipped]
    skipped = tuple(q.id for q in queue if q.id in state.skipped)
    answered = len(state.log)
    if asking and result.triage.level != "emergency":
        return Step(asking[0], "safety", safety_done, len(queue), answered, skipped)
    question = None if result.triage.hide_muscle_advice else _engine_question(model, state, result)
    phase: Phase = "symptoms" if question is not None else "done"
    return Step(question, phase, safety_done, len(queue), answered, skipped)


def _relevance(model: Model, result: Result) -> dict[str, float]:
    """How much a "yes" to each symptom would move the leading candidates (|log ratio|)."""
    index = {(h.muscle, h.side): i for i, h in enumerate(model.hypotheses)}
    rows = [index[(c.muscle, c.side)] for c in result.candidates[:LEADERS]]
    if not rows:
        return {}
    ratio = np.abs(model.log_yes[rows] - model.log_yes[model.other]).max(axis=0)
    return {f: float(ratio[i]) for i, f in enumerate(model.findings)}


def symptom_groups(model: Model, result: Result) -> list[tuple[str, list[Finding]]]:
    """The short symptom list: for each plain heading, the findings that matter most for the
    leading candidates (none before there are candidates)."""
    if result.triage.hide_muscle_advice:
        return []
    score = _relevance(model, result)
    groups: list[tuple[str, list[Finding]]] = []
    for category, heading in SYMPTOM_GROUPS:
        found = [
            f
            for f in model.atlas.findings.values()
            if f.category == category and score.get(f.id, 0.0) > 0.05
        ]
        found.sort(key=lambda f: -score[f.id])
        if found:
            groups.append((heading, found[:PER_GROUP]))
    return groups
