"""The shape of the knowledge base: one pydantic model per kind of YAML record.

The schema checks what a single record can check on its own (required fields, types,
allowed words). Rules that span records or files (unknown region, duplicate id, a source
that is cited but not listed, probabilities out of range…) live in ``check.py`` with
stable rule codes, so that a contributor gets one clear message per problem.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AtlasMeta",
    "Differential",
    "Finding",
    "FindingCategory",
    "Muscle",
    "Ontology",
    "Position",
    "PressureRelease",
    "Prior",
    "RedFlag",
    "Region",
    "RegionSpec",
    "Role",
    "SelfCare",
    "Side",
    "Source",
    "Stretch",
    "TriageLevel",
    "TriggerPoint",
    "View",
    "Zone",
]

View = Literal["front", "back"]
RegionView = Literal["front", "back", "both"]
Role = Literal["essential", "spillover"]
Side = Literal["same", "both", "opposite", "midline"]
RegionSide = Literal["left", "right", "midline"]
TriageLevel = Literal["emergency", "urgent", "see_doctor", "self_care"]
FindingCategory = Literal[
    "symptom", "aggravating", "relieving", "history", "risk_factor", "red_flag"
]


class Record(BaseModel):
    """A YAML record: unknown keys are errors, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class AtlasMeta(Record):
    """atlas.yaml: the name and version of the knowledge base."""

    title: str
    version: str
    description: str = ""


class Source(Record):
    """A public source that facts in the atlas are taken from."""

    id: str
    title: str
    publisher: str
    url: str | None = None
    year: int | None = None
    kind: Literal["book", "article", "review", "guideline", "website", "database"]
    note: str = ""


class RegionSpec(Record):
    """A row of regions.yaml; a paired region expands to ``<id>_l`` and ``<id>_r``."""

    id: str
    label: str
    view: RegionView
    paired: bool
    group: str


class Region(Record):
    """One clickable body region (after left/right expansion)."""

    id: str
    base: str
    label: str
    view: RegionView
    side: RegionSide
    group: str


class Finding(Record):
    """A yes/no question about the pain or the person."""

    id: str
    question: str
    category: FindingCategory
    default: float = Field(
        description="chance of a 'yes' among people in pain whatever its cause (the leak)"
    )
    sex: Literal["female", "male"] | None = None
    help: str = ""
    label: str = Field(
        default="",
        description="warning signs and risk factors: a short plain phrase for messages, "
        "e.g. 'you smoke'",
    )
    floor: Literal["emergency", "urgent", "see_doctor"] | None = Field(
        default=None,
        description="warning signs only: the level a 'yes' reaches on its own",
    )
    ask_for: list[str] = Field(
        default_factory=list,
        description="warning signs only: the body areas (region ids, base ids or groups, or "
        "'any') whose pain makes this safety question relevant",
    )


class RedFlag(Record):
    """A finding or combination that needs a doctor rather than self-care."""

    id: str
    level: Literal["emergency", "urgent", "see_doctor"]
    all: list[str] = Field(default_factory=list, description="findings that must all be 'yes'")
    any: list[str] = Field(default_factory=list, description="at least one must be 'yes'")
    at_least: int = Field(default=1, description="how many of `any` must be 'yes'")
    regions: list[str] = Field(
        default_factory=list,
        description="a painful region must match one of these (region ids, base ids or groups)",
    )
    min_age: int | None = None
    max_age: int | None = None
    sex: Literal["female", "male"] | None = None
    title: str
    reason: str
    action: str
    sources: list[str]


class Position(Record):
    """Where a trigger point lies on a body figure, given for the right-side muscle.

    The point is the centre of ``region`` (a base region id, right side) on ``view``,
    moved by ``dx`` and ``dy`` figure units; the left-side muscle is drawn mirrored.
    Anchoring to a region keeps positions right when the figures are redrawn.
    """

    view: View
    region: str
    dx: float = 0.0
    dy: float = 0.0


class Zone(Record):
    """One region of a referral pattern."""

    region: str
    role: Role
    side: Side = "same"


class TriggerPoint(Record):
    id: str
    name: str
    location: str
    position: Position
    referral: list[Zone]
    sources: list[str]


class Ontology(Record):
    uberon: str | None = None
    fma: str | None = None
    snomed: str | None = None


class Prior(Record):
    """How often this muscle holds active trigger points among people with pain in its zone."""

    prevalence: float
    note: str
    source: str


class PressureRelease(Record):
    where: str
    how: str
    tool: str
    duration: str
    frequency: str


class Stretch(Record):
    name: str
    how: str
    hold: str
    repeat: str


class SelfCare(Record):
    pressure_release: list[PressureRelease]
    stretches: list[Stretch]
    daily_life: list[str]
    cautions: list[str]


class Differential(Record):
    condition: str
    how_to_tell: str


class Muscle(Record):
    """One muscle (or a functional group treated as one), one YAML file."""

    id: str
    name: str
    latin: str
    aliases: list[str] = Field(default_factory=list)
    ontology: Ontology
    group: str
    function: str
    laterality: Literal["paired", "midline"] = "paired"
    trigger_points: list[TriggerPoint]
    findings: dict[str, float] = Field(
        default_factory=dict,
        description="finding id -> chance of 'yes' when this muscle is the cause; "
        "unlisted findings take the finding's default",
    )
    symptoms: list[str]
    aggravating: list[str]
    relieving: list[str]
    perpetuating: list[str]
    self_care: SelfCare
    differentials: list[Differential]
    red_flags: list[str] = Field(default_factory=list)
    prior: Prior
    sources: list[str]
