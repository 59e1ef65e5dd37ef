"""What pages and the API show about the atlas: groups, indexes, referral patterns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from myomap.atlas import Atlas
from myomap.atlas.figures.areas import drawn_parts
from myomap.atlas.schema import Muscle, Region, Role
from myomap.engine.zones import zone_regions

if TYPE_CHECKING:
    from myomap.atlas.figures import View

__all__ = [
    "GROUP_LABELS",
    "Marker",
    "body_groups",
    "group_label",
    "markers",
    "muscle_index",
    "muscle_sides",
    "referral_pattern",
    "region_data",
    "region_groups",
]

GROUP_LABELS = {
    "head": "Head and face",
    "neck": "Neck",
    "shoulder": "Shoulder",
    "upper_back": "Upper back",
    "low_back": "Low back",
    "chest": "Chest",
    "abdomen": "Belly",
    "upper_limb": "Arm and hand",
    "pelvis": "Pelvis, buttock and groin",
    "lower_limb": "Leg and foot",
}


def group_label(group: str) -> str:
    return GROUP_LABELS.get(group, group.replace("_", " ").capitalize())


def region_groups(atlas: Atlas) -> list[tuple[str, list[Region]]]:
    """Regions by body group, in atlas order (for the list alternative to the figures)."""
    groups: dict[str, list[Region]] = {}
    for region in atlas.regions.values():
        groups.setdefault(region.group, []).append(region)
    return list(groups.items())


def muscle_sides(muscle: Muscle) -> list[str]:
    return ["midline"] if muscle.laterality == "midline" else ["right", "left"]


def referral_pattern(atlas: Atlas, muscle: Muscle, side: str) -> dict[str, Role]:
    """Region id -> the strongest role any trigger point gives it, for the muscle on ``side``."""
    pattern: dict[str, Role] = {}
    for tp in muscle.trigger_points:
        for zone in tp.referral:
            paired = atlas.region_specs[zone.region].paired
            for region in zone_regions(zone, side, paired):
                if pattern.get(region) != "essential":
                    pattern[region] = zone.role
    return pattern


def region_data(atlas: Atlas, *fields: str) -> dict[str, dict[str, object]]:
    """What a page's script knows of each region: the ``fields`` asked for and, for a region
    not drawn as itself, ``shown``: the drawn shapes it shows on (the halves of the back of
    the thigh; the regions a region inside the body lies within)."""
    out: dict[str, dict[str, object]] = {}
    for region in atlas.regions.values():
        entry: dict[str, object] = {f: getattr(region, f) for f in fields}
        shown = sorted(drawn_parts([region.id]))
        if shown != [region.id]:
            entry["shown"] = shown
        out[region.id] = entry
    return out


def body_groups(atlas: Atlas, muscle: Muscle) -> list[str]:
    """Body groups where the muscle refers essential pain (where a person would feel it)."""
    groups = {
        atlas.region_specs[z.region].group
        for tp in muscle.trigger_points
        for z in tp.referral
        if z.role == "essential"
    }
    return [g for g in dict.fromkeys(r.group for r in atlas.regions.values()) if g in groups]


def muscle_index(atlas: Atlas) -> tuple[list[tuple[str, list[Muscle]]], list[Muscle]]:
    """Muscles by body group (a muscle may sit in several) and all muscles A–Z."""
    by_name = sorted(atlas.muscles.values(), key=lambda m: m.name.lower())
    by_group: dict[str, list[Muscle]] = {g: [] for g, _ in region_groups(atlas)}
    for muscle in by_name:
        for group in body_groups(atlas, muscle):
            by_group[group].append(muscle)
    return [(g, ms) for g, ms in by_group.items() if ms], by_name


@dataclass(frozen=True)
class Marker:
    """A trigger point drawn on a figure."""

    id: str
    name: str
    view: View
    x: float
    y: float


def markers(muscle: Muscle, side: str = "right") -> list[Marker]:
    """Trigger point positions in figure units; a left-side muscle is drawn mirrored."""
    # The checker's geometry (YAML reader, SVG paths) loads on the first muscle page only.
    from myomap.atlas.check import trigger_point_xy
    from myomap.atlas.figures import load_figure, mirror_x

    out: list[Marker] = []
    for tp in muscle.trigger_points:
        xy = trigger_point_xy(tp.position, load_figure(tp.position.view))
        if xy is None:
            continue
        x = mirror_x(xy[0]) if side == "left" else xy[0]
        out.append(Marker(tp.id, tp.name, tp.position.view, round(x, 1), round(xy[1], 1)))
    return out
