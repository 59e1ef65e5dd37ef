"""The self-care plan of an assessment as numbered steps a diary entry can tick off.

Each step has a stable id, ``<muscle>/<kind>/<n>`` (``gluteus_medius/stretch/1``), which is
what an entry's ``self_care_done`` holds when the person did that step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from myomap.atlas.model import Atlas
from myomap.engine import Result

__all__ = ["PLAN_MUSCLES", "PlanStep", "plan_muscles", "plan_steps", "step_label"]

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


def plan_muscles(result: Result) -> list[tuple[str, str]]:
    """(muscle id, side) the plan covers: up to ``PLAN_MUSCLES`` of the best explanatory
    set, else the leading candidate; none when the triage says to get help first."""
    if result.triage.hide_muscle_advice:
        return []
    members = [(m.muscle, m.side) for m in result.explanation_set.members]
    if not members and result.candidates:
        members = [(result.candidates[0].muscle, result.candidates[0].side)]
    return members[:PLAN_MUSCLES]


def plan_steps(atlas: Atlas, result: Result) -> list[PlanStep]:
    """The steps of the plan; none when triage says to get help first."""
    steps: list[PlanStep] = []
    for muscle_id, side in plan_muscles(result):
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


def step_label(atlas: Atlas, item: str, plan: Sequence[PlanStep] = ()) -> str:
    """A self-care item as a person reads it: a plan step id becomes its title
    ("Stretch: Kneeling lunge (Iliopsoas)"), a treatment ``taken:<name>`` "<name> (taken)";
    free text stays as it is."""
    if item.startswith("taken:"):
        return f"{item.removeprefix('taken:')} (taken)"
    for step in plan:
        if step.id == item:
            return f"{step.title} ({step.muscle_name})"
    muscle, _, rest = item.partition("/")
    kind, _, number = rest.partition("/")
    if muscle in atlas.muscles and kind in ("pressure", "stretch") and number.isdigit():
        what = "pressure release" if kind == "pressure" else "stretch"
        return f"{atlas.muscles[muscle].name}: {what} {number}"
    return item
