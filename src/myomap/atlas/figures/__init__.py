"""The clickable body map: front and back figures and hit-testing on them."""

from myomap.atlas.figures.figure import (
    HEIGHT,
    VIEWS,
    WIDTH,
    Figure,
    Shape,
    View,
    load_figure,
    mirror_x,
)

__all__ = [
    "HEIGHT",
    "VIEWS",
    "WIDTH",
    "Figure",
    "Shape",
    "View",
    "load_figure",
    "mirror_x",
]
