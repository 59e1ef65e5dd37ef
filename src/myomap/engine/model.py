"""The atlas compiled once into arrays: the noisy-OR network the engine queries.

Hypotheses are (muscle, side) pairs: a paired muscle gives a right and a left hypothesis,
a midline muscle one. For hypothesis ``h`` and region ``r``, ``zone[h, r]`` is the chance that
an active ``h`` makes ``r`` hurt (``ESSENTIAL``, ``SPILLOVER``, or ``LOCAL`` for the region
where a trigger point lies: the strongest of any of its trigger points); a region is
painful for any other reason with the small chance ``LEAK``.
For finding ``f``, ``yes[h, f]`` is the chance of a "yes" when ``h`` is active: the
muscle's own likelihood where the atlas gives one (a value below the finding's default
speaks against the muscle), otherwise the finding's default.
A final row ``OTHER`` stands for "none of these muscles": its regions hurt with chance
``OTHER_REGION`` and its findings follow their defaults. See docs/engine.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from myomap.atlas.model import Atlas
from myomap.atlas.schema import Muscle, Side, Zone

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
]

ESSENTIAL = 0.6
"""Chance that an active muscle's essential zone is marked as painful."""
SPILLOVER = 0.2
"""Chance that an active muscle's spillover zone is marked as painful."""
LEAK = 0.02
"""Chance that a region hurts for a reason outside the hypothesis (noisy-OR leak)."""
OTHER_REGION = 0.05
"""Chance that a region hurts under "none of these muscles"."""
OTHER_PRIOR = 0.15
"""Prior probability that no muscle of the atlas causes the pain."""

LOCAL = 0.2
"""Chance that the region over an active trigger point itself is marked as painful."""

ROLE_NONE, ROLE_LOCAL, ROLE_SPILLOVER, ROLE_ESSENTIAL = 0, 1, 2, 3
ROLE_NAMES = {ROLE_LOCAL: "local", ROLE_SPILLOVER: "spillover", ROLE_ESSENTIAL: "essential"}

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Params:
    """The model's few numbers (see docs/engine.md); the defaults are the module constants."""

    essential: float = ESSENTIAL
    spillover: float = SPILLOVER
    local: float = LOCAL
    leak: float = LEAK
    other_region: float = OTHER_REGION
    other_prior: float = OTHER_PRIOR

    def zone_chances(self) -> list[float]:
        """Chance per role code (none, local, spillover, essential)."""
        return [0.0, self.local, self.spillover, self.essential]


@dataclass(frozen=True)
class Hypothesis:
    muscle: str
    side: str  # "right", "left" or "midline"


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
    role: NDArray[np.int8]  # (H, R) zone role per muscle hypothesis
    log_prior: FloatArray  # (H+1,)
    log_pain: FloatArray  # (H+1, R) log P(region painful | h)
    log_no_pain: FloatArray  # (H+1, R) log P(region not painful | h)
    log_none_painful: FloatArray  # (H+1,) log P(no region painful | h)
    log_pain_ratio: FloatArray  # (H+1, R) log_pain - log_no_pain
    yes: FloatArray  # (H+1, F) P(finding yes | h)
    log_yes: FloatArray  # (H+1, F)
    log_no: FloatArray  # (H+1, F)
    ranking_findings: NDArray[np.bool_]  # (F,) findings that can rank muscles (not red flags)

    @property
    def other(self) -> int:
        """Row index of the "none of these muscles" hypothesis."""
        return len(self.hypotheses)


def _sides(muscle: Muscle) -> list[str]:
    return ["midline"] if muscle.laterality == "midline" else ["right", "left"]


def zone_regions(zone: Zone, muscle_side: str, paired: bool) -> list[str]:
    """Region ids a zone covers for a muscle on ``muscle_side``."""
    if not paired:
        return [zone.region]
    side: Side = zone.side
    if muscle_side == "midline" or side == "both":
        return [f"{zone.region}_r", f"{zone.region}_l"]
    same = "r" if muscle_side == "right" else "l"
    other = "l" if same == "r" else "r"
    return [f"{zone.region}_{other if side == 'opposite' else same}"]


def compile_model(atlas: Atlas, params: Params | None = None) -> Model:
    """Build the arrays once; ranking and questions are then pure array arithmetic."""
    params = params or Params()
    regions = tuple(atlas.regions)
    region_index = {r: i for i, r in enumerate(regions)}
    findings = tuple(atlas.findings)
    finding_index = {f: i for i, f in enumerate(findings)}
    hypotheses = tuple(Hypothesis(m.id, s) for m in atlas.muscles.values() for s in _sides(m))

    n_h, n_r, n_f = len(hypotheses), len(regions), len(findings)
    role = np.zeros((n_h, n_r), dtype=np.int8)
    yes = np.empty((n_h + 1, n_f))
    default = np.array([atlas.findings[f].default for f in findings])
    prior = np.empty(n_h + 1)

    for h, hyp in enumerate(hypotheses):
        muscle = atlas.muscles[hyp.muscle]
        for tp in muscle.trigger_points:
            # A trigger point is also tender where it lies: local pain, unless a zone says more.
            here = atlas.region_specs[tp.position.region]
            for rid in zone_regions(
                Zone(region=here.id, role="spillover", side="same" if here.paired else "midline"),
                hyp.side,
                here.paired,
            ):
                i = region_index[rid]
                role[h, i] = max(role[h, i], ROLE_LOCAL)
            for zone in tp.referral:
                paired = atlas.region_specs[zone.region].paired
                code = ROLE_ESSENTIAL if zone.role == "essential" else ROLE_SPILLOVER
                for rid in zone_regions(zone, hyp.side, paired):
                    i = region_index[rid]
                    role[h, i] = max(role[h, i], code)
        yes[h] = default
        for fid, p in muscle.findings.items():
            yes[h, finding_index[fid]] = p
        prior[h] = muscle.prior.prevalence / len(_sides(muscle))
    yes[n_h] = default

    prior[:n_h] *= (1.0 - params.other_prior) / prior[:n_h].sum() if n_h else 0.0
    prior[n_h] = params.other_prior

    chance: FloatArray = np.choose(role, params.zone_chances())
    pain: FloatArray = np.vstack(
        [1.0 - (1.0 - params.leak) * (1.0 - chance), np.full((1, n_r), params.other_region)]
    )
    ranking = np.array([atlas.findings[f].category != "red_flag" for f in findings], dtype=bool)
    return Model(
        atlas=atlas,
        params=params,
        hypotheses=hypotheses,
        regions=regions,
        region_index=region_index,
        findings=findings,
        finding_index=finding_index,
        role=role,
        log_prior=np.log(prior),
        log_pain=np.log(pain),
        log_no_pain=np.log1p(-pain),
        log_none_painful=np.log1p(-pain).sum(axis=1),
        log_pain_ratio=np.log(pain) - np.log1p(-pain),
        yes=yes,
        log_yes=np.log(yes),
        log_no=np.log1p(-yes),
        ranking_findings=ranking,
    )
