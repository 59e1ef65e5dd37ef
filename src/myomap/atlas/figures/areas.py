"""How much of the body figures each region covers, summed over the front and back views.

Read from ``data/areas.json``, which is measured from the figures' own shapes
(``measure_areas``): reading the numbers instead of parsing both drawings saves a few tenths
of a second in every process that reports pain extent (a PDF, the history page).
``tests/test_bodymap.py`` keeps the file equal to the figures, and ``python
tools/figure_areas.py`` rewrites it after the figures change.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib import resources

from myomap.atlas.figures.figure import VIEWS, load_figure

__all__ = [
    "AREAS_FILE",
    "drawn_pain",
    "drawn_parts",
    "figures_total",
    "measure_areas",
    "region_areas",
    "stored",
]

AREAS_FILE = "areas.json"


def measure_areas(
    parts: Mapping[str, Iterable[str]] | None = None,
    inside: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, object]:
    """``{"total", "regions", "shown"}`` over both figures, measured from the drawings (slow:
    parses both): the figures' area (each shape once), each region's area, and how each
    region that is not drawn as itself shows on them.

    ``parts``: coarse regions and their parts (``Atlas.parts``); one tiled by two or more
    drawn parts shows as them, and its area is theirs. ``inside``: regions not drawn (inside
    the body) and the regions they lie within; they show on those (a mark on the rectum
    shades the perineum) and add no area of their own.
    """
    areas: dict[str, float] = defaultdict(float)
    for view in VIEWS:
        for region, shape in load_figure(view).shapes.items():
            areas[region] += shape.area
    total = sum(areas.values())
    shown: dict[str, list[str]] = {}
    for region, pieces in (parts or {}).items():
        pieces = sorted(pieces)
        if region not in areas and len(pieces) >= 2 and all(p in areas for p in pieces):
            shown[region] = pieces
            areas[region] = sum(areas[p] for p in pieces)
    for region, outer in (inside or {}).items():
        drawn = sorted(p for p in outer if p in areas)
        if region not in areas and drawn:
            shown[region] = drawn
    regions = {region: round(area, 6) for region, area in sorted(areas.items())}
    return {"total": round(total, 6), "regions": regions, "shown": dict(sorted(shown.items()))}


@functools.cache
def stored() -> dict[str, object]:
    """The measured areas as stored next to the drawings (``measure_areas``)."""
    data = resources.files("myomap.atlas.figures").joinpath("data", AREAS_FILE)
    found: dict[str, object] = json.loads(data.read_text("utf-8"))
    return found


def region_areas() -> dict[str, float]:
    """Area of each region over both figures."""
    regions = stored()["regions"]
    assert isinstance(regions, dict)
    return regions


def drawn_parts(regions: Iterable[str]) -> set[str]:
    """The drawn regions these regions show on: a coarse region tiled by its parts becomes
    those parts (so skin marked twice, the back of the thigh and its upper half, counts
    once), and a region inside the body the drawn regions it lies within."""
    shown = stored()["shown"]
    assert isinstance(shown, dict)
    out: set[str] = set()
    for region in regions:
        out.update(shown.get(region, [region]))
    return out


def drawn_pain(pain: Mapping[str, int]) -> dict[str, int]:
    """Intensities on the drawn shapes (the strongest where a region and its part overlap)."""
    out: dict[str, int] = {}
    for rid, intensity in pain.items():
        for part in drawn_parts([rid]):
            out[part] = max(out.get(part, 0), intensity)
    return out


def figures_total() -> float:
    """The area of both figures (each drawn shape once)."""
    return float(str(stored()["total"]))
