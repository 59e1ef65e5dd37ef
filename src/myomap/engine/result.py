"""The engine's result: one object that the CLI, the web page, the API and reports render.

Its JSON form is the response of ``myomap assess --json`` and ``POST /api/v1/assess``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from myomap.atlas.schema import TriageLevel

__all__ = [
    "AnswerWeight",
    "Candidate",
    "ExplanationSet",
    "Member",
    "NextQuestion",
    "Result",
    "Stop",
    "Triage",
    "TriageReason",
    "ZoneMatch",
]


class Out(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)


class TriageReason(Out):
    id: str
    level: TriageLevel
    title: str
    reason: str
    action: str


class Triage(Out):
    level: TriageLevel
    reasons: list[TriageReason]
    message: str
    hide_muscle_advice: bool = Field(
        description="true for an emergency: show what to do now, not muscle advice"
    )


class ZoneMatch(Out):
    region: str
    label: str
    role: Literal["essential", "spillover", "local"] = Field(
        description="local: the region over the trigger point itself"
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
