"""Posterior over hypotheses: the noisy-OR network of ``model.py`` queried with evidence."""

from __future__ import annotations

import numpy as np

from myomap.engine.evidence import Evidence
from myomap.engine.model import Model
from myomap.engine.zones import FloatArray

__all__ = [
    "CORROBORATING",
    "MAP_ONLY_CAP",
    "Observed",
    "entropy",
    "log_joint",
    "model_joint",
    "normalise",
    "observe",
    "posterior",
]

MAP_ONLY_CAP = 0.8
"""Most probability one muscle can hold before symptom answers corroborate the map."""
CORROBORATING = 2
"""Symptom answers (yes or no) after which the map counts in full."""
BISECTIONS = 16
"""Halvings in the search for the map's weight under the cap (precision 2⁻¹⁶)."""


class Observed:
    """Evidence turned into index arrays over the model's regions and findings."""

    __slots__ = (
        "asked",
        "covered_index",
        "denied_index",
        "no",
        "painful",
        "painful_index",
        "peak_index",
        "yes",
    )

    def __init__(
        self,
        painful: FloatArray,
        painful_index: list[int],
        yes: list[int],
        no: list[int],
        *,
        denied_index: list[int] | None = None,
        peak_index: list[int] | None = None,
        asked: int = 0,
        covered_index: list[int] | None = None,
    ) -> None:
        self.painful = painful
        self.painful_index = painful_index
        self.yes = yes
        self.no = no
        self.denied_index = denied_index or []
        self.peak_index = peak_index or []
        self.asked = asked  # ranking findings with any answer, "unknown" included
        # Regions overlapping a marked or denied one (the whole back of the thigh when its
        # upper half is marked): neither marked nor unmarked, they carry no evidence.
        self.covered_index = covered_index or []


def _peak(painful: dict[str, int]) -> list[str]:
    """The most intense regions, when intensities differ (otherwise intensity says nothing)."""
    if len(painful) < 2:
        return []
    top, low = max(painful.values()), min(painful.values())
    return [r for r, i in painful.items() if i == top] if top > low else []


def observe(model: Model, evidence: Evidence) -> Observed:
    """Index arrays for the painful, denied and most intense regions and the answers."""
    painful = np.zeros(len(model.regions))
    marks = evidence.painful()
    index = [model.region_index[region] for region in marks]
    painful[index] = 1.0
    denied = [model.region_index[p.region] for p in evidence.pain if p.intensity == 0]
    yes: list[int] = []
    no: list[int] = []
    asked = 0
    for finding, answer in evidence.answers.items():
        i = model.finding_index[finding]
        if not model.ranking_findings[i]:
            continue
        asked += 1
        if answer != "unknown":
            (yes if answer == "yes" else no).append(i)
    peak = [model.region_index[r] for r in _peak(marks)]
    seen = {*index, *denied}
    covered = sorted({o for r in seen for o in model.overlaps[r]} - seen)
    return Observed(
        painful,
        index,
        yes,
        no,
        denied_index=denied,
        peak_index=peak,
        asked=asked,
        covered_index=covered,
    )


def _map_terms(
    seen: Observed,
    none_painful: FloatArray,
    pain_ratio: FloatArray,
    denied_ratio: FloatArray,
    no_pain: FloatArray,
    peak: FloatArray,
) -> FloatArray:
    """log P(map | row) for every row of the given arrays."""
    # Every region counts as "not marked" unless marked: start from "none marked" and
    # swap in the painful and the denied ones, touching only their columns.
    regions: FloatArray = none_painful
    if seen.painful_index:
        regions = regions + pain_ratio[:, seen.painful_index].sum(axis=1)
    if seen.denied_index:
        regions = regions + denied_ratio[:, seen.denied_index].sum(axis=1)
    if seen.covered_index:
        regions = regions - no_pain[:, seen.covered_index].sum(axis=1)
    if seen.peak_index:
        regions = regions + peak[:, seen.peak_index].mean(axis=1)
    return regions


def _terms(model: Model, seen: Observed) -> tuple[FloatArray, FloatArray]:
    """log P(map | h) and log P(answers | h), untempered."""
    points = model.points
    if points is None:
        regions = _map_terms(
            seen,
            model.log_none_painful,
            model.log_pain_ratio,
            model.log_denied_ratio,
            model.log_no_pain,
            model.log_peak,
        )
    else:  # a muscle's map: a mixture over its trigger points (engine/points.py)
        parts = points.log_weight + _map_terms(
            seen,
            points.log_none_painful,
            points.log_pain_ratio,
            points.log_denied_ratio,
            points.log_no_pain,
            points.log_peak,
        )
        table = np.append(parts, -np.inf)[points.table]
        top = table.max(axis=1)
        regions = top + np.log(np.exp(table - top[:, None]).sum(axis=1))
    answers: FloatArray = np.zeros_like(regions)
    if seen.yes:
        answers = answers + model.log_yes[:, seen.yes].sum(axis=1)
    if seen.no:
        answers = answers + model.log_no[:, seen.no].sum(axis=1)
    return regions, answers


def model_joint(model: Model, seen: Observed) -> FloatArray:
    """log P(h) + log P(evidence | h) for every hypothesis, OTHER last, as the model has it.

    The region and finding terms are raised to ``Params.region_weight`` and
    ``Params.finding_weight`` (see docs/engine.md).
    """
    regions, answers = _terms(model, seen)
    params = model.params
    result: FloatArray = (
        model.log_prior + params.region_weight * regions + params.finding_weight * answers
    )
    return result


def log_joint(model: Model, seen: Observed) -> FloatArray:
    """The joint the engine ranks by: ``model_joint``, with the map tempered while it stands
    almost alone.

    Until ``CORROBORATING`` symptom questions (or all there are) have a yes or no, the
    map's weight is lowered (a search on one factor) just enough that no muscle holds
    more than ``MAP_ONLY_CAP``: a pain map alone overstates its case (docs/engine.md).
    """
    regions, answers = _terms(model, seen)
    params = model.params
    base = model.log_prior + params.finding_weight * answers
    weighted = params.region_weight * regions
    joint: FloatArray = base + weighted
    needed = min(CORROBORATING, int(model.ranking_findings.sum()))
    if len(seen.yes) + len(seen.no) >= needed or len(joint) < 2:
        return joint
    if normalise(joint)[:-1].max() <= MAP_ONLY_CAP:
        return joint
    low, high = 0.0, 1.0
    for _ in range(BISECTIONS):
        mid = (low + high) / 2
        x = base + mid * weighted
        z = np.exp(x - x.max())
        low, high = (mid, high) if z[:-1].max() / z.sum() < MAP_ONLY_CAP else (low, mid)
    result: FloatArray = base + low * weighted
    return result


def normalise(log_weights: FloatArray, axis: int = 0) -> FloatArray:
    """Softmax along ``axis``: log weights to probabilities."""
    shifted = log_weights - log_weights.max(axis=axis, keepdims=True)
    weights = np.exp(shifted)
    result: FloatArray = weights / weights.sum(axis=axis, keepdims=True)
    return result


def posterior(model: Model, evidence: Evidence) -> FloatArray:
    """P(h | evidence) for every hypothesis; the last entry is "none of these muscles"."""
    return normalise(log_joint(model, observe(model, evidence)))


def entropy(p: FloatArray, axis: int = 0) -> FloatArray:
    """Shannon entropy in bits along ``axis``."""
    safe = np.where(p > 0, p, 1.0)
    result: FloatArray = -(p * np.log2(safe)).sum(axis=axis)
    return result
