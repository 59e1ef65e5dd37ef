"""``rank``: from evidence to an explained, ranked list of candidate muscles, triage first.

Each muscle is listed once, on its most probable side (right, left, both sides or midline),
with that hypothesis's probability; the other sides' share is not added to it.
"""

from __future__ import annotations

import numpy as np

from myomap.engine.evidence import Evidence, validate_evidence
from myomap.engine.explain import answer_weights, best_set, zone_matches
from myomap.engine.infer import log_joint, normalise, observe
from myomap.engine.model import Model
from myomap.engine.question import choose_question
from myomap.engine.result import Candidate, NextQuestion, Result
from myomap.engine.safety_weighing import SAFETY_LIMIT
from myomap.engine.urgency import triage_and_questions
from myomap.engine.zones import ROLE_NONE

__all__ = ["rank"]

SHOWN = 10
"""Candidates listed in a result."""
MIN_SHOWN = 1e-4
"""Candidates below this probability are not listed."""
SAFETY_FROM = 5
"""Safety questions come from the red flags linked to this many leading candidates."""


def rank(model: Model, evidence: Evidence, *, limit: int = SHOWN) -> Result:
    """Rank the atlas muscles for this evidence, with triage, reasons and the next question."""
    atlas = model.atlas
    validate_evidence(atlas, evidence)
    seen = observe(model, evidence)
    joint = log_joint(model, seen)
    post = normalise(joint)
    order: list[int] = np.argsort(-post[:-1], kind="stable").tolist()
    painful = evidence.painful()
    if painful:
        columns = [model.region_index[r] for r in painful]
        refers = ((model.role[:, columns] != ROLE_NONE) | model.near[:, columns]).any(axis=1)
        listable = [h for h in order if refers[h]]
    else:
        listable = order

    candidates: list[Candidate] = []
    listed: set[str] = set()
    if painful or seen.yes or seen.no:
        for h in listable:
            if len(candidates) == limit or post[h] < MIN_SHOWN:
                break
            hyp = model.hypotheses[h]
            if hyp.muscle in listed:
                continue  # one entry per muscle: its most probable side
            listed.add(hyp.muscle)
            explains, unexplained = zone_matches(model, h, painful)
            supporting, against = answer_weights(model, h, seen)
            candidates.append(
                Candidate(
                    muscle=hyp.muscle,
                    name=atlas.muscles[hyp.muscle].name,
                    side=hyp.side,
                    probability=round(float(post[h]), 6),
                    explains=explains,
                    unexplained=unexplained,
                    supporting=supporting,
                    against=against,
                )
            )
    # Triage and the safety questions weigh the open questions once, for both.
    level, open_safety = triage_and_questions(
        atlas, evidence, [c.muscle for c in candidates[:SAFETY_FROM]]
    )
    explained_by_any = {z.region for c in candidates for z in c.explains}
    explanation = best_set(model, seen, order, evidence)
    question, stop = choose_question(model, evidence, joint, seen)
    if level.hide_muscle_advice:
        question = None
        stop = stop.model_copy(update={"done": True, "reason": f"{level.level}: see a doctor"})
    safety = [
        NextQuestion(
            kind="finding",
            id=f,
            text=atlas.findings[f].question,
            category=atlas.findings[f].category,
            gain=0.0,
        )
        for f in open_safety[:SAFETY_LIMIT]
    ]
    return Result(
        method="engine",
        triage=level,
        candidates=candidates,
        other_probability=round(float(post[-1]), 6),
        explanation_set=explanation,
        unexplained_regions=[r for r in painful if r not in explained_by_any],
        coverage=explanation.share,
        next_question=question,
        stop=stop,
        safety_questions=safety,
        atlas_version=atlas.version,
    )
