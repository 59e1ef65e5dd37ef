"""The self-care plan of an assessment as numbered steps a diary entry can tick off.

Each step has a stable id, ``<muscle>/<kind>/<n>`` (``gluteus_medius/stretch/1``), which is
what an entry's ``self_care_done`` holds when the person did that step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from myomap.atlas.model import Atlas
from myomap.engine import Result

__all__ = ["PLAN_MUSCLES", "PlanStep", "plan_steps"]

PLAN_MUSCLES = 3
"""At most this many muscles: the best explanatory set, or else the leading candidate."""

Kind = Literal["pressure", "stretch"]


@dataclass(frozen=True)
class PlanStep:
    id: str
    muscle: str
    muscle_name: str
    side: str
    kind: Kind
    title: str
    how: str
    dose: str


def _muscles(result: Result) -> list[tuple[str, str]]:
    members = [(m.muscle, m.side) for m in result.explanation_set.members]
    if not members and result.candidates:
        members = [(result.candidates[0].muscle, result.candidates[0].side)]
    return members[:PLAN_MUSCLES]


def plan_steps(atlas: Atlas, result: Result) -> list[PlanStep]:
    """The steps of the plan; none when triage says to get help first."""
    if result.triage.hide_muscle_advice:
        return []
    steps: list[PlanStep] = []
    for muscle_id, side in _muscles(result):
        muscle = atlas.muscles.get(muscle_id)
        if muscle is None:  # an old assessment naming a muscle today's atlas lacks
            continue
        care = muscle.self_care
        for n, p in enumerate(care.pressure_release, start=1):
            steps.append(
                PlanStep(
                    id=f"{muscle.id}/pressure/{n}",
                    muscle=muscle.id,
                    muscle_name=muscle.name,
                    side=side,
                    kind="pressure",
                    title=f"Pressure release: {p.where}",
                    how=f"{p.how} Tool: {p.tool.rstrip('.')}.",
                    dose=f"{p.duration.rstrip('.')}; {p.frequency}",
                )
            )
        for n, s in enumerate(care.stretches, start=1):
            steps.append(
                PlanStep(
                    id=f"{muscle.id}/stretch/{n}",
                    muscle=muscle.id,
                    muscle_name=muscle.name,
                    side=side,
                    kind="stretch",
                    title=f"Stretch: {s.name}",
                    how=s.how,
                    dose=f"hold {s.hold}; {s.repeat}",
                )
            )
    return steps
