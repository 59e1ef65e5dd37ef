"""The next question: the unanswered finding or unmarked region worth the most information.

Gains are computed over the leading hypotheses (``FOCUS`` of them and "none of these
muscles"), so a question is worth asking when it separates the candidates that matter, not
when it sorts out the long tail. A region question is weighed as what it is: the person has
already had the chance to mark that region, so a "yes" is unlikely and a "no" rarely
separates two muscles (``Model.ask_yes``). Before a leader is declared the person must have
answered ``MIN_FINDINGS`` symptom questions: a map alone never ends the interview.
"""

from __future__ import annotations

import numpy as np

from myomap.engine.evidence import Evidence, validate_evidence
from myomap.engine.infer import Observed, entropy, log_joint, normalise, observe
from myomap.engine.model import Model
from myomap.engine.result import NextQuestion, Stop
from myomap.engine.zones import FloatArray

__all__ = ["CONFIDENT", "MIN_FINDINGS", "MIN_GAIN", "choose_question", "next_question"]

CONFIDENT = 0.85
"""Stop asking once one candidate holds this much probability (and enough is answered)."""
MIN_FINDINGS = 2
"""Symptom questions that must have an answer before one candidate is declared the leader."""
MIN_GAIN = 0.02
"""Stop asking when no question is expected to bring this many bits."""
FINDING_FLOOR = 0.01
"""Below MIN_FINDINGS answers, a symptom question is asked if it brings at least this much."""
FOCUS = 8
"""Gains are computed over this many leading hypotheses and "none of these muscles"."""
REGION_CANDIDATES = 5
"""Region questions are limited to the zones of this many leading candidates."""


def gain(prior: FloatArray, p_yes: FloatArray) -> FloatArray:
    """Expected information gain (bits) of yes/no questions.

    ``prior`` is (H,), the current probabilities; ``p_yes`` is (H, Q), the chance of a
    "yes" to each question under each hypothesis.
    """
    prior2 = prior[:, None]
    joint_yes = prior2 * p_yes
    joint_no = prior2 * (1.0 - p_yes)
    yes = joint_yes.sum(axis=0)
    no = joint_no.sum(axis=0)
    after = yes * entropy(joint_yes / np.maximum(yes, 1e-300)) + no * entropy(
        joint_no / np.maximum(no, 1e-300)
    )
    result: FloatArray = entropy(prior) - after
    return result


def _finding_question(
    model: Model, evidence: Evidence, focus: list[int], p: FloatArray
) -> tuple[NextQuestion | None, int]:
    """The most informative symptom question, and how many are still open."""
    atlas = model.atlas
    allowed = model.ranking_findings.copy()
    for f in evidence.answers:
        allowed[model.finding_index[f]] = False
    for i, sex in model.sex_specific:
        if evidence.sex not in (None, sex):
            allowed[i] = False
    open_findings: list[int] = np.flatnonzero(allowed).tolist()
    if not open_findings:
        return None, 0
    gains = gain(p, model.yes[np.ix_(focus, open_findings)])
    k = int(np.argmax(gains))
    finding = atlas.findings[model.findings[open_findings[k]]]
    question = NextQuestion(
        kind="finding",
        id=finding.id,
        text=finding.question,
        category=finding.category,
        gain=round(float(gains[k]), 4),
    )
    return question, len(open_findings)


def _region_question(
    model: Model, evidence: Evidence, seen: Observed, focus: list[int], p: FloatArray
) -> NextQuestion | None:
    marked = {q.region for q in evidence.pain}
    if not evidence.painful():
        return None
    leaders = [h for h in focus[:REGION_CANDIDATES] if h != model.other]
    zones = ((model.role[leaders] != 0) | model.near[leaders]).any(axis=0)
    # Not asked: regions already marked or overlapping a marked one, and regions not drawn
    # (inside the body: the symptom questions ask about them better).
    covered = set(seen.covered_index)
    regions = model.atlas.regions
    open_regions = [
        i
        for i, r in enumerate(model.regions)
        if zones[i] and r not in marked and i not in covered and regions[r].view != "list"
    ]
    if not open_regions:
        return None
    gains = gain(p, model.ask_yes[np.ix_(focus, open_regions)])
    k = int(np.argmax(gains))
    region = model.atlas.regions[model.regions[open_regions[k]]]
    return NextQuestion(
        kind="region",
        id=region.id,
        text=f"Does it also hurt here: {region.label[0].lower()}{region.label[1:]}?",
        category="region",
        gain=round(float(gains[k]), 4),
    )


def choose_question(
    model: Model, evidence: Evidence, joint: FloatArray, seen: Observed | None = None
) -> tuple[NextQuestion | None, Stop]:
    """The best next question given the log joint of the evidence, and whether to stop."""
    seen = seen or observe(model, evidence)
    post = normalise(joint)
    order = np.argsort(-post[:-1], kind="stable")
    if seen.painful_index:
        # Only muscles that could explain some of the marked pain are worth separating: a
        # common muscle far from the map must not make the interview ask about its symptoms.
        cols = seen.painful_index
        refers = ((model.role[:, cols] != 0) | model.near[:, cols]).any(axis=1)
        order = order[refers[order]]
    focus = [int(h) for h in order[:FOCUS]] + [model.other]
    p = post[focus] / post[focus].sum()
    finding, left = _finding_question(model, evidence, focus, p)
    enough = seen.asked >= min(MIN_FINDINGS, seen.asked + left)
    if enough and order.size and post[order[0]] >= CONFIDENT:
        return None, Stop(done=True, reason="one muscle clearly leads after your answers")
    if not enough and finding is not None and finding.gain >= FINDING_FLOOR:
        return finding, Stop(done=False, reason="a symptom question can separate the leaders")
    region = _region_question(model, evidence, seen, focus, p)
    best = max((q for q in (finding, region) if q is not None), key=lambda q: q.gain, default=None)
    if best is None or best.gain < MIN_GAIN:
        return None, Stop(done=True, reason="no remaining question would change the ranking much")
    return best, Stop(done=False, reason="a question can still sharpen the ranking")


def next_question(model: Model, evidence: Evidence) -> NextQuestion | None:
    """The single most informative question, or None when it is time to stop."""
    validate_evidence(model.atlas, evidence)
    seen = observe(model, evidence)
    question, _stop = choose_question(model, evidence, log_joint(model, seen), seen)
    return question
