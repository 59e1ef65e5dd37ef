"""Reasons: which painful regions a candidate explains, which answers speak for or against
it, and the small set of muscles that together best explain the whole pain map."""

from __future__ import annotations

import functools
from itertools import combinations

import numpy as np
from numpy.typing import NDArray

from myomap.engine.evidence import Evidence
from myomap.engine.infer import Observed
from myomap.engine.model import Model
from myomap.engine.result import AnswerWeight, ExplanationSet, Member, ZoneMatch
from myomap.engine.zones import ROLE_NAMES, ROLE_NONE

__all__ = ["EXTRA_MUSCLE_COST", "MAX_SET", "answer_weights", "best_set", "zone_matches"]

MAX_SET = 3
"""Largest number of muscles in an explanation set."""
SET_POOL = 8
"""The explanation set is drawn from this many leading candidates."""
EXTRA_MUSCLE_COST = float(np.log(0.1))
"""Log prior odds that one more muscle is active: each member must earn its place."""
WEIGHT_SHOWN = 0.05
"""Answers whose log likelihood ratio is smaller than this are not listed as reasons."""


def zone_matches(
    model: Model, h: int, painful: dict[str, int]
) -> tuple[list[ZoneMatch], list[str]]:
    """Painful regions hypothesis ``h`` refers to (strongest first), and the ones it does not."""
    explains: list[ZoneMatch] = []
    unexplained: list[str] = []
    for region, intensity in painful.items():
        r = model.region_index[region]
        role = int(model.role[h, r])
        if role == ROLE_NONE and not model.near[h, r]:
            unexplained.append(region)
            continue
        explains.append(
            ZoneMatch(
                region=region,
                label=model.atlas.regions[region].label,
                role=ROLE_NAMES[role] if role != ROLE_NONE else "near",
                intensity=intensity,
            )
        )
    order = {"essential": 0, "spillover": 1, "local": 2, "near": 3}
    explains.sort(key=lambda z: (order[z.role], -z.intensity))
    return explains, unexplained


def answer_weights(
    model: Model, h: int, seen: Observed
) -> tuple[list[AnswerWeight], list[AnswerWeight]]:
    """Answers that raise (for) or lower (against) ``h`` compared with "none of these"."""
    supporting: list[AnswerWeight] = []
    against: list[AnswerWeight] = []
    other = model.other
    for indices, answer, table in ((seen.yes, "yes", model.log_yes), (seen.no, "no", model.log_no)):
        for i in indices:
            weight = float(table[h, i] - table[other, i])
            if abs(weight) < WEIGHT_SHOWN:
                continue
            finding = model.atlas.findings[model.findings[i]]
            item = AnswerWeight(
                finding=finding.id,
                question=finding.question,
                answer="yes" if answer == "yes" else "no",
                weight=round(weight, 3),
            )
            (supporting if weight > 0 else against).append(item)
    supporting.sort(key=lambda a: -a.weight)
    against.sort(key=lambda a: a.weight)
    return supporting, against


@functools.cache
def _combinations(pool: int, largest: int) -> NDArray[np.intp]:
    """Every combination of 1..largest of ``pool`` members, padded with ``pool`` (no one)."""
    rows = [
        list(combo) + [pool] * (largest - size)
        for size in range(1, min(largest, pool) + 1)
        for combo in combinations(range(pool), size)
    ]
    return np.array(rows, dtype=np.intp).reshape(-1, largest)


def best_set(model: Model, seen: Observed, ranked: list[int], evidence: Evidence) -> ExplanationSet:
    """The combination of up to three leading muscles that best explains the pain map.

    Several trigger points are often active at once. Each combination is scored by the
    noisy-OR likelihood of the whole map with all its members active, plus a cost per
    member (``EXTRA_MUSCLE_COST``); the best score wins.
    """
    painful = evidence.painful()
    pool = ranked[:SET_POOL]
    if not painful or not pool:
        return ExplanationSet(members=[], explained=[], unexplained=list(painful), share=0.0)
    roles = model.role[pool]
    # Only regions that hurt or that a pool member refers to can change the score.
    columns = np.flatnonzero((roles != ROLE_NONE).any(axis=0) | (seen.painful > 0))
    roles = roles[:, columns]
    chance = np.choose(roles, model.params.zone_chances())
    miss = np.vstack([np.log1p(-chance), np.zeros((1, columns.size))])  # last row: no one
    combos = _combinations(len(pool), MAX_SET)
    none = np.log1p(-model.params.leak) + miss[combos].sum(
        axis=1
    )  # (combos, regions): log P(no pain)
    pain = np.log1p(-np.exp(none))
    obs = seen.painful[columns]
    # A muscle active on both sides costs like two muscles.
    weight = np.array([2 if model.hypotheses[h].side == "both" else 1 for h in pool] + [0])
    sizes = weight[combos].sum(axis=1)
    scores = (obs * pain + (1.0 - obs) * none).sum(axis=1) + sizes * EXTRA_MUSCLE_COST
    best = combos[int(np.argmax(scores))]
    members = [pool[i] for i in best if i < len(pool)]
    covered = (model.role[members] != ROLE_NONE).any(axis=0)
    explained = [r for r in painful if covered[model.region_index[r]]]
    unexplained = [r for r in painful if not covered[model.region_index[r]]]
    total = sum(painful.values())
    share = sum(painful[r] for r in explained) / total if total else 0.0
    return ExplanationSet(
        members=[
            Member(
                muscle=model.hypotheses[h].muscle,
                name=model.atlas.muscles[model.hypotheses[h].muscle].name,
                side=model.hypotheses[h].side,
            )
            for h in members
        ],
        explained=explained,
        unexplained=unexplained,
        share=round(share, 4),
    )
