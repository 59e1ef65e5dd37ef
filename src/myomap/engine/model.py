"""The atlas compiled once into arrays: the noisy-OR network the engine queries.

Hypotheses are (muscle, side) pairs: a paired muscle gives a right, a left and a "both"
hypothesis (the same muscle active on both sides, one cause for a bilateral pattern), a
midline muscle one. For hypothesis ``h`` and region ``r``, ``role[h, r]`` is the zone role
(``ESSENTIAL``, ``SPILLOVER``, or ``LOCAL`` for the region over a trigger point); a region
next to one of ``h``'s zones on the body figure gets a share (``Params.neighbour``) of that
zone's chance, because people often mark the region beside the one that hurts. A finer
region (the upper back of the thigh) and the coarser one it lies within share their zones. A region
is painful for any other reason with the small chance ``LEAK``.
For finding ``f``, ``yes[h, f]`` is the chance of a "yes" when ``h`` is active: the
muscle's own likelihood where the atlas gives one (a value below the finding's default
speaks against the muscle), otherwise the finding's default.
A final row ``OTHER`` stands for "none of these muscles": its regions hurt with chance
``OTHER_REGION`` and its findings follow their defaults. See docs/engine.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from myomap.atlas.model import Atlas
from myomap.atlas.schema import Muscle
from myomap.engine.points import Points, trigger_point_mixture
from myomap.engine.zones import (
    ROLE_ESSENTIAL,
    FloatArray,
    figure_adjacency,
    marked_chance,
    muscle_roles,
    near_chance,
    share_roles,
)

__all__ = [
    "ESSENTIAL",
    "LEAK",
    "OTHER_PRIOR",
    "OTHER_REGION",
    "SPILLOVER",
    "Hypothesis",
    "Model",
    "Params",
    "compile_model",
    "figure_adjacency",
]

ESSENTIAL = 0.6
"""Chance that an active muscle's essential zone is marked as painful."""
SPILLOVER = 0.2
"""Chance that an active muscle's spillover zone is marked as painful."""
LEAK = 0.02
"""Chance that a region hurts for a reason outside the hypothesis (noisy-OR leak)."""
OTHER_REGION = 0.05
"""Chance that a region hurts under "none of these muscles"."""
OTHER_PRIOR = 0.1
"""Prior probability that no muscle of the atlas causes the pain."""

LOCAL = 0.2
"""Chance that the region over an active trigger point itself is marked as painful."""


TRIAGE_ONLY = ("red_flag", "risk_factor")
"""Finding categories that are asked for safety and never move the ranking."""


@dataclass(frozen=True)
class Params:
    """The model's few numbers (see docs/engine.md); the defaults are the module constants."""

    essential: float = ESSENTIAL
    spillover: float = SPILLOVER
    local: float = LOCAL
    leak: float = LEAK
    other_region: float = OTHER_REGION
    other_prior: float = OTHER_PRIOR
    neighbour: float = 0.1
    """Share of a zone's chance given to a region next to it on the figure."""
    marked: float = 0.95
    """Chance that a person marks a region that hurts (so an unmarked region may still hurt)."""
    bilateral: float = 0.1
    """Share of a paired muscle's prior for the muscle active on both sides at once."""
    peak: float = 0.5
    """Factor for the most intense region when it is not one of the hypothesis's essential zones."""
    whole_muscle: float = 0.1
    """Weight of the whole-muscle pattern (all trigger points at once) in a muscle's map
    likelihood; the rest is shared by its trigger points one at a time (``points.py``)."""
    region_weight: float = 1.0
    """Exponent on the region likelihood (below 1 tempers an over-confident map)."""
    finding_weight: float = 1.0
    """Exponent on the finding likelihood."""

    def zone_chances(self) -> list[float]:
        """Chance per role code (none, local, spillover, essential)."""
        return [0.0, self.local, self.spillover, self.essential]


@dataclass(frozen=True)
class Hypothesis:
    muscle: str
    side: str  # "right", "left", "both" (a paired muscle on both sides) or "midline"


@dataclass(frozen=True)
class Model:
    """Arrays over hypotheses (rows; the last row is OTHER), regions and findings."""

    atlas: Atlas
    params: Params
    hypotheses: tuple[Hypothesis, ...]
    regions: tuple[str, ...]
    region_index: dict[str, int]
    findings: tuple[str, ...]
    finding_index: dict[str, int]
    neighbours: Mapping[str, tuple[str, ...]]  # region -> regions next to it on the figure
    overlaps: tuple[tuple[int, ...], ...]  # region -> regions covering part of its skin
    role: NDArray[np.int8]  # (H, R) zone role per muscle hypothesis
    near: NDArray[np.bool_]  # (H, R) region next to a zone, not a zone itself
    log_prior: FloatArray  # (H+1,)
    log_pain: FloatArray  # (H+1, R) log P(region marked painful | h)
    log_no_pain: FloatArray  # (H+1, R) log P(region left unmarked | h)
    log_none_painful: FloatArray  # (H+1,) log P(no region marked | h)
    log_pain_ratio: FloatArray  # (H+1, R) log_pain - log_no_pain
    log_denied_ratio: FloatArray  # (H+1, R) log P(asked, answered no | h) - log_no_pain
    ask_yes: FloatArray  # (H+1, R) P(yes when asked | h, region left unmarked)
    log_peak: FloatArray  # (H+1, R) log factor when r is the most intense region
    yes: FloatArray  # (H+1, F) P(finding yes | h)
    log_yes: FloatArray  # (H+1, F)
    log_no: FloatArray  # (H+1, F)
    ranking_findings: NDArray[np.bool_]  # (F,) findings that can rank muscles (not TRIAGE_ONLY)
    sex_specific: tuple[tuple[int, str], ...] = ()  # (finding index, sex) asked of one sex only
    points: Points | None = None  # the map likelihood as a mixture over trigger points

    @property
    def other(self) -> int:
        """Row index of the "none of these muscles" hypothesis."""
        return len(self.hypotheses)


