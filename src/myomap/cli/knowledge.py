"""The built-in atlas and its model for the commands, loaded on first use.

Commands that only list or show the atlas never load the engine (nor numpy); both come
from the atlas cache (``myomap.atlas.cache``), so a warm start skips reading YAML.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from myomap.atlas import Atlas
    from myomap.engine import Model

__all__ = ["default_atlas", "default_model"]


def default_atlas() -> Atlas:
    """The built-in atlas, without the engine."""
    from myomap.atlas import load_atlas

    return load_atlas()


def default_model() -> Model:
    """The compiled model of the built-in atlas (its ``.atlas`` is the atlas)."""
    from myomap.engine.defaults import default_model as model

    return model()
