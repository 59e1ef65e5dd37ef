"""The matches of one description, sorted by kind, with a clause number for every token."""

from __future__ import annotations

from dataclasses import dataclass, field

from myomap.understand.matcher import Match
from myomap.understand.text import Token

__all__ = ["Found"]


@dataclass
class Found:
    """Matches of one description, sorted by kind, with clause numbers per token."""

    tokens: list[Token]
    clause: list[int]
    regions: list[Match] = field(default_factory=list)
    findings: list[Match] = field(default_factory=list)
    sides: list[Match] = field(default_factory=list)
    intensities: list[Match] = field(default_factory=list)
    context: list[Match] = field(default_factory=list)
