"""Engine ratios: ``rank`` and ``lookup`` against a bare NumPy evaluation of the same posterior.

The floor is the least work that can produce the posterior for this model size: the
evidence already turned into index arrays, then a handful of NumPy calls (gather, sum,
softmax) over the compiled arrays. ``rank`` additionally validates the evidence, triages,
explains, picks the next question and builds the result; the ratio says what that costs.

    .venv/bin/python bench/floor.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine import random_evidence

from myomap.engine import Evidence, Model, lookup, rank
from myomap.engine.defaults import default_model
from myomap.engine.infer import observe, posterior

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Indexed:
    """One case's evidence as index arrays over the model (made before timing)."""

    painful: NDArray[np.intp]
    denied: NDArray[np.intp]
    covered: NDArray[np.intp]
    peak: NDArray[np.intp]
    yes: NDArray[np.intp]
    no: NDArray[np.intp]


def indexed(model: Model, evidence: Evidence) -> Indexed:
    seen = observe(model, evidence)

    def arr(values: list[int]) -> NDArray[np.intp]:
        return np.asarray(values, dtype=np.intp)

    return Indexed(
        arr(seen.painful_index),
        arr(getattr(seen, "denied_index", [])),
        arr(getattr(seen, "covered_index", [])),
        arr(getattr(seen, "peak_index", [])),
        arr(seen.yes),
        arr(seen.no),
    )


def floor(model: Model, case: Indexed) -> Floats:
    """The posterior over hypotheses in bare NumPy: the same numbers the engine computes."""
    points = model.points
    rows = model if points is None else points  # with trigger points: one row per component
    regions = rows.log_none_painful + rows.log_pain_ratio[:, case.painful].sum(axis=1)
    if case.denied.size:
        regions = regions + rows.log_denied_ratio[:, case.denied].sum(axis=1)
    if case.covered.size:  # regions overlapping a marked one carry no evidence
        regions = regions - rows.log_no_pain[:, case.covered].sum(axis=1)
    if case.peak.size:
        regions = regions + rows.log_peak[:, case.peak].mean(axis=1)
    if points is not None:  # a muscle's map is a mixture over its trigger points
        table = np.append(points.log_weight + regions, -np.inf)[points.table]
        top = table.max(axis=1)
        regions = top + np.log(np.exp(table - top[:, None]).sum(axis=1))
    answers = model.log_yes[:, case.yes].sum(axis=1) + model.log_no[:, case.no].sum(axis=1)
    params = model.params
    joint = (
        model.log_prior
        + getattr(params, "region_weight", 1.0) * regions
        + getattr(params, "finding_weight", 1.0) * answers
    )
    weights = np.exp(joint - joint.max())
    result: Floats = weights / weights.sum()
    return result


def interleaved_us(
    fns: list[Callable[[int], object]], n_cases: int, rounds: int
) -> list[list[float]]:
    """Mean microseconds per call of each function: one sample per round over all cases.

    The functions take turns case by case, so a burst of load from elsewhere on the
    machine hits all of them alike and their ratio stays meaningful.
    """
    samples: list[list[float]] = [[] for _ in fns]
    clock = time.perf_counter
    for _ in range(rounds):
        totals = [0.0] * len(fns)
        for i in range(n_cases):
            for k, fn in enumerate(fns):
                t0 = clock()
                fn(i)
                totals[k] += clock() - t0
        for k, total in enumerate(totals):
            samples[k].append(total / n_cases * 1e6)
    return samples


@dataclass(frozen=True)
class EngineRatios:
    floor_us: list[float]
    rank_us: list[float]
    lookup_us: list[float]
    cases: int
    shape: tuple[int, int, int]

    def ratio(self, samples: list[float]) -> tuple[float, float, float]:
        """Median, low and high of per-round ratios against the floor."""
        ratios = [s / f for s, f in zip(samples, self.floor_us, strict=True)]
        return statistics.median(ratios), min(ratios), max(ratios)


def measure(cases: int = 200, rounds: int = 15, seed: int = 1) -> EngineRatios:
    """Time floor, rank and lookup over the same random cases, interleaved round by round."""
    model = default_model()
    rng = random.Random(seed)
    evidence = [random_evidence(model, rng) for _ in range(cases)]
    index = [indexed(model, ev) for ev in evidence]
    for ev, case in zip(evidence, index, strict=True):
        if not np.allclose(floor(model, case), posterior(model, ev), rtol=1e-9, atol=1e-12):
            raise SystemExit("the bare NumPy floor no longer matches the engine's posterior")
    fns: list[Callable[[int], object]] = [
        lambda i: floor(model, index[i]),
        lambda i: rank(model, evidence[i]),
        lambda i: lookup(model, evidence[i]),
    ]
    interleaved_us(fns, cases, 1)  # warm up
    floor_us, rank_us, lookup_us = interleaved_us(fns, cases, rounds)
    shape = (len(model.hypotheses), len(model.regions), len(model.findings))
    return EngineRatios(floor_us, rank_us, lookup_us, cases, shape)


def main() -> None:
    r = measure()
    med = statistics.median
    print(f"floor {med(r.floor_us):.1f} µs, rank {med(r.rank_us):.1f} µs, ", end="")
    print(f"lookup {med(r.lookup_us):.1f} µs")
    for name, samples in (("rank", r.rank_us), ("lookup", r.lookup_us)):
        m, lo, hi = r.ratio(samples)
        print(f"{name} / floor: {m:.1f}× ({lo:.1f}–{hi:.1f})")


if __name__ == "__main__":
    main()
