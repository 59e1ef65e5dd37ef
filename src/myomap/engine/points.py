"""A muscle's map likelihood as a mixture over its trigger points.

A muscle with several trigger points seldom has all of them active at once: a trigger point
in the medial head of the triceps gives outer-elbow pain without the back-of-arm pain of the
long head. So the map likelihood of a muscle hypothesis is a mixture: ``Params.whole_muscle``
of it is the whole-muscle pattern (every point at once, as ``model.py`` compiles it), the rest
is shared equally by its trigger points, each with only its own zones. A muscle with one
trigger point has one component. ``infer.py`` sums the components (log-sum-exp). For a muscle
active on both sides, each component is one point active on both sides (a bilateral pattern is
usually symmetric).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from myomap.atlas.model import Atlas
from myomap.engine.zones import (
    ROLE_ESSENTIAL,
    FloatArray,
    marked_chance,
    point_roles,
    share_roles,
)

__all__ = ["Points", "trigger_point_mixture"]


class Cause(Protocol):
    """A muscle hypothesis (``model.Hypothesis``)."""

    @property
    def muscle(self) -> str: ...

    @property
    def side(self) -> str: ...


class Numbers(Protocol):
    """The model's numbers this needs (``model.Params``)."""

    @property
    def whole_muscle(self) -> float: ...

    @property
    def neighbour(self) -> float: ...

    @property
    def leak(self) -> float: ...

    @property
    def marked(self) -> float: ...

    @property
    def peak(self) -> float: ...

    def zone_chances(self) -> list[float]: ...


@dataclass(frozen=True)
class Points:
    """The map likelihood of each muscle hypothesis as a mixture of components: the whole
    muscle's pattern, and each trigger point's own pattern (a person seldom has every point
    of a large muscle active at once). Component ``c`` belongs to hypothesis ``host[c]`` (the
    first rows are every hypothesis's whole pattern, "none of these" included); ``table[h]``
    lists the components of ``h``, padded with ``C``, one past the last component."""

    host: NDArray[np.intp]  # (C,)
    log_weight: FloatArray  # (C,)
    table: NDArray[np.intp]  # (H+1, K)
    log_none_painful: FloatArray  # (C,)
    log_pain_ratio: FloatArray  # (C, R)
    log_denied_ratio: FloatArray  # (C, R)
    log_no_pain: FloatArray  # (C, R)
    log_peak: FloatArray  # (C, R)


def trigger_point_mixture(
    atlas: Atlas,
    *,
    muscles_of: tuple[Cause, ...],
    params: Numbers,
    index: Mapping[str, int],
    adjacent: list[list[int]],
    union: tuple[FloatArray, FloatArray, FloatArray, FloatArray],
) -> Points | None:
    """The mixture over trigger points (``Points``); None when every muscle has one point or
    the whole-muscle pattern takes all the weight."""
    pain_ratio, denied_ratio, no_pain, peak = union  # every hypothesis row, OTHER last
    n_h, n_r = len(muscles_of), pain_ratio.shape[1]
    rows: list[NDArray[np.int8]] = []
    host: list[int] = list(range(n_h + 1))  # the whole-muscle rows and OTHER come first
    weight: list[float] = []
    for h, hyp in enumerate(muscles_of):
        points = atlas.muscles[hyp.muscle].trigger_points
        alone = len(points) == 1 or params.whole_muscle >= 1.0
        weight.append(1.0 if alone else params.whole_muscle)
        if alone:
            continue
        for point in points:
            rows.append(point_roles(atlas, point, hyp.side, index, n_r))
            host.append(h)
    if not rows:
        return None
    weight.append(1.0)  # OTHER has no trigger points
    count = {h: len(atlas.muscles[muscles_of[h].muscle].trigger_points) for h in host[n_h + 1 :]}
    weight += [(1.0 - params.whole_muscle) / count[h] for h in host[n_h + 1 :]]
    role = np.vstack(rows)
    chances = params.zone_chances()

    def marked(role: NDArray[np.int8]) -> FloatArray:
        zone_chance: FloatArray = np.choose(role, chances)
        return marked_chance(zone_chance, adjacent, leak=params.leak, neighbour=params.neighbour)

    own = marked(role)
    share_roles(role, atlas, index)
    hit = marked(role)
    hurts = np.minimum(hit / params.marked, 0.99)
    unmarked = np.log1p(-own)
    point_peak = np.full(role.shape, np.log(params.peak))
    point_peak[role == ROLE_ESSENTIAL] = 0.0
    all_no_pain = np.vstack([no_pain, unmarked])
    host_array = np.array(host, dtype=np.intp)
    width = int(np.bincount(host_array).max())
    table = np.full((n_h + 1, width), len(host), dtype=np.intp)  # padding: past the last
    filled = np.zeros(n_h + 1, dtype=np.intp)
    for c, h in enumerate(host):
        table[h, filled[h]] = c
        filled[h] += 1
    return Points(
        host=host_array,
        log_weight=np.log(np.array(weight)),
        table=table,
        log_none_painful=all_no_pain.sum(axis=1),
        log_pain_ratio=np.vstack([pain_ratio, np.log(hit) - unmarked]),
        log_denied_ratio=np.vstack([denied_ratio, np.log1p(-hurts) - unmarked]),
        log_no_pain=all_no_pain,
        log_peak=np.vstack([peak, point_peak]),
    )
