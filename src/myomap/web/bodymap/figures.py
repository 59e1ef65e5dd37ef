"""The body figures inlined into pages: clickable on the assessment page, annotated elsewhere.

The SVG files come from ``myomap.atlas.figures``; this module edits a parsed copy
(ElementTree): it adds attributes (ARIA, classes, pain levels) and trigger point markers, and
drops the presentation attributes that CSS sets instead. ElementTree escapes every value.
"""

from __future__ import annotations

import copy
import functools
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup

from myomap.atlas import Atlas
from myomap.atlas.figures import HEIGHT, WIDTH, View, load_figure
from myomap.atlas.figures.areas import drawn_pain, drawn_parts
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

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
_PATH = f"{{{SVG}}}path"
_PAINT = ("fill", "stroke", "stroke-width", "stroke-linejoin")
"""Presentation attributes of region paths that the pages' CSS sets instead."""

Edit = Callable[[str, ET.Element], None]
"""Changes one region path (given its region id) in place."""


@functools.cache
def _parsed(view: View) -> ET.Element:
    """The figure's SVG, parsed once; callers work on copies."""
    return ET.fromstring(load_figure(view).svg.encode("utf-8"))


def _render(
    view: View,
    root_attributes: Mapping[str, str],
    edit: Edit,
    *,
    drop_ids: bool = False,
    extra: ET.Element | None = None,
) -> str:
    """A copy of the figure with each region path edited, the root's attributes set, element
    ids dropped (for figures shown several times on a page) and ``extra`` appended."""
    svg = copy.deepcopy(_parsed(view))
    for key, value in root_attributes.items():
        svg.set(key, value)
    for element in svg.iter():
        if drop_ids:
            element.attrib.pop("id", None)
        rid = element.get("data-region")
        if element.tag == _PATH and rid is not None and "region" in element.get("class", ""):
            for name in _PAINT:
                element.attrib.pop(name, None)
            edit(rid, element)
    if extra is not None:
        svg.append(extra)
    return ET.tostring(svg, encoding="unicode")


def _markers(view: View, marks: Sequence[Marker], radius: int, titled: bool) -> ET.Element:
    group = ET.Element(f"{{{SVG}}}g", {"class": "tp-markers"})
    for m in marks:
        if m.view != view:
            continue
        dot = ET.SubElement(
            group,
            f"{{{SVG}}}circle",
            {"class": "tp", "cx": f"{m.x}", "cy": f"{m.y}", "r": f"{radius}"},
        )
        if titled:
            ET.SubElement(dot, f"{{{SVG}}}title").text = m.name
    return group


def _add_class(element: ET.Element, name: str) -> None:
    element.set("class", f"{element.get('class', '')} {name}".strip())


@functools.cache
def _interactive(view: View, labels: tuple[tuple[str, str], ...]) -> str:
    names = dict(labels)
    homes = home_parts(view)
    first: list[str] = []

    def region(rid: str, path: ET.Element) -> None:
        path.set("tabindex", "-1" if first else "0")
        first.append(rid)
        path.set("data-part", homes.get(rid, ""))
        path.set("role", "button")
        path.set("aria-label", names.get(rid, rid))
        path.set("aria-pressed", "false")

    root = {
        "role": "group",
        "aria-label": VIEW_LABELS[view],
        "focusable": "false",
        "aria-describedby": "map-keys",
        "data-full": f"0 0 {WIDTH:g} {HEIGHT:g}",
    }
    return _render(view, root, region)


def interactive_figure(atlas: Atlas, view: View) -> Markup:
    """A figure whose regions are buttons (the assessment and diary pages).

    One region per figure is in the Tab order (roving tabindex: the arrow keys move between
    regions, see static/bodymap.js); each region names the body part a phone zooms to."""
    labels = tuple((r.id, r.label) for r in atlas.regions.values())
    return Markup(_interactive(view, labels))


def _drawn_roles(roles: Mapping[str, Role]) -> dict[str, Role]:
    """Roles on the drawn shapes: a coarse region drawn as its parts paints every part, and
    a region inside the body the region it lies within."""
    out: dict[str, Role] = {}
    for rid, role in roles.items():
        for part in drawn_parts([rid]):
            if out.get(part) != "essential":
                out[part] = role
    return out


def _zones(roles: Mapping[str, Role]) -> Edit:
    roles = _drawn_roles(roles)

    def region(rid: str, path: ET.Element) -> None:
        role = roles.get(rid)
        if role:
            _add_class(path, f"zone-{role}")

    return region


def _painted(pain: Mapping[str, int], then: Edit | None = None) -> Edit:
    pain = drawn_pain(pain)

    def region(rid: str, path: ET.Element) -> None:
        if then is not None:
            then(rid, path)
        if pain.get(rid, 0) > 0:
            path.set("data-pain", pain_level(pain[rid]))

    return region


def pattern_figure(
    view: View, title: str, roles: Mapping[str, Role], marks: Sequence[Marker]
) -> Markup:
    """A picture of a referral pattern: zones shaded by role, trigger points as markers."""
    root = {"role": "img", "aria-label": title}
    dots = _markers(view, marks, radius=5, titled=True)
    return Markup(_render(view, root, _zones(roles), extra=dots))


def pain_level(intensity: int) -> str:
    """The CSS pain level of an intensity, as the assessment page draws it (l1 … l5)."""
    return "none" if intensity <= 0 else f"l{min(5, (intensity + 1) // 2)}"


def pain_figure(view: View, title: str, pain: Mapping[str, int]) -> Markup:
    """A picture of a pain map: regions shaded by intensity. Element ids are dropped, so
    the same figure can appear several times on a page."""
    root = {"role": "img", "aria-label": title}
    return Markup(_render(view, root, _painted(pain), drop_ids=True))


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
    painful = [r for r, i in drawn_pain(pain).items() if i > 0]
    box = _detail_box(view, [*_drawn_roles(roles), *painful], marks)
    if box is None:
        return None

    root = {"role": "img", "aria-label": title, "viewBox": box}
    dots = _markers(view, marks, radius=4, titled=False)
    edit = _painted(pain, then=_zones(roles))
    return Markup(_render(view, root, edit, drop_ids=True, extra=dots))
