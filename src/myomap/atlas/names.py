"""The region ids of an atlas: all that checking the pain of a diary entry needs.

They are cached in a small file of their own next to the atlas (``cache.cached_part``), so
that adding a diary entry does not unpickle the whole atlas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from myomap.atlas.model import Atlas

__all__ = ["RegionNames", "region_names"]


@dataclass(frozen=True)
class RegionNames:
    """The region ids a body map may use, and the base ids that only exist with a side."""

    ids: frozenset[str]
    """Every region id, sides expanded (``groin_r``, ``sacrum``)."""
    paired: frozenset[str]
    """Base ids that exist only as ``<id>_l`` and ``<id>_r`` (``groin``)."""


def region_names(atlas: Atlas) -> RegionNames:
    """The region names of this atlas."""
    paired = frozenset(base for base, spec in atlas.region_specs.items() if spec.paired)
    return RegionNames(ids=frozenset(atlas.regions), paired=paired)
