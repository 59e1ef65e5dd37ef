"""The description box on the assessment page: what was understood from the person's own
words, drawn as proposals they confirm, change or remove (``POST /assess/understand``).

The understanding itself is ``myomap.understand``; this module only prepares what the
fragment needs beyond the reply: for each proposed region, the same region on the other side,
so the person can correct a side without touching the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from myomap.atlas import Atlas
from myomap.understand.model import Understanding

__all__ = ["SIDE_WORDS", "RegionChoice", "region_choices"]

SIDE_WORDS = {
    "stated": "side as you said",
    "carried": "side from what you said before",
    "same": "on the same side",
    "opposite": "on the other side",
    "both": "both sides, as you said",
    "unstated": "side not said: both sides proposed, remove the wrong one",
    "midline": "middle of the body",
}
"""How each proposed region's side was found, in the words the page shows."""


@dataclass(frozen=True)
class RegionChoice:
    """A proposed region as the page shows it: its name without the side, and the sides the
    person may choose from (none for a region in the middle of the body)."""

    name: str
    sides: tuple[tuple[str, str], ...]


def region_choices(atlas: Atlas, understanding: Understanding) -> dict[str, RegionChoice]:
    """For each proposed region id, its name and its (region id, side) variants, right first."""
    by_base: dict[str, dict[str, str]] = {}
    for region in atlas.regions.values():
        by_base.setdefault(region.base, {})[region.side] = region.id
    choices: dict[str, RegionChoice] = {}
    for item in understanding.regions:
        region = atlas.regions[item.region]
        variants = by_base.get(region.base, {})
        pairs = tuple((variants[s], s) for s in ("right", "left") if s in variants)
        name = region.label.removesuffix(f" ({region.side})")
        choices[item.region] = RegionChoice(name, pairs if len(pairs) > 1 else ())
    return choices
