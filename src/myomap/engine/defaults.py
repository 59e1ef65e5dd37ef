"""The built-in atlas and its compiled model, loaded once per process on first use."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from myomap.atlas import Atlas, load_atlas

if TYPE_CHECKING:
    from myomap.engine.model import Model

__all__ = ["default_atlas", "default_model"]


@functools.cache
def default_atlas() -> Atlas:
    return load_atlas()


@functools.cache
def default_model() -> Model:
    # Compiled once per atlas content: cached on disk next to the atlas (myomap.atlas.cache).
    # Imported here so that the atlas alone (a diary entry's regions) does not load numpy.
    from myomap.atlas.cache import cached_build
    from myomap.engine.model import Model, compile_model

    return cached_build(default_atlas(), compile_model, Model)
