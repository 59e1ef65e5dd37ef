"""``rank`` weighs the open safety questions once for triage and for its safety questions;
what it returns must be exactly what ``triage`` and ``safety_questions`` give on their own."""

from __future__ import annotations

import random

from myomap.engine import Evidence, Model, rank, safety_questions, triage
from myomap.engine.safety_weighing import open_questions, pending, relevant


def cases(model: Model, n: int, seed: int) -> list[Evidence]:
    """Random evidence with warning signs, risk factors, 'not sure', age and sex."""
    rng = random.Random(seed)
    findings = list(model.atlas.findings)
    regions = list(model.regions)
    out = []
    for _ in range(n):
        chosen = rng.sample(regions, rng.randint(1, 5))
        out.append(
            Evidence.model_validate(
                {
                    "pain": [{"region": r, "intensity": rng.randint(1, 10)} for r in chosen],
                    "answers": {
                        f: rng.choice(["yes", "yes", "no", "unknown"])
                        for f in rng.sample(findings, rng.randint(0, 8))
                    },
                    "age": rng.choice([None, 12, 35, 70]),
                    "sex": rng.choice([None, "female", "male"]),
                }
            )
        )
    return out


def test_rank_gives_what_triage_and_safety_questions_give_alone(model: Model) -> None:
    levels = set()
    for evidence in cases(model, 150, seed=16):
        result = rank(model, evidence)
        levels.add(result.triage.level)
        assert result.triage == triage(model.atlas, evidence)
        leading = [c.muscle for c in result.candidates[:5]]
        expected = safety_questions(model.atlas, evidence, leading)
        assert [q.id for q in result.safety_questions] == expected
    assert levels == {"self_care", "see_doctor", "urgent", "emergency"}  # all paths were seen


def test_open_questions_are_pending_and_relevant_together(model: Model) -> None:
    atlas = model.atlas
    for i, evidence in enumerate(cases(model, 80, seed=61)):
        muscles = list(atlas.muscles)[i % 40 : i % 40 + 5]
        floor = i % 4
        both = open_questions(atlas, evidence, muscles, floor=floor)
        assert both == (pending(atlas, evidence, floor=floor), relevant(atlas, evidence, muscles))
