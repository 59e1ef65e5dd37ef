"""A muscle's map likelihood is a mixture over its trigger points (engine/points.py)."""

from __future__ import annotations

import numpy as np

from myomap.atlas import Atlas
from myomap.engine import Evidence, rank
from myomap.engine.infer import _terms, observe
from myomap.engine.model import Model, Params, compile_model

OUTER_ELBOW = Evidence.model_validate(
    {
        "pain": [
            {"region": "elbow_lateral_l", "intensity": 6},
            {"region": "forearm_posterior_l", "intensity": 3},
        ],
        "answers": {"pain_pushing": "yes"},
    }
)


def probability(model: Model, evidence: Evidence, muscle: str) -> float:
    result = rank(model, evidence, limit=len(model.hypotheses))
    return next(c.probability or 0.0 for c in result.candidates if c.muscle == muscle)


def test_one_points_pattern_is_not_held_against_the_muscle(atlas: Atlas, model: Model) -> None:
    """The triceps' medial-head point refers to the outer elbow and the back of the forearm;
    scored as the whole muscle, its other points' unmarked zones sank it to about 2%."""
    whole = compile_model(atlas, Params(whole_muscle=1.0))
    assert probability(whole, OUTER_ELBOW, "triceps_brachii") < 0.03
    assert probability(model, OUTER_ELBOW, "triceps_brachii") > 0.1


def test_a_muscle_with_one_trigger_point_scores_as_before(atlas: Atlas, model: Model) -> None:
    whole = compile_model(atlas, Params(whole_muscle=1.0))
    single = [
        h
        for h, hyp in enumerate(model.hypotheses)
        if len(atlas.muscles[hyp.muscle].trigger_points) == 1
    ]
    assert single
    seen = observe(model, OUTER_ELBOW)
    mixed, _ = _terms(model, seen)
    plain, _ = _terms(whole, observe(whole, OUTER_ELBOW))
    assert np.allclose(mixed[single], plain[single])
    assert not np.allclose(mixed, plain)  # the muscles with several points did change
