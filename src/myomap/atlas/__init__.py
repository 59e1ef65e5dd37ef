"""The knowledge base: regions, findings, red flags, sources and muscles."""

from typing import TYPE_CHECKING, Any

from myomap.atlas.loader import DEFAULT_ROOT, check_atlas, load_atlas
from myomap.atlas.model import Atlas

if TYPE_CHECKING:
    from myomap.atlas.check import RULES
    from myomap.atlas.raw import Problem

__all__ = ["DEFAULT_ROOT", "RULES", "Atlas", "Problem", "check_atlas", "load_atlas"]


def __getattr__(name: str) -> Any:
    """The checker and the YAML reader load on first use: a cached atlas needs neither."""
    if name == "RULES":
        from myomap.atlas.check import RULES

        return RULES
    if name == "Problem":
        from myomap.atlas.raw import Problem

        return Problem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
