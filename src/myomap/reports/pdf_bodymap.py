"""Body maps in the PDF, drawn as vector paths from the same SVG figures as the web page."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from svgelements import Arc, Close, CubicBezier, Line, Move, Path, QuadraticBezier

from myomap.atlas.figures import HEIGHT, VIEWS, WIDTH, View, load_figure
from myomap.atlas.figures.areas import drawn_pain

__all__ = ["BodyMaps", "intensity_colour", "right_on_left"]

SVG_NS = "{http://www.w3.org/2000/svg}"
Op = tuple[str, tuple[float, ...]]
OUTLINE_FILL = colors.HexColor("#eaded5")
OUTLINE_STROKE = colors.HexColor("#8f7d71")
REGION_STROKE = colors.HexColor("#b9a89c")


def intensity_colour(intensity: int) -> colors.Color:
    """Pale yellow at 1 to deep red at 10 (the web page's scale, in print-safe tones)."""
    t = max(0, min(10, intensity)) / 10
    low, high = (1.0, 0.85, 0.45), (0.62, 0.05, 0.08)
    return colors.Color(*(a + (b - a) * t for a, b in zip(low, high, strict=True)))


@functools.cache
def _ops(d: str) -> tuple[Op, ...]:
    path = Path(d)
    path.approximate_arcs_with_cubics()
    ops: list[Op] = []
    for seg in path:
        if isinstance(seg, Move):
            ops.append(("M", (seg.end.x, seg.end.y)))
        elif isinstance(seg, Line):
            ops.append(("L", (seg.end.x, seg.end.y)))
        elif isinstance(seg, CubicBezier):
            c1, c2, end = seg.control1, seg.control2, seg.end
            ops.append(("C", (c1.x, c1.y, c2.x, c2.y, end.x, end.y)))
        elif isinstance(seg, QuadraticBezier):
            s, c, e = seg.start, seg.control, seg.end
            c1 = (s.x + 2 / 3 * (c.x - s.x), s.y + 2 / 3 * (c.y - s.y))
            c2 = (e.x + 2 / 3 * (c.x - e.x), e.y + 2 / 3 * (c.y - e.y))
            ops.append(("C", (*c1, *c2, e.x, e.y)))
        elif isinstance(seg, Close):
            ops.append(("Z", ()))
        elif isinstance(seg, Arc):  # pragma: no cover - replaced by cubics above
            ops.append(("L", (seg.end.x, seg.end.y)))
    return tuple((k, tuple(float(v) for v in vals)) for k, vals in ops)


@functools.cache
def _outline(view: View) -> tuple[str, ...]:
    root = ET.fromstring(load_figure(view).svg)
    return tuple(
        el.get("d", "")
        for g in root.iter(f"{SVG_NS}g")
        if "outline" in (g.get("class") or "").split()
        for el in g.iter(f"{SVG_NS}path")
    )


def _draw_path(canvas: Canvas, d: str, *, fill: colors.Color, stroke: colors.Color) -> None:
    path = canvas.beginPath()
    for kind, v in _ops(d):
        if kind == "M":
            path.moveTo(*v)
        elif kind == "L":
            path.lineTo(*v)
        elif kind == "C":
            path.curveTo(*v)
        else:
            path.close()
    canvas.setFillColor(fill)
    canvas.setStrokeColor(stroke)
    canvas.drawPath(path, fill=1, stroke=1)


def draw_figure(
    canvas: Canvas, view: View, pain: Mapping[str, int], x: float, y: float, height: float
) -> None:
    """One figure with the pain map, its bottom-left corner at (x, y)."""
    scale = height / HEIGHT
    canvas.saveState()
    canvas.translate(x, y + height)
    canvas.scale(scale, -scale)
    canvas.setLineWidth(1.2)
    canvas.setLineJoin(1)
    for d in _outline(view):
        _draw_path(canvas, d, fill=OUTLINE_FILL, stroke=OUTLINE_STROKE)
    canvas.setLineWidth(0.5)
    drawn = drawn_pain(pain)
    for region, shape in load_figure(view).shapes.items():
        intensity = drawn.get(region, 0)
        if intensity > 0:
            _draw_path(canvas, shape.d, fill=intensity_colour(intensity), stroke=REGION_STROKE)
    canvas.restoreState()


@functools.cache
def right_on_left(view: View) -> bool:
    """Whether the person's right side is drawn on the viewer's left (a front view): where
    the end points of the right-side regions' paths lie on average."""
    xs = [
        v[-2]
        for r, shape in load_figure(view).shapes.items()
        if r.endswith("_r")
        for kind, v in _ops(shape.d)
        if v
    ]
    return sum(xs) / len(xs) < WIDTH / 2


def _sides(canvas: Canvas, view: View, x: float, top: float, width: float) -> None:
    """ "R" and "L" at the figure's shoulders, on the person's right and left."""
    left, right = ("R", "L") if right_on_left(view) else ("L", "R")
    canvas.setFont("Helvetica-Bold", 8)
    canvas.setFillColor(colors.HexColor("#34495e"))
    canvas.drawString(x + 1, top - 9, left)
    canvas.drawRightString(x + width - 1, top - 9, right)


class BodyMaps(Flowable):
    """Pain maps side by side, each as a front and a back figure, with a caption."""

    def __init__(self, maps: Sequence[tuple[str, Mapping[str, int]]], *, height: float) -> None:
        super().__init__()
        self.maps = maps
        self.figure_height = height
        self.figure_width = height * WIDTH / HEIGHT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.figure_height + 30
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        slot = self.width / max(1, len(self.maps))
        for n, (caption, pain) in enumerate(self.maps):
            left = n * slot + (slot - 2 * self.figure_width - 6) / 2
            for k, view in enumerate(VIEWS):
                fx = left + k * (self.figure_width + 6)
                draw_figure(canvas, view, pain, fx, 16, self.figure_height)
                _sides(canvas, view, fx, 16 + self.figure_height, self.figure_width)
                canvas.setFont("Helvetica", 7)
                canvas.setFillColor(colors.HexColor("#5d6d7e"))
                canvas.drawCentredString(fx + self.figure_width / 2, 6, view)
            canvas.setFont("Helvetica-Bold", 8.5)
            canvas.setFillColor(colors.black)
            canvas.drawCentredString(n * slot + slot / 2, self.figure_height + 20, caption)
