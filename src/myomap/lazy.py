"""Package attributes loaded on first use (a module ``__getattr__``, PEP 562).

A package lists where each exported name lives; the module that defines it is imported the
first time the name is asked for, and the value is then kept on the package. So a command
that needs the diary's models never pays for NumPy, and ``import myomap`` stays cheap.

    __getattr__ = attributes(__name__, {"rank": ".ranking", "Atlas": "myomap.atlas"})

A home starting with "." is relative to the package. No module of the package may share a
name with one of its exports: importing a submodule sets the package attribute of its name,
which would hide the export.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["attributes"]


def attributes(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: ``homes`` maps each lazy name to its module."""
    namespace = sys.modules[package].__dict__

    def load(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home, package), name)
        namespace[name] = value
        return value

    return load
