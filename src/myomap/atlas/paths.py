"""Where the built-in atlas lives (a module of its own, so any part of the atlas can name it
without importing the loader)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["DEFAULT_ROOT"]

DEFAULT_ROOT = Path(str(files("myomap.atlas") / "data"))
"""The atlas shipped with the package: ``src/myomap/atlas/data``."""
