"""The shape of the knowledge base: one pydantic model per kind of YAML record.

The schema checks what a single record can check on its own (required fields, types,
allowed words). Rules that span records or files (unknown region, duplicate id, a source
that is cited but not listed, probabilities out of range…) live in ``check.py`` with
stable rule codes, so that a contributor gets one clear message per problem.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CAUTIONS",
    "AtlasMeta",
    "Caution",
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
    "Review",
    "Role",
    "SearchTerm",
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
RegionView = Literal["front", "back", "both", "list"]
"""Where a region is drawn; ``list``: not on the figures (inside the body, or too small),
chosen from the list of regions or named in words."""
Role = Literal["essential", "spillover"]
Side = Literal["same", "both", "opposite", "midline"]
RegionSide = Literal["left", "right", "midline"]
TriageLevel = Literal["emergency", "urgent", "see_doctor", "self_care"]
FindingCategory = Literal[
    "symptom", "aggravating", "relieving", "history", "risk_factor", "red_flag"
]


class Record(BaseModel):
    """A YAML record: unknown keys are errors, so typos do not pass silently."""

    # defer_build: validators are built on first validation, not at import; an atlas read
    # from the cache is never validated again, so a warm start skips building them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class AtlasMeta(Record):
    """atlas.yaml: the name and version of the knowledge base."""

    title: str
    version: str
    description: str = ""


class Source(Record):
    """A public source that facts in the atlas are taken from.

    A source cited for a fact must let a reader find the fact: a specific page (not a
    site's home page) or, for a book, the pages (MYO020).
    """

    id: str
    title: str
    publisher: str
    url: str | None = None
    year: int | None = None
    kind: Literal["book", "article", "review", "guideline", "website", "database"]
    pages: str | None = Field(
        default=None,
        description="for a book: the pages the facts come from, e.g. '331' or '89-109'",
    )
    note: str = ""


class RegionSpec(Record):
    """A row of regions.yaml; a paired region expands to ``<id>_l`` and ``<id>_r``."""

    id: str
    label: str
    view: RegionView
    paired: bool
    group: str
    within: list[str] = Field(
        default_factory=list,
        description="coarser regions (base ids) this one is a part of, e.g. the upper back of "
        "the thigh within the back of the thigh: a mark on either counts for a zone on the other",
    )


class Region(Record):
    """One clickable body region (after left/right expansion)."""

    id: str
    base: str
    label: str
    view: RegionView
    side: RegionSide
    group: str
    within: tuple[str, ...] = ()
    """The coarser regions (region ids, same side) this one is a part of."""


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
    ask_from_age: int | None = Field(
        default=None,
        description="warning signs only: not asked of people known to be younger (the "
        "guidance sets the age, e.g. polymyalgia from 50); an unknown age is always asked",
    )
    ask_until_age: int | None = Field(
        default=None,
        description="warning signs only: not asked of people known to be older (the "
        "guidance sets the age, e.g. a new limp in a child up to 16); an unknown age is "
        "always asked",
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
    min_body_areas: int | None = Field(
        default=None,
        ge=1,
        le=5,
        description="it hurts in at least this many of the five body areas of the "
        "widespread-pain definition (engine.safety.body_area)",
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


Caution = Literal[
    "anticoagulants_or_bleeding_disorder",
    "osteoporosis",
    "pregnancy",
    "recent_surgery",
    "recent_injury",
    "swollen_or_hot_limb",
    "varicose_veins",
    "skin_broken",
    "hernia",
    "nerve_nearby",
    "dizziness",
    "reduced_sensation",
]
"""When a self-care step must not be done, or only gently: a closed vocabulary (CAUTIONS)."""

CAUTIONS: dict[str, str] = {
    "anticoagulants_or_bleeding_disorder": "If you take blood thinners (such as warfarin, "
    "apixaban or rivaroxaban) or bruise or bleed easily, use only light pressure with the hand, "
    "no balls or tools, and ask your doctor first.",
    "osteoporosis": "If you have osteoporosis or have broken a bone easily, do not lean your "
    "weight on a ball or tool over the ribs or the spine; use light hand pressure instead.",
    "pregnancy": "If you are or may be pregnant, do not press on the belly or deep in the "
    "pelvis, and ask your midwife or doctor before pressure on the low back.",
    "recent_surgery": "If you had surgery here in the last three months, or have an implant or "
    "a joint replacement nearby, ask your surgeon before pressing or stretching.",
    "recent_injury": "If this started with a fall, a blow or a sudden tear, have it checked for "
    "a fracture or torn muscle before pressing or stretching it.",
    "swollen_or_hot_limb": "If the limb is swollen, hot, red, or tender along a vein, or you have "
    "had a blood clot in it, do not press or massage it: see a doctor the same day.",
    "varicose_veins": "Do not press on varicose veins or on a vein that stands out.",
    "skin_broken": "Do not press on broken skin, a rash, a burn, an infection or a fresh bruise.",
    "hernia": "Do not press on a bulge in the groin or belly (a possible hernia); have it "
    "checked by a doctor.",
    "nerve_nearby": "A nerve runs nearby: if you feel tingling, burning, numbness or an electric "
    "or shooting pain, move off at once.",
    "dizziness": "Stop at once if you feel dizzy or faint, or your sight or speech changes, and "
    "seek medical advice.",
    "reduced_sensation": "If the skin here is numb (for example diabetes affecting the feet), "
    "pressure and heat can bruise or burn without you noticing: use light pressure and check "
    "the skin afterwards.",
}


class PressureRelease(Record):
    """A pressure step: only on a safe, named spot away from nerves, vessels and danger sites."""

    where: str
    how: str
    tool: str
    duration: str
    frequency: str
    cautions: list[Caution] = Field(
        default_factory=list,
        description="who must not do this step, or only gently (MYO017, MYO019, MYO021, MYO022)",
    )


class Stretch(Record):
    name: str
    how: str
    hold: str
    repeat: str
    cautions: list[Caution] = Field(default_factory=list, description="as for pressure steps")


class SelfCare(Record):
    pressure_release: list[PressureRelease]
    stretches: list[Stretch]
    daily_life: list[str]
    cautions: list[str]


class Review(Record):
    """Who checked an entry against which sources, and when (MYO023).

    An engineering review checks the entry against its cited sources; it is not a clinical
    sign-off. ``clinician_signed`` is set only by a named clinician (docs/atlas-style.md).
    """

    reviewer: str = Field(
        description="the reviewer's role, e.g. 'engineering (not yet clinician-signed)'"
    )
    date: date
    status: Literal["reviewed", "needs_review", "clinician_signed"]
    against: list[str] = Field(
        description="ids of at least two independent sources with specific pages the entry was "
        "checked against"
    )
    note: str = ""


class SearchTerm(Record):
    """A word people use that should find this muscle (a condition, a body part, a symptom)."""

    term: str
    kind: Literal["condition", "body_part", "symptom", "lay_name"]
    sources: list[str] = Field(description="sources (cited by the muscle) that support the link")


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
    search_terms: list[SearchTerm] = Field(
        default_factory=list,
        description="words people search with (conditions, body parts, symptoms), each with the "
        "sources that tie it to this muscle (MYO024)",
    )
    review: Review | None = Field(
        default=None, description="the review trail; `myomap atlas check` lists entries without one"
    )
