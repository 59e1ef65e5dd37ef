"""The baseline: region lookup the way triggerpoints.net works, beside the engine.

Muscles with an essential zone on a painful region, ordered by the number of essential
matches, then spillover matches, then prevalence. No questions, no probabilities.
"""

from __future__ import annotations

import numpy as np

from myomap.engine.evidence import Evidence, validate_evidence
from myomap.engine.explain import best_set, zone_matches
from myomap.engine.infer import observe
from myomap.engine.model import Model
from myomap.engine.result import Candidate, Result, Stop
from myomap.engine.urgency import triage
from myomap.engine.zones import ROLE_ESSENTIAL, ROLE_SPILLOVER

__all__ = ["lookup"]


def lookup(model: Model, evidence: Evidence, *, limit: int = 10) -> Result:
    """Rank by essential, then spillover zone matches, then prevalence."""
    atlas = model.atlas
    validate_evidence(atlas, evidence)
    painful = evidence.painful()
    roles = model.role[:, [model.region_index[r] for r in painful]]
    essential = (roles == ROLE_ESSENTIAL).sum(axis=1)
    spillover = (roles == ROLE_SPILLOVER).sum(axis=1)
    prevalence = np.exp(model.log_prior[:-1])
    keys = sorted(
        (
            h
            for h, hyp in enumerate(model.hypotheses)
            if essential[h] > 0 and hyp.side != "both"  # the lookup knows one side at a time
        ),
        key=lambda h: (-int(essential[h]), -int(spillover[h]), -float(prevalence[h])),
    )
    candidates = []
    for h in keys[:limit]:
        hyp = model.hypotheses[h]
        explains, unexplained = zone_matches(model, h, painful)
        candidates.append(
            Candidate(
                muscle=hyp.muscle,
                name=atlas.muscles[hyp.muscle].name,
                side=hyp.side,
                probability=None,
                explains=explains,
                unexplained=unexplained,
                supporting=[],
                against=[],
            )
        )
    explanation = best_set(model, observe(model, evidence), keys, evidence)
    explained = {z.region for c in candidates for z in c.explains}
    return Result(
        method="lookup",
        triage=triage(atlas, evidence),
        candidates=candidates,
        other_probability=None,
        explanation_set=explanation,
        unexplained_regions=[r for r in painful if r not in explained],
        coverage=explanation.share,
        next_question=None,
        stop=Stop(done=True, reason="the lookup method asks no questions"),
        safety_questions=[],
        atlas_version=atlas.version,
    )
