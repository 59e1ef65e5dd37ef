"""The self-care plan page's view of an assessment: which muscles, how likely each is.

Which muscles a plan covers is decided once, by ``myomap.diary.plan.plan_muscles``, so the
page, the PDF and the calendar always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from myomap.atlas import Atlas
from myomap.atlas.schema import Muscle
from myomap.diary.plan import PLAN_MUSCLES, plan_muscles
from myomap.engine import Result

__all__ = ["PLAN_SIZE", "PlanItem", "plan_items"]

PLAN_SIZE = PLAN_MUSCLES
"""At most this many muscles in a plan: the best explanatory set, or the leading candidate."""


@dataclass(frozen=True)
class PlanItem:
    muscle: Muscle
    side: str
    probability: float | None


def plan_items(atlas: Atlas, result: Result) -> list[PlanItem]:
    """The muscles a plan covers; none when the triage says to get help first."""
    chances = {(c.muscle, c.side): c.probability for c in result.candidates}
    return [
        PlanItem(atlas.muscles[muscle], side, chances.get((muscle, side)))
        for muscle, side in plan_muscles(result)
        if muscle in atlas.muscles
    ]
