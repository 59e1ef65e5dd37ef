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
from importlib import resources

from myomap.atlas.figures.figure import VIEWS, load_figure

__all__ = ["AREAS_FILE", "measure_areas", "region_areas"]

AREAS_FILE = "areas.json"


def measure_areas() -> dict[str, float]:
    """Area of each region over both figures, measured from the drawings (slow: parses both)."""
    areas: dict[str, float] = defaultdict(float)
    for view in VIEWS:
        for region, shape in load_figure(view).shapes.items():
            areas[region] += shape.area
    return {region: round(area, 6) for region, area in sorted(areas.items())}


@functools.cache
def region_areas() -> dict[str, float]:
    """Area of each region over both figures, as stored next to the drawings."""
    data = resources.files("myomap.atlas.figures").joinpath("data", AREAS_FILE)
    stored: dict[str, float] = json.loads(data.read_text("utf-8"))
    return stored
