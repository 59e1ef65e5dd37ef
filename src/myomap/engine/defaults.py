"""The built-in atlas and its compiled model, loaded once per process on first use."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from myomap.atlas import Atlas, load_atlas
from myomap.atlas.cache import cached_build
from myomap.atlas.loader import load_region_names
from myomap.atlas.names import RegionNames

if TYPE_CHECKING:  # the compiled model (NumPy) loads only for a command that ranks
    from myomap.engine.model import Model

__all__ = ["default_atlas", "default_model", "default_region_names"]


@functools.cache
def default_atlas() -> Atlas:
    return load_atlas()


@functools.cache
def default_region_names() -> RegionNames:
    """The built-in atlas's region names, without unpickling the atlas when they are cached."""
    if default_atlas.cache_info().currsize:  # the atlas is loaded already
        from myomap.atlas.names import region_names

        return region_names(default_atlas())
    return load_region_names()


@functools.cache
def default_model() -> Model:
    from myomap.engine.model import Model, compile_model

    # Compiled once per atlas content: cached on disk next to the atlas (myomap.atlas.cache).
    return cached_build(default_atlas(), compile_model, Model)
