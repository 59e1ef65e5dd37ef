"""The knowledge base: regions, findings, red flags, sources and muscles."""

from myomap.atlas.check import RULES
from myomap.atlas.loader import DEFAULT_ROOT, check_atlas, load_atlas
from myomap.atlas.model import Atlas
from myomap.atlas.raw import Problem

__all__ = ["DEFAULT_ROOT", "RULES", "Atlas", "Problem", "check_atlas", "load_atlas"]
