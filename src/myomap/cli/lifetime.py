"""A command is a short-lived process: the cyclic garbage collector is set for that.

Before a command does its own work it imports pydantic, Typer, NumPy (or SQLAlchemy) and
unpickles the atlas: several hundred thousand objects that live until the process ends.
With the interpreter's defaults the collector walks them again and again while they are
made, and once more in full at exit, just before the operating system frees the memory
anyway. ``short_lived`` lets the youngest generation grow to 100,000 objects between
collections and, at exit, freezes what is still alive (``gc.freeze``) so the last
collection has nothing to walk. ``bench/cli_time.py`` measures both in whole processes
(docs/benchmarks.md, stop 24).

What a frozen object gives up is a finalizer run from the collector at exit. No command
relies on one: files are written and closed, and transactions committed, in ``with``
blocks before the command returns; ``atexit`` handlers still run. ``serve`` runs for hours
and takes the interpreter's defaults back (``long_lived``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["long_lived", "short_lived"]

SHORT_LIVED_THRESHOLD = (100_000, 50, 1000)
"""Collect the youngest generation after 100,000 new objects (the default is 700)."""
_DEFAULT_THRESHOLD = gc.get_threshold()


@contextmanager
def short_lived() -> Iterator[None]:
    """Run a whole command; on the way out (``sys.exit`` included), freeze the heap."""
    gc.set_threshold(*SHORT_LIVED_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*_DEFAULT_THRESHOLD)
        gc.freeze()


def long_lived() -> None:
    """A long-running command (``serve``): the interpreter's own collector settings."""
    gc.set_threshold(*_DEFAULT_THRESHOLD)
