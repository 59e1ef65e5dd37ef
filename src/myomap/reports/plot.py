"""A chart over time, drawn once as a reportlab ``Drawing``: the PDF places the drawing as it
is and the diary's history page shows it as SVG (``svg``), so both show the same chart.

A chart is a list of layers (a line, a low-high band, dots, markers along the top) over
dates, with a 0..top value axis, grid lines, day or month ticks and a legend row below.
Times are read as they are given (already in the zone to show); one day is one unit of x.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

__all__ = [
    "Band",
    "Dots",
    "Layer",
    "Trace",
    "day_ticks",
    "message",
    "svg",
    "time_chart",
    "value_ticks",
    "x_of",
]

WIDTH = 504.0
"""The drawing's width in points (7 inches); the PDF scales it to its frame."""
PLOT_HEIGHT = 118.0
LEFT, RIGHT, TOP, BOTTOM = 34.0, 10.0, 16.0, 22.0
LEGEND_ROW = 13.0
WIDER = 1.2
"""Room for a legend label: a browser without Helvetica draws the SVG in a wider font."""
FONT, SIZE, SMALL = "Helvetica", 8.0, 7.0
INK = colors.HexColor("#1f2933")
AXIS = colors.HexColor("#8a949e")
GRID = colors.HexColor("#e5e8eb")


def x_of(at: date | datetime) -> float:
    """A moment as days (a date is its noon, where a day's value is drawn)."""
    if isinstance(at, datetime):
        seconds = at.hour * 3600 + at.minute * 60 + at.second + at.microsecond / 1e6
        return at.toordinal() + seconds / 86400
    return at.toordinal() + 0.5


@dataclass(frozen=True)
class Trace:
    """A line through points, with a dot of ``dot`` points' radius at each (0: none)."""

    points: Sequence[tuple[date | datetime, float]]
    colour: str
    label: str = ""
    width: float = 1.4
    dot: float = 0.0


@dataclass(frozen=True)
class Band:
    """A filled band between a low and a high value at each moment."""

    points: Sequence[tuple[date | datetime, float, float]]
    colour: str
    label: str = ""


@dataclass(frozen=True)
class Dots:
    """Marks without a line: circles at their values, or triangles along the top."""

    points: Sequence[tuple[date | datetime, float]]
    colour: str
    label: str = ""
    radius: float = 1.7
    along_top: bool = False


Layer = Trace | Band | Dots


@dataclass(frozen=True)
class _Frame:
    """Where the plot area sits (``bottom`` up, ``PLOT_HEIGHT`` high) and how data maps in."""

    x0: float
    x1: float
    top: float
    bottom: float

    def x(self, days: float) -> float:
        return LEFT + (days - self.x0) / (self.x1 - self.x0) * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        return self.bottom + max(0.0, min(value, self.top)) / self.top * PLOT_HEIGHT


def _tint(colour: str, share: float) -> colors.Color:
    """``colour`` mixed with white (a pale fill that prints the same everywhere)."""
    c = colors.HexColor(colour)
    return colors.Color(*(1 - share * (1 - v) for v in (c.red, c.green, c.blue)))


