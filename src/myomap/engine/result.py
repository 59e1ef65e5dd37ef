"""The engine's result: one object that the CLI, the web page, the API and reports render.

Its JSON form is the response of ``myomap assess --json`` and ``POST /api/v1/assess``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from myomap.atlas.schema import TriageLevel

__all__ = [
    "BANDS",
    "AnswerWeight",
    "Band",
    "Candidate",
    "ExplanationSet",
    "Member",
    "NextQuestion",
    "Result",
    "Stop",
    "Triage",
    "TriageReason",
    "ZoneMatch",
    "band",
]

Band = Literal["likely", "possible", "less likely"]

BANDS: tuple[tuple[float, Band], ...] = ((0.5, "likely"), (0.2, "possible"), (0.0, "less likely"))
"""Lowest probability for each wording band, strongest first (see docs/engine.md)."""


def band(probability: float | None) -> Band | None:
    """The words for a candidate's probability: likely, possible or less likely.

    Every page, report and the terminal use this one function, so the words never drift;
    the percentage is shown as detail beside them.

    >>> band(0.62), band(0.2), band(0.05), band(None)
    ('likely', 'possible', 'less likely', None)
    """
    if probability is None:
        return None
    return next(word for floor, word in BANDS if probability >= floor)


class Out(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)


class TriageReason(Out):
    id: str
    level: TriageLevel
    title: str
    reason: str
    action: str
    age_unknown: bool = Field(
        default=False,
        description="true when this rule of an age band counts only because no age was "
        "given: giving the age decides whether it applies",
    )


class Triage(Out):
    level: TriageLevel
    reasons: list[TriageReason]
    message: str
    hide_muscle_advice: bool = Field(
        description="true at urgent and emergency: show what to do now, not muscle self-care"
    )
    hide_reason: str = Field(
        default="", description="why muscle self-care is hidden (empty when it is shown)"
    )
    checked: bool = Field(
        default=False,
        description="true when every safety question relevant to the painful regions and the "
        "answers so far has been answered (yes, no or not sure)",
    )
    pending: list[str] = Field(
        default_factory=list,
        description="finding ids of the relevant safety questions not answered yet, the most "
        "dangerous first",
    )
    risk_factors: list[str] = Field(
        default_factory=list, description="risk-factor findings answered yes, named in the message"
    )
    unsure: list[str] = Field(
        default_factory=list, description="warning signs answered 'not sure' (unknown)"
    )


class ZoneMatch(Out):
    region: str
    label: str
    role: Literal["essential", "spillover", "local", "near"] = Field(
        description="local: the region over the trigger point itself; near: a region next "
        "to one of the muscle's zones on the body figure"
    )
    intensity: int


class AnswerWeight(Out):
    finding: str
    question: str
    answer: Literal["yes", "no"]
    weight: float = Field(description="natural log of the likelihood ratio against no muscle")


class Candidate(Out):
    muscle: str
    name: str
    side: str
    probability: float | None = Field(description="posterior probability; null for lookup")
    explains: list[ZoneMatch]
    unexplained: list[str] = Field(description="painful regions this muscle does not refer to")
    supporting: list[AnswerWeight] = Field(alias="for")
    against: list[AnswerWeight]

    @computed_field(description="likely, possible or less likely; null for lookup")  # type: ignore[prop-decorator]
    @property
    def band(self) -> Band | None:
        """Wording band of ``probability`` (see ``band``)."""
        return band(self.probability)


class Member(Out):
    muscle: str
    name: str
    side: str


class ExplanationSet(Out):
    members: list[Member]
    explained: list[str]
    unexplained: list[str]
    share: float = Field(description="share of the pain (intensity-weighted) it explains")


class NextQuestion(Out):
    kind: Literal["finding", "region"]
    id: str
    text: str
    category: str
    gain: float = Field(description="expected information gain in bits")


class Stop(Out):
    done: bool
    reason: str


class Result(Out):
    method: Literal["engine", "lookup"]
    triage: Triage
    candidates: list[Candidate]
    other_probability: float | None = Field(
        description="probability that none of the atlas muscles explains the pain"
    )
    explanation_set: ExplanationSet
    unexplained_regions: list[str] = Field(
        description="painful regions that no listed candidate refers to"
    )
    coverage: float = Field(description="share of the pain explained by the explanation set")
    next_question: NextQuestion | None
    stop: Stop
    safety_questions: list[NextQuestion]
    atlas_version: str