def _sides(muscle: Muscle) -> list[str]:
    return ["midline"] if muscle.laterality == "midline" else ["right", "left", "both"]


def compile_model(
    atlas: Atlas,
    params: Params | None = None,
    adjacency: Mapping[str, tuple[str, ...]] | None = None,
) -> Model:
    """Build the arrays once; ranking and questions are then pure array arithmetic.

    ``adjacency`` maps each region to its neighbours; by default it is read off the
    built-in body figures (``figure_adjacency``).
    """
    params = params or Params()
    regions = tuple(atlas.regions)
    region_index = {r: i for i, r in enumerate(regions)}
    findings = tuple(atlas.findings)
    finding_index = {f: i for i, f in enumerate(findings)}
    hypotheses = tuple(Hypothesis(m.id, s) for m in atlas.muscles.values() for s in _sides(m))
    neighbours = figure_adjacency(atlas.regions) if adjacency is None else dict(adjacency)

    n_h, n_r, n_f = len(hypotheses), len(regions), len(findings)
    role = np.zeros((n_h, n_r), dtype=np.int8)
    yes = np.empty((n_h + 1, n_f))
    default = np.array([atlas.findings[f].default for f in findings])
    prior = np.empty(n_h + 1)
    for h, hyp in enumerate(hypotheses):
        muscle = atlas.muscles[hyp.muscle]
        role[h] = muscle_roles(atlas, muscle, hyp.side, region_index, n_r)
        yes[h] = default
        for fid, p in muscle.findings.items():
            yes[h, finding_index[fid]] = p
        share = {"midline": 1.0, "both": params.bilateral}.get(hyp.side, (1 - params.bilateral) / 2)
        prior[h] = muscle.prior.prevalence * share
    yes[n_h] = default
    prior[:n_h] *= (1.0 - params.other_prior) / prior[:n_h].sum() if n_h else 0.0
    prior[n_h] = params.other_prior

    adjacent = [
        [region_index[n] for n in neighbours.get(r, ()) if n in region_index] for r in regions
    ]
    both = [h for h, hyp in enumerate(hypotheses) if hyp.side == "both"]

    def chances(role: NDArray[np.int8]) -> tuple[FloatArray, FloatArray]:
        """Chance that each region is marked (OTHER last), and the zone chance alone."""
        zone_chance: FloatArray = np.choose(role, params.zone_chances())
        if both:
            # Both sides active: each side's zones hurt independently (noisy-OR of the two).
            right, left = np.array(both) - 2, np.array(both) - 1
            zone_chance[both] = 1 - (1 - zone_chance[right]) * (1 - zone_chance[left])
        marked = np.vstack(
            [
                marked_chance(zone_chance, adjacent, leak=params.leak, neighbour=params.neighbour),
                np.full((1, n_r), params.other_region),
            ]
        )
        return marked, zone_chance

    # A mark counts with the zones shared between finer and coarser regions; an unmarked
    # region only with its own, so unmarked skin is never counted twice (docs/engine.md).
    own_marked, _ = chances(role.copy())
    share_roles(role, atlas, region_index)
    marked, zone_chance = chances(role)
    near = (near_chance(zone_chance, adjacent, params.neighbour) > zone_chance) & (role == 0)
    hurts = np.minimum(marked / params.marked, 0.99)
    log_pain, log_unmarked = np.log(marked), np.log1p(-own_marked)
    # "None of these muscles" has no pattern: a marked region has chance OTHER_REGION, and an
    # unmarked one costs no more than under a muscle away from its zones.
    log_unmarked[n_h] = np.log1p(-params.leak)
    peak = np.full((n_h + 1, n_r), np.log(params.peak))
    peak[:n_h][role == ROLE_ESSENTIAL] = 0.0
    # Warning signs and risk factors are for triage only: they never rank muscles.
    ranking = np.array(
        [atlas.findings[f].category not in TRIAGE_ONLY for f in findings], dtype=bool
    )
    pain_ratio, denied_ratio = log_pain - log_unmarked, np.log1p(-hurts) - log_unmarked
    points = trigger_point_mixture(
        atlas,
        muscles_of=hypotheses,
        params=params,
        index=region_index,
        adjacent=adjacent,
        union=(pain_ratio, denied_ratio, log_unmarked, peak),
    )
    return Model(
        atlas=atlas,
        params=params,
        hypotheses=hypotheses,
        regions=regions,
        region_index=region_index,
        findings=findings,
        finding_index=finding_index,
        neighbours=neighbours,
        overlaps=tuple(tuple(region_index[o] for o in atlas.overlapping(r)) for r in regions),
        role=role,
        near=near,
        log_prior=np.log(prior),
        log_pain=log_pain,
        log_no_pain=log_unmarked,
        log_none_painful=log_unmarked.sum(axis=1),
        log_pain_ratio=pain_ratio,
        log_denied_ratio=denied_ratio,
        ask_yes=(hurts - marked) / (1.0 - marked),
        log_peak=peak,
        yes=yes,
        log_yes=np.log(yes),
        log_no=np.log1p(-yes),
        ranking_findings=ranking,
        sex_specific=tuple(
            (i, str(atlas.findings[f].sex))
            for i, f in enumerate(findings)
            if atlas.findings[f].sex is not None
        ),
        points=points,
    )