def day_ticks(first: float, last: float, *, most: int = 8) -> list[tuple[float, str]]:
    """Ticks for days ``first``..``last`` (in days): at noon every 1, 2, 3, 7 or 14 days,
    or on the first of every 1, 2, 3, 6 or 12 months for longer spans."""
    start, end = date.fromordinal(math.floor(first)), date.fromordinal(math.floor(last))
    span = (end - start).days + 1
    for step in (1, 2, 3, 7, 14):
        if span / step <= most:
            days = [start + timedelta(days=n) for n in range(0, span, step)]
            return _labelled([(d.toordinal() + 0.5, d) for d in days], monthly=False)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in (1, 2, 3, 6, 12) if months / s <= most), 12 * math.ceil(months / 96))
    firsts = []
    for n in range(months + 1):
        month = start.month - 1 + n
        day = date(start.year + month // 12, month % 12 + 1, 1)
        if start <= day <= end and (day.year * 12 + day.month - 1) % step == 0:
            firsts.append((float(day.toordinal()), day))
    return _labelled(firsts, monthly=True)


def _labelled(ticks: list[tuple[float, date]], *, monthly: bool) -> list[tuple[float, str]]:
    """ "3 Mar", or "Mar" for months; the first tick and any in a new year carry the year."""
    out: list[tuple[float, str]] = []
    year = None
    for x, d in ticks:
        text = f"{d:%b}" if monthly else f"{d.day} {d:%b}"
        if d.year != year:
            text, year = f"{text} {d.year}", d.year
        out.append((x, text))
    return out


def value_ticks(highest: float) -> list[float]:
    """Round values from 0 up to the first at or above ``highest`` (at most 6): steps of 1, 2,
    2.5 or 5 times a power of ten."""
    raw = highest / 5
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(s * power for s in (1, 2, 2.5, 5, 10) if s * power >= raw)
    return [n * step for n in range(max(1, math.ceil(highest / step - 1e-9)) + 1)]


def _number(value: float) -> str:
    return f"{value:g}"


def _key_width(label: str) -> float:
    """Room for one legend entry: its 18-point sample, a gap, the label, a gap."""
    return 22 + WIDER * stringWidth(label, FONT, SMALL) + 12


def _legend(layers: Sequence[Layer]) -> list[list[Layer]]:
    """Legend entries laid out in rows that fit the width."""
    rows: list[list[Layer]] = [[]]
    used = LEFT
    for layer in layers:
        if not layer.label:
            continue
        need = _key_width(layer.label)
        if rows[-1] and used + need > WIDTH - RIGHT:
            rows.append([])
            used = LEFT
        rows[-1].append(layer)
        used += need
    return [r for r in rows if r]


def _key(layer: Layer, x: float, y: float) -> Group:
    """The legend's sample of a layer, 18 points wide, centred on height ``y``."""
    g = Group()
    if isinstance(layer, Band):
        swatch = Rect(x, y - 3.5, 18, 7)  # (its stubs type Rect's keywords wrongly)
        swatch.fillColor, swatch.strokeColor = _tint(layer.colour, 0.18), None
        g.add(swatch)
    elif isinstance(layer, Trace):
        g.add(Line(x, y, x + 18, y, strokeColor=colors.HexColor(layer.colour), strokeWidth=1.6))
        if layer.dot:
            g.add(
                Circle(
                    x + 9, y, layer.dot, fillColor=colors.HexColor(layer.colour), strokeColor=None
                )
            )
    else:
        g.add(_mark(layer, x + 9, y))
    return g


def _mark(layer: Dots, x: float, y: float) -> Circle | Polygon:
    fill = colors.HexColor(layer.colour)
    if layer.along_top:
        r = layer.radius + 1
        return Polygon([x - r, y + r, x + r, y + r, x, y - r], fillColor=fill, strokeColor=None)
    return Circle(x, y, layer.radius, fillColor=fill, strokeColor=None)


def _layer(frame: _Frame, layer: Layer, row: int) -> Group:
    g = Group()
    if isinstance(layer, Band):
        xs = [frame.x(x_of(at)) for at, _, _ in layer.points]
        lows = [frame.y(low) for _, low, _ in layer.points]
        highs = [frame.y(high) for _, _, high in layer.points]
        outline = [v for xy in zip(xs + xs[::-1], highs + lows[::-1], strict=True) for v in xy]
        if len(xs) > 1:
            g.add(Polygon(outline, fillColor=_tint(layer.colour, 0.18), strokeColor=None))
    elif isinstance(layer, Trace):
        xy = [(frame.x(x_of(at)), frame.y(v)) for at, v in layer.points]
        colour = colors.HexColor(layer.colour)
        if len(xy) > 1:
            flat = [v for p in xy for v in p]
            g.add(PolyLine(flat, strokeColor=colour, strokeWidth=layer.width, strokeLineJoin=1))
        for x, y in xy if layer.dot or len(xy) == 1 else []:
            g.add(Circle(x, y, layer.dot or 2, fillColor=colour, strokeColor=None))
    else:
        top = frame.bottom + PLOT_HEIGHT - 4 - 5 * row
        for at, v in layer.points:
            y = top if layer.along_top else frame.y(v)
            g.add(_mark(layer, frame.x(x_of(at)), y))
    return g


def time_chart(
    layers: Sequence[Layer], *, top: float, label: str, ticks: Sequence[float] | None = None
) -> Drawing:
    """A chart of ``layers`` over their dates, values from 0 to ``top``, the value axis
    named ``label`` above it, and a legend of the labelled layers below."""
    moments = [x_of(p[0]) for layer in layers for p in layer.points]
    first, last = math.floor(min(moments)), math.floor(max(moments)) + 1
    legend = _legend(layers)
    bottom = BOTTOM + LEGEND_ROW * len(legend)
    frame = _Frame(x0=first, x1=last, top=top, bottom=bottom)
    drawing = Drawing(WIDTH, bottom + PLOT_HEIGHT + TOP)
    plot_top = bottom + PLOT_HEIGHT
    for value in ticks if ticks is not None else value_ticks(top):
        y = frame.y(value)
        drawing.add(Line(LEFT, y, WIDTH - RIGHT, y, strokeColor=GRID, strokeWidth=0.6))
        drawing.add(Line(LEFT - 3, y, LEFT, y, strokeColor=AXIS, strokeWidth=0.6))
        drawing.add(
            String(
                LEFT - 5,
                y - 2.5,
                _number(value),
                fontName=FONT,
                fontSize=SIZE - 0.5,
                fillColor=INK,
                textAnchor="end",
            )
        )
    drawing.add(String(4, plot_top + 6, label, fontName=FONT, fontSize=SIZE, fillColor=INK))
    drawing.add(Line(LEFT, bottom, WIDTH - RIGHT, bottom, strokeColor=AXIS, strokeWidth=0.8))
    drawing.add(Line(LEFT, bottom, LEFT, plot_top, strokeColor=AXIS, strokeWidth=0.8))
    for x, text in day_ticks(first, last - 1e-6):
        at = frame.x(x)
        drawing.add(Line(at, bottom, at, bottom - 3, strokeColor=AXIS, strokeWidth=0.6))
        drawing.add(
            String(
                at,
                bottom - 11,
                text,
                fontName=FONT,
                fontSize=SIZE - 0.5,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    row = 0
    for layer in layers:
        drawing.add(_layer(frame, layer, row))
        if isinstance(layer, Dots) and layer.along_top:
            row += 1
    for n, entries in enumerate(legend):
        y = bottom - BOTTOM - LEGEND_ROW * n + 2
        x = LEFT
        for layer in entries:
            drawing.add(_key(layer, x, y))
            drawing.add(
                String(x + 22, y - 2.5, layer.label, fontName=FONT, fontSize=SMALL, fillColor=INK)
            )
            x += _key_width(layer.label)
    return drawing


def message(text: str) -> Drawing:
    """A chart-sized drawing that only says ``text`` (nothing to draw yet)."""
    drawing = Drawing(WIDTH, 60)
    drawing.add(
        String(
            WIDTH / 2,
            27,
            text,
            fontName=FONT,
            fontSize=SIZE + 1,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    return drawing


def svg(drawing: Drawing) -> str:
    """The drawing as SVG text, its Helvetica falling back to the reader's sans-serif font."""
    from reportlab.graphics import renderSVG

    text = str(renderSVG.drawToString(drawing))
    return text.replace("font-family: Helvetica;", "font-family: Helvetica, Arial, sans-serif;")
