"""Where an active muscle's pain goes, region by region: the role of each region (essential,
spillover or local zone) for a trigger point or a whole muscle on a side, finer and coarser
regions sharing their zones, and the regions next to each other on the body figures."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from myomap.atlas.model import Atlas
from myomap.atlas.schema import Muscle, Side, TriggerPoint, Zone

__all__ = [
    "NEAR_DISTANCE",
    "ROLE_ESSENTIAL",
    "ROLE_LOCAL",
    "ROLE_NAMES",
    "ROLE_NONE",
    "ROLE_SPILLOVER",
    "FloatArray",
    "figure_adjacency",
    "marked_chance",
    "muscle_roles",
    "near_chance",
    "point_roles",
    "share_roles",
    "zone_regions",
]

FloatArray = NDArray[np.float64]

ROLE_NONE, ROLE_LOCAL, ROLE_SPILLOVER, ROLE_ESSENTIAL = 0, 1, 2, 3
ROLE_NAMES = {ROLE_LOCAL: "local", ROLE_SPILLOVER: "spillover", ROLE_ESSENTIAL: "essential"}

NEAR_DISTANCE = 3.0
"""Two regions are neighbours when their outlines on one figure come this close (of 240×560)."""


def zone_regions(zone: Zone, muscle_side: str, paired: bool) -> list[str]:
    """Region ids a zone covers for a muscle on ``muscle_side``."""
    if not paired:
        return [zone.region]
    side: Side = zone.side
    if muscle_side == "midline" or side == "both":
        return [f"{zone.region}_r", f"{zone.region}_l"]
    if muscle_side == "both":
        return [f"{zone.region}_r", f"{zone.region}_l"]
    same = "r" if muscle_side == "right" else "l"
    other = "l" if same == "r" else "r"
    return [f"{zone.region}_{other if side == 'opposite' else same}"]


@functools.cache
def _figure_pairs(distance: float) -> frozenset[tuple[str, str]]:
    """Pairs of region ids whose outlines on a built-in figure come within ``distance``."""
    from myomap.atlas.figures.figure import VIEWS, load_figure

    pairs: set[tuple[str, str]] = set()
    for view in VIEWS:
        shapes = list(load_figure(view).shapes.values())
        points = [np.array(s.polygon) for s in shapes]
        for i, a in enumerate(shapes):
            for j in range(i + 1, len(shapes)):
                b = shapes[j]
                if _far(a.bbox, b.bbox, distance):
                    continue
                gaps = points[i][:, None, :] - points[j][None, :, :]
                if float(np.sqrt((gaps**2).sum(axis=-1)).min()) <= distance:
                    pairs.add((a.region, b.region))
    return frozenset(pairs)


def _far(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float], d: float
) -> bool:
    return a[0] > b[2] + d or b[0] > a[2] + d or a[1] > b[3] + d or b[1] > a[3] + d


def _opposite_sides(a: str, b: str) -> bool:
    return {a[-2:], b[-2:]} == {"_r", "_l"}


def figure_adjacency(regions: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    """Neighbours of each region on the built-in body figures.

    Two regions are neighbours when their outlines on the same figure come within
    ``NEAR_DISTANCE``; a right region is never a neighbour of a left one (the gap between
    the legs or at the spine is a drawing detail, not a marking mistake).
    """
    out: dict[str, set[str]] = {r: set() for r in regions}
    for a, b in _figure_pairs(NEAR_DISTANCE):
        if a in out and b in out and not _opposite_sides(a, b):
            out[a].add(b)
            out[b].add(a)
    return {r: tuple(sorted(n)) for r, n in out.items()}


def point_roles(
    atlas: Atlas, point: TriggerPoint, side: str, index: Mapping[str, int], n_r: int
) -> NDArray[np.int8]:
    """Zone role of every region for one trigger point of a muscle active on ``side``."""
    role = np.zeros(n_r, dtype=np.int8)
    # A trigger point is also tender where it lies: local pain, unless a zone says more.
    here = atlas.region_specs[point.position.region]
    local = Zone(region=here.id, role="spillover", side="same" if here.paired else "midline")
    for rid in zone_regions(local, side, here.paired):
        role[index[rid]] = max(role[index[rid]], ROLE_LOCAL)
    for zone in point.referral:
        paired = atlas.region_specs[zone.region].paired
        code = ROLE_ESSENTIAL if zone.role == "essential" else ROLE_SPILLOVER
        for rid in zone_regions(zone, side, paired):
            role[index[rid]] = max(role[index[rid]], code)
    return role


def muscle_roles(
    atlas: Atlas, muscle: Muscle, side: str, index: Mapping[str, int], n_r: int
) -> NDArray[np.int8]:
    """Zone role of every region for ``muscle`` active on ``side``: the strongest over its
    trigger points."""
    role = np.zeros(n_r, dtype=np.int8)
    for point in muscle.trigger_points:
        role = np.maximum(role, point_roles(atlas, point, side, index, n_r))
    return role


def share_roles(role: NDArray[Any], atlas: Atlas, index: Mapping[str, int]) -> None:
    """Finer and coarser regions share their zones, in place: a zone on the back of the thigh
    covers its upper half, and a zone on the upper half is hit by a mark on the whole."""
    base = role.copy()
    for rid, region in atlas.regions.items():
        if region.within:
            child, parents = index[rid], [index[p] for p in region.within]
            role[:, child] = np.maximum(role[:, child], base[:, parents].max(axis=1))
            for parent in parents:
                role[:, parent] = np.maximum(role[:, parent], base[:, child])


def near_chance(chance: FloatArray, adjacent: list[list[int]], share: float) -> FloatArray:
    """Chance raised to ``share`` of the strongest neighbouring zone where that is larger."""
    spread = np.zeros_like(chance)
    for r, near in enumerate(adjacent):
        if near:
            spread[:, r] = chance[:, near].max(axis=1)
    result: FloatArray = np.maximum(chance, share * spread)
    return result


def marked_chance(
    zone_chance: FloatArray, adjacent: list[list[int]], *, leak: float, neighbour: float
) -> FloatArray:
    """Chance that each region is marked: its zone's chance, raised beside a stronger zone
    (``near_chance``), or a mark for another reason (``leak``)."""
    chance = near_chance(zone_chance, adjacent, neighbour)
    result: FloatArray = 1.0 - (1.0 - leak) * (1.0 - chance)
    return result
