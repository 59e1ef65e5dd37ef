"""The next question: the unanswered finding or unmarked region worth the most information."""

from __future__ import annotations

import numpy as np

from myomap.engine.evidence import Evidence, validate_evidence
from myomap.engine.infer import entropy, log_joint, normalise, observe
from myomap.engine.model import ROLE_NONE, FloatArray, Model
from myomap.engine.result import NextQuestion, Stop

__all__ = ["CONFIDENT", "MIN_GAIN", "choose_question", "next_question"]

CONFIDENT = 0.85
"""Stop asking once one candidate holds this much probability."""
MIN_GAIN = 0.1
"""Stop asking when no question is expected to bring this many bits."""
REGION_CANDIDATES = 5
"""Region questions are limited to the zones of this many leading candidates."""


def _gain(prior: FloatArray, p_yes: FloatArray) -> FloatArray:
    """Expected information gain (bits) of yes/no questions.

    ``prior`` is (H,) or (H, Q) (one prior per question); ``p_yes`` is (H, Q).
    """
    prior2 = prior if prior.ndim == 2 else prior[:, None]
    joint_yes = prior2 * p_yes
    joint_no = prior2 * (1.0 - p_yes)
    yes = joint_yes.sum(axis=0)
    no = joint_no.sum(axis=0)
    after = yes * entropy(joint_yes / np.maximum(yes, 1e-300)) + no * entropy(
        joint_no / np.maximum(no, 1e-300)
    )
    result: FloatArray = entropy(prior2) - after
    return result


def choose_question(
    model: Model, evidence: Evidence, joint: FloatArray
) -> tuple[NextQuestion | None, Stop]:
    """The best next question given the log joint of the evidence, and whether to stop."""
    post = normalise(joint)
    muscles = post[:-1]
    if muscles.size and muscles.max() >= CONFIDENT:
        return None, Stop(done=True, reason="one muscle clearly leads the ranking")

    best: NextQuestion | None = None
    atlas = model.atlas
    open_findings = [
        i
        for i, f in enumerate(model.findings)
        if model.ranking_findings[i]
        and f not in evidence.answers
        and (atlas.findings[f].sex is None or evidence.sex in (None, atlas.findings[f].sex))
    ]
    if open_findings:
        gains = _gain(post, model.yes[:, open_findings])
        k = int(np.argmax(gains))
        finding = atlas.findings[model.findings[open_findings[k]]]
        best = NextQuestion(
            kind="finding",
            id=finding.id,
            text=finding.question,
            category=finding.category,
            gain=round(float(gains[k]), 4),
        )

    marked = {p.region for p in evidence.pain}
    leaders = np.argsort(-muscles)[:REGION_CANDIDATES]
    zones = (model.role[leaders] != ROLE_NONE).any(axis=0)
    open_regions = [i for i, r in enumerate(model.regions) if zones[i] and r not in marked]
    if open_regions and marked:
        # The region is currently counted as "not painful"; ask as if it were unknown.
        unknown = normalise(joint[:, None] - model.log_no_pain[:, open_regions], axis=0)
        gains = _gain(unknown, np.exp(model.log_pain[:, open_regions]))
        k = int(np.argmax(gains))
        if best is None or gains[k] > best.gain:
            region = atlas.regions[model.regions[open_regions[k]]]
            best = NextQuestion(
                kind="region",
                id=region.id,
                text=f"Does it also hurt here: {region.label[0].lower()}{region.label[1:]}?",
                category="region",
                gain=round(float(gains[k]), 4),
            )

    if best is None or best.gain < MIN_GAIN:
        return None, Stop(done=True, reason="no remaining question would change the ranking much")
    return best, Stop(done=False, reason="a question can still sharpen the ranking")


def next_question(model: Model, evidence: Evidence) -> NextQuestion | None:
    """The single most informative question, or None when it is time to stop."""
    validate_evidence(model.atlas, evidence)
    joint = log_joint(model, observe(model, evidence))
    question, _stop = choose_question(model, evidence, joint)
    return question
