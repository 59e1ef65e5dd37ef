"""What understanding a description produces: proposals, each with the words it came from.

Nothing here is evidence yet. The person confirms, changes or removes each proposal;
``myomap.understand.evidence_from`` then builds the ``Evidence`` the ranking uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from myomap.engine.evidence import Answer

__all__ = [
    "SAFETY_CATEGORIES",
    "FindingItem",
    "Polarity",
    "RegionItem",
    "Span",
    "Stated",
    "TimeCourse",
    "Understanding",
    "combine",
]

Polarity = Answer
"""yes: said to be there; no: said not to be there; unknown: hedged ("maybe", "not sure")."""


def combine(polarities: Sequence[Polarity]) -> Polarity:
    """One answer from several mentions: yes and no together is left to the person."""
    said = set(polarities)
    if "yes" in said and "no" in said:
        return "unknown"
    if "yes" in said:
        return "yes"
    return "no" if "no" in said else "unknown"


SAFETY_CATEGORIES = frozenset({"red_flag", "risk_factor"})
"""Finding categories that triage reads straight from the text, before confirmation."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """A stretch of the original text: ``text[start:end]``."""

    start: int
    end: int
    text: str


class RegionItem(_Model):
    """A proposed body-map mark."""

    id: str = Field(description="item id used to confirm it, e.g. region:lumbar_paraspinal_r")
    region: str = Field(description="region id with side, e.g. lumbar_paraspinal_r")
    label: str
    side: Literal["right", "left", "midline"]
    side_from: Literal["stated", "carried", "same", "opposite", "both", "unstated", "midline"] = (
        Field(
            description="stated: a side word next to it; carried: the side of the mention before; "
            "same/opposite: 'on the same side'/'the other side'; both: 'both sides'; unstated: no "
            "side anywhere, so both sides are proposed"
        )
    )
    intensity: int = Field(description="0 to 10; 0 when the text says it does not hurt")
    intensity_from: str = Field(default="", description="the words that gave the intensity")
    polarity: Polarity
    cue: str = Field(default="", description="the negating or hedging words, if any")
    spans: list[Span]
    words: str


class FindingItem(_Model):
    """A proposed answer to one yes/no finding."""

    id: str = Field(description="item id used to confirm it, e.g. finding:limp")
    finding: str
    question: str
    polarity: Polarity
    red_flag: bool
    cue: str = Field(default="", description="the negating or hedging words, if any")
    spans: list[Span]
    words: str
    source: Literal["words", "pattern"] = Field(
        default="words",
        description="words: read from a known wording; pattern: a warning sign the second "
        "reader (a model of whole descriptions) finds likely, proposed as not sure",
    )


class Stated(_Model):
    """Age or sex as stated in the text."""

    id: str
    value: str
    approximate: bool = False
    spans: list[Span]
    words: str


class TimeCourse(_Model):
    """How long the pain has lasted, or how it began."""

    words: str
    spans: list[Span]
    days: float | None = Field(default=None, description="duration in days, when stated")
    phase: Literal["acute", "subacute", "chronic"] | None = Field(
        default=None, description="under 6 weeks, 6 to 12 weeks, over 12 weeks"
    )
    onset: Literal["sudden", "gradual"] | None = None


class Understanding(_Model):
    """Everything proposed from one description, and what was not understood."""

    text: str
    regions: list[RegionItem] = Field(default_factory=list)
    findings: list[FindingItem] = Field(default_factory=list)
    red_flags: list[FindingItem] = Field(
        default_factory=list,
        description="warning signs (and the risk factors that go with them) the text states "
        "or hedges, not negated: they count for triage at once, before anything is confirmed",
    )
    age: Stated | None = None
    sex: Stated | None = None
    time_course: list[TimeCourse] = Field(default_factory=list)
    not_understood: list[Span] = Field(
        default_factory=list, description="clauses in which nothing was recognised"
    )

    def item_ids(self) -> list[str]:
        """The ids of every proposal, in the order shown to the person."""
        ids = [r.id for r in self.regions] + [f.id for f in self.findings]
        return ids + [s.id for s in (self.age, self.sex) if s is not None]
