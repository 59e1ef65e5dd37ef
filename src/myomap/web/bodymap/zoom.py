"""Body parts a phone can zoom into, so every region is a target a thumb can hit.

On a narrow screen the assessment page shows one figure and one body part at a time: the
figure's ``viewBox`` becomes the part's box. Parts are chosen so that every region lies
wholly inside one part in which it is at least ``TARGET_PX`` CSS pixels on each side when the
part fills ``PHONE_WIDTH_PX`` (WCAG 2.5.8 asks for 24 by 24).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from myomap.atlas.figures import View, load_figure

__all__ = ["PHONE_WIDTH_PX", "TARGET_PX", "Part", "home_parts", "zoom_parts"]

PHONE_WIDTH_PX = 350
"""Width a zoomed part is drawn at on the narrowest supported phone (360 px less margins)."""
TARGET_PX = 24
"""Smallest target side, in CSS pixels (WCAG 2.5.8)."""


@dataclass(frozen=True)
class Part:
    """A zoomable part of a figure: a box in figure units and its plain name."""

    id: str
    label: str
    x: float
    y: float
    w: float
    h: float

    @property
    def view_box(self) -> str:
        return f"{self.x:g} {self.y:g} {self.w:g} {self.h:g}"

    def scale(self, width_px: float = PHONE_WIDTH_PX) -> float:
        """CSS pixels per figure unit when the part is drawn ``width_px`` wide."""
        return width_px / self.w

    def holds(self, box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        return self.x <= x0 and self.y <= y0 and x1 <= self.x + self.w and y1 <= self.y + self.h


# (id, label on the front figure, label on the back figure, x, y, w, h). The front figure
# faces you, so the person's right arm is on the left of the picture; the back is mirrored.
_PARTS = (
    ("head", "Head and neck", "Head and neck", 80, 5, 80, 100),
    ("upper_trunk", "Chest and shoulders", "Shoulders and upper back", 50, 90, 140, 112),
    ("lower_trunk", "Belly, hips and groin", "Low back and buttocks", 72, 160, 96, 150),
    ("arm_a_upper", "Right upper arm and elbow", "Left upper arm and elbow", 16, 95, 80, 140),
    ("arm_a_lower", "Right forearm and hand", "Left forearm and hand", 12, 200, 80, 165),
    ("arm_b_upper", "Left upper arm and elbow", "Right upper arm and elbow", 144, 95, 80, 140),
    ("arm_b_lower", "Left forearm and hand", "Right forearm and hand", 148, 200, 80, 165),
    ("thighs", "Hips and thighs", "Buttocks and thighs", 72, 250, 96, 150),
    ("knees", "Knees and shins", "Backs of the knees and calves", 72, 382, 96, 140),
    ("feet", "Ankles and feet", "Ankles and heels", 80, 470, 80, 90),
)


@functools.cache
def zoom_parts(view: View) -> tuple[Part, ...]:
    """The parts of one figure, in the order the page offers them."""
    front = view == "front"
    return tuple(
        Part(pid, front_label if front else back_label, x, y, w, h)
        for pid, front_label, back_label, x, y, w, h in _PARTS
    )


def _fits(part: Part, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    side = min(x1 - x0, y1 - y0) * part.scale()
    return part.holds(box) and side >= TARGET_PX


@functools.cache
def home_parts(view: View) -> dict[str, str]:
    """Region id -> the first part that holds it whole at a thumb-sized scale; a region
    missing here would be too small to tap on a phone (a test checks none is missing)."""
    homes: dict[str, str] = {}
    for region, shape in load_figure(view).shapes.items():
        for part in zoom_parts(view):
            if _fits(part, shape.bbox):
                homes[region] = part.id
                break
    return homes
