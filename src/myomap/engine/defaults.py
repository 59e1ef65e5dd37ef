"""The built-in atlas and its compiled model, loaded once per process on first use."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from myomap.atlas import Atlas, load_atlas
from myomap.atlas.cache import cached_build

if TYPE_CHECKING:  # the compiled model (NumPy) loads only for a command that ranks
    from myomap.engine.model import Model

__all__ = ["default_atlas", "default_model"]


@functools.cache
def default_atlas() -> Atlas:
    return load_atlas()


@functools.cache
def default_model() -> Model:
    from myomap.engine.model import Model, compile_model

    # Compiled once per atlas content: cached on disk next to the atlas (myomap.atlas.cache).
    return cached_build(default_atlas(), compile_model, Model)
