"""The self-care plan: what to do for the leading muscles of an assessment."""

from __future__ import annotations

from dataclasses import dataclass

from myomap.atlas import Atlas
from myomap.atlas.schema import Muscle
from myomap.engine import Result

__all__ = ["PLAN_SIZE", "PlanItem", "plan_items"]

PLAN_SIZE = 3
"""At most this many muscles in a plan: the best explanatory set, or the leading candidate."""


@dataclass(frozen=True)
class PlanItem:
    muscle: Muscle
    side: str
    probability: float | None


def plan_items(atlas: Atlas, result: Result) -> list[PlanItem]:
    """The muscles a plan covers; none when the triage says to get help first."""
    if result.triage.hide_muscle_advice:
        return []
    chances = {(c.muscle, c.side): c.probability for c in result.candidates}
    members = [(m.muscle, m.side) for m in result.explanation_set.members]
    if not members and result.candidates:
        members = [(result.candidates[0].muscle, result.candidates[0].side)]
    return [
        PlanItem(atlas.muscles[muscle], side, chances.get((muscle, side)))
        for muscle, side in members[:PLAN_SIZE]
    ]
