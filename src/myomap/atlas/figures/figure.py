"""Read the body-map figures (front and back SVG) shipped as package data.

Each figure is an SVG with one ``<path class="region">`` per body region.  This module reads
the raw SVG, keeps every region's path, and answers hit-tests in the figure's coordinate
system (``viewBox="0 0 240 560"``) on polygons sampled from the paths when first needed.
"""

from __future__ import annotations

import functools
import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Literal

View = Literal["front", "back"]
VIEWS: tuple[View, ...] = ("front", "back")
WIDTH: float = 240.0
HEIGHT: float = 560.0

SVG_NS = "http://www.w3.org/2000/svg"
MIN_POINTS = 64
Point = tuple[float, float]
Polygon = tuple[Point, ...]


def mirror_x(x: float) -> float:
    """Mirror an x coordinate about the figure's midline (left/right swap)."""
    return WIDTH - x


def polygon_from_path(d: str, min_points: int = MIN_POINTS) -> Polygon:
    """Sample an SVG path's outline into a polygon (first subpath only matters here)."""
    import numpy as np  # path geometry: the checker and hit tests only
    from svgelements import Move, Path

    segments = [seg for seg in Path(d) if not isinstance(seg, Move) and seg.start is not None]
    if not segments:
        raise ValueError("path has no drawable segments")
    per_segment = max(2, math.ceil(min_points / len(segments)))
    positions = np.arange(per_segment) / per_segment
    pts: list[Point] = []
    for seg in segments:  # each segment's points at once (svgelements' NumPy form)
        pts += [(float(x), float(y)) for x, y in seg.npoint(positions)]
    return tuple(pts)


def _point_in_polygon(poly: Polygon, x: float, y: float) -> bool:
    inside = False
    n = len(poly)
    j = n - 1
    for i in range(n):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y):
            x_cross = xi + (y - yi) * (xj - xi) / (yj - yi)
            if x < x_cross:
                inside = not inside
        j = i
    return inside


@dataclass(frozen=True)
class Shape:
    """One clickable region of a figure. Its outline is sampled into a polygon on first use
    (hit tests, areas, the checker): drawing it needs only the path."""

    region: str
    view: View
    d: str
    samples: int = field(default=MIN_POINTS, compare=False)

    @functools.cached_property
    def polygon(self) -> Polygon:
        """The outline sampled at ``samples`` points or more."""
        return polygon_from_path(self.d, self.samples)

    @functools.cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) around the polygon."""
        xs = [p[0] for p in self.polygon]
        ys = [p[1] for p in self.polygon]
        return (min(xs), min(ys), max(xs), max(ys))

    def contains(self, x: float, y: float) -> bool:
        """Ray-casting point-in-polygon test."""
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        return _point_in_polygon(self.polygon, x, y)

    @property
    def area(self) -> float:
        """Unsigned area of the polygon (shoelace formula)."""
        poly = self.polygon
        s = 0.0
        for (xa, ya), (xb, yb) in zip(poly, poly[1:] + poly[:1], strict=True):
            s += xa * yb - xb * ya
        return abs(s) / 2

    @property
    def centroid(self) -> tuple[float, float]:
        """Area centroid of the polygon (vertex mean for degenerate polygons)."""
        poly = self.polygon
        a = cx = cy = 0.0
        for (xa, ya), (xb, yb) in zip(poly, poly[1:] + poly[:1], strict=True):
            cross = xa * yb - xb * ya
            a += cross
            cx += (xa + xb) * cross
            cy += (ya + yb) * cross
        if abs(a) < 1e-9:
            n = len(poly)
            return (sum(p[0] for p in poly) / n, sum(p[1] for p in poly) / n)
        return (cx / (3 * a), cy / (3 * a))


@dataclass(frozen=True)
class Figure:
    """One view of the body map."""

    view: View
    svg: str
    shapes: Mapping[str, Shape]

    def region_at(self, x: float, y: float) -> str | None:
        """The region under a point; where shapes overlap, the smallest one wins."""
        hits = [s for s in self.shapes.values() if s.contains(x, y)]
        if not hits:
            return None
        return min(hits, key=lambda s: (s.area, s.region)).region

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies inside any region shape."""
        return any(s.contains(x, y) for s in self.shapes.values())


def _read_svg(view: View) -> str:
    return (
        resources.files("myomap.atlas.figures").joinpath("data", f"{view}.svg").read_text("utf-8")
    )


def parse_figure(view: View, svg: str) -> Figure:
    """Parse SVG text into a Figure (no package data involved)."""
    root = ET.fromstring(svg)
    shapes: dict[str, Shape] = {}
    for el in root.iter(f"{{{SVG_NS}}}path"):
        if "region" not in (el.get("class") or "").split():
            continue
        region = el.get("data-region")
        d = el.get("d")
        if not region or not d:
            raise ValueError(f"{view}: region path without data-region or d")
        if region in shapes:
            raise ValueError(f"{view}: duplicate region {region}")
        shapes[region] = Shape(region=region, view=view, d=d)
    return Figure(view=view, svg=svg, shapes=MappingProxyType(shapes))


@functools.cache
def load_figure(view: View) -> Figure:
    """Load one figure from package data (cached)."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}")
    return parse_figure(view, _read_svg(view))
