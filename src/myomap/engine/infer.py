"""Posterior over hypotheses: the noisy-OR network of ``model.py`` queried with evidence."""

from __future__ import annotations

import numpy as np

from myomap.engine.evidence import Evidence
from myomap.engine.model import FloatArray, Model

__all__ = ["Observed", "entropy", "log_joint", "normalise", "observe", "posterior"]


class Observed:
    """Evidence turned into index arrays over the model's regions and findings."""

    __slots__ = ("no", "painful", "painful_index", "yes")

    def __init__(
        self, painful: FloatArray, painful_index: list[int], yes: list[int], no: list[int]
    ) -> None:
        self.painful = painful
        self.painful_index = painful_index
        self.yes = yes
        self.no = no


def observe(model: Model, evidence: Evidence) -> Observed:
    painful = np.zeros(len(model.regions))
    index = [model.region_index[region] for region in evidence.painful()]
    painful[index] = 1.0
    yes: list[int] = []
    no: list[int] = []
    for finding, answer in evidence.answered().items():
        i = model.finding_index[finding]
        if model.ranking_findings[i]:
            (yes if answer == "yes" else no).append(i)
    return Observed(painful, index, yes, no)


def log_joint(model: Model, seen: Observed) -> FloatArray:
    """log P(h) + log P(evidence | h) for every hypothesis, OTHER last."""
    # Every region counts as "not painful" unless marked: start from "none painful" and
    # swap in the painful ones, touching only their columns.
    out: FloatArray = model.log_prior + model.log_none_painful
    if seen.painful_index:
        out = out + model.log_pain_ratio[:, seen.painful_index].sum(axis=1)
    if seen.yes:
        out = out + model.log_yes[:, seen.yes].sum(axis=1)
    if seen.no:
        out = out + model.log_no[:, seen.no].sum(axis=1)
    return out


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
