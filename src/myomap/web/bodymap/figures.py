"""The body figures inlined into pages: clickable on the assessment page, annotated elsewhere.

The SVG files come from ``myomap.atlas.figures``; this module only adds attributes (ARIA, classes)
and trigger point markers, and drops the presentation attributes that CSS sets instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from myomap.atlas import Atlas
from myomap.atlas.figures import HEIGHT, WIDTH, View, load_figure
from myomap.atlas.schema import Role
from myomap.web.bodymap.views import Marker
from myomap.web.bodymap.zoom import home_parts

__all__ = [
    "VIEW_LABELS",
    "interactive_figure",
    "pain_figure",
    "pattern_detail",
    "pattern_figure",
]

VIEW_LABELS: dict[View, str] = {
    "front": "Front of the body, facing you: your right side is on the left of the picture",
    "back": "Back of the body, seen from behind: your right side is on the right of the picture",
}

_REGION = re.compile(r'<path class="region"(?P<rest>[^>]*?) data-region="(?P<id>[^"]+)"')
_PAINT = re.compile(r' (?:fill|stroke|stroke-width|stroke-linejoin)="[^"]*"')
_ROOT = re.compile(r"<svg ")
_ID = re.compile(r' id="[^"]*"')


def _svg(view: View) -> str:
    """The figure's SVG without the XML prolog."""
    text = load_figure(view).svg
    return text[text.index("<svg") :]


def _strip_region_paint(svg: str) -> str:
    return re.sub(r'<path class="region"[^>]*>', lambda m: _PAINT.sub("", m.group(0)), svg)


@functools.cache
def _interactive(view: View, labels: tuple[tuple[str, str], ...]) -> str:
    names = dict(labels)
    homes = home_parts(view)
    first: list[str] = []

    def region(match: re.Match[str]) -> str:
        rid = match.group("id")
        label = escape(names.get(rid, rid))
        tab = "-1" if first else "0"
        first.append(rid)
        return (
            f'<path class="region"{match.group("rest")} data-region="{rid}" tabindex="{tab}" '
            f'data-part="{homes.get(rid, "")}" role="button" aria-label="{label}" '
            'aria-pressed="false"'
        )

    svg = _REGION.sub(region, _strip_region_paint(_svg(view)))
    root = (
        f'<svg role="group" aria-label="{escape(VIEW_LABELS[view])}" focusable="false" '
        f'aria-describedby="map-keys" data-full="0 0 {WIDTH:g} {HEIGHT:g}" '
    )
    return _ROOT.sub(root, svg, count=1)


def interactive_figure(atlas: Atlas, view: View) -> Markup:
    """A figure whose regions are buttons (the assessment and diary pages).

    One region per figure is in the Tab order (roving tabindex: the arrow keys move between
    regions, see static/bodymap.js); each region names the body part a phone zooms to."""
    labels = tuple((r.id, r.label) for r in atlas.regions.values())
    return Markup(_interactive(view, labels))


def pattern_figure(
    view: View, title: str, roles: Mapping[str, Role], marks: Sequence[Marker]
) -> Markup:
    """A picture of a referral pattern: zones shaded by role, trigger points as markers."""

    def region(match: re.Match[str]) -> str:
        rid = match.group("id")
        role = roles.get(rid)
        extra = f" zone-{role}" if role else ""
        return f'<path class="region{extra}"{match.group("rest")} data-region="{rid}"'

    svg = _REGION.sub(region, _strip_region_paint(_svg(view)))
    svg = _ROOT.sub(f'<svg role="img" aria-label="{escape(title)}" ', svg, count=1)
    dots = "".join(
        f'<circle class="tp" cx="{m.x}" cy="{m.y}" r="5"><title>{escape(m.name)}</title></circle>'
        for m in marks
        if m.view == view
    )
    return Markup(svg.replace("</svg>", f'<g class="tp-markers">{dots}</g></svg>'))


def pain_level(intensity: int) -> str:
    """The CSS pain level of an intensity, as the assessment page draws it (l1 … l5)."""
    return "none" if intensity <= 0 else f"l{min(5, (intensity + 1) // 2)}"


def pain_figure(view: View, title: str, pain: Mapping[str, int]) -> Markup:
    """A picture of a pain map: regions shaded by intensity. Element ids are dropped, so
    the same figure can appear several times on a page."""

    def region(match: re.Match[str]) -> str:
        rid = match.group("id")
        level = f' data-pain="{pain_level(pain[rid])}"' if pain.get(rid, 0) > 0 else ""
        return f'<path class="region"{match.group("rest")} data-region="{rid}"{level}'

    svg = _REGION.sub(region, _strip_region_paint(_ID.sub("", _svg(view))))
    return Markup(_ROOT.sub(f'<svg role="img" aria-label="{escape(title)}" ', svg, count=1))


DETAIL_PAD = 22.0
"""Figure units around what a pattern detail shows."""
DETAIL_MIN = 130.0
"""Smallest side of a pattern detail's box, in figure units (so it still reads as a body)."""


def _detail_box(view: View, regions: Sequence[str], marks: Sequence[Marker]) -> str | None:
    """A viewBox around ``regions`` and ``marks`` on ``view``, padded, at least DETAIL_MIN
    on each side and inside the figure; None when nothing of it is on this view."""
    shapes = load_figure(view).shapes
    boxes = [shapes[r].bbox for r in regions if r in shapes]
    boxes += [(m.x, m.y, m.x, m.y) for m in marks if m.view == view]
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    w = max(x1 - x0 + 2 * DETAIL_PAD, DETAIL_MIN)
    h = max(y1 - y0 + 2 * DETAIL_PAD, DETAIL_MIN)
    x = min(max((x0 + x1 - w) / 2, 0.0), max(WIDTH - w, 0.0))
    y = min(max((y0 + y1 - h) / 2, 0.0), max(HEIGHT - h, 0.0))
    return f"{x:.0f} {y:.0f} {min(w, WIDTH):.0f} {min(h, HEIGHT):.0f}"


def pattern_detail(
    view: View,
    title: str,
    roles: Mapping[str, Role],
    marks: Sequence[Marker],
    pain: Mapping[str, int],
) -> Markup | None:
    """A small picture of a referral pattern next to the results (the phone shows it beside
    the candidate): the figure cropped to the pattern's zones, its trigger points and the
    person's painful areas (outlined), or None when none of them is on this view."""
    painful = [r for r, i in pain.items() if i > 0]
    box = _detail_box(view, [*roles, *painful], marks)
    if box is None:
        return None

    def region(match: re.Match[str]) -> str:
        rid = match.group("id")
        role = roles.get(rid)
        extra = f" zone-{role}" if role else ""
        level = f' data-pain="{pain_level(pain[rid])}"' if pain.get(rid, 0) > 0 else ""
        return f'<path class="region{extra}"{match.group("rest")} data-region="{rid}"{level}'

    svg = _REGION.sub(region, _strip_region_paint(_ID.sub("", _svg(view))))
    svg = re.sub(r'viewBox="[^"]*"', f'viewBox="{box}"', svg, count=1)
    svg = _ROOT.sub(f'<svg role="img" aria-label="{escape(title)}" ', svg, count=1)
    dots = "".join(
        f'<circle class="tp" cx="{m.x}" cy="{m.y}" r="4"/>' for m in marks if m.view == view
    )
    return Markup(svg.replace("</svg>", f'<g class="tp-markers">{dots}</g></svg>'))
