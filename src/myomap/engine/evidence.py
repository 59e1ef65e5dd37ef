"""What the person tells myomap: where it hurts, their answers, age and sex.

``Evidence`` is the engine's input and also the request object of ``myomap assess --json``
and ``POST /api/v1/assess``::

    {"pain": [{"region": "lumbar_paraspinal_r", "intensity": 6}],
     "answers": {"pain_rising_from_sitting": "yes"}, "age": 41, "sex": "female"}
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from myomap.atlas.model import Atlas
from myomap.atlas.suggest import did_you_mean
from myomap.errors import EvidenceError

__all__ = ["Answer", "Evidence", "Pain", "mirror_evidence", "mirror_region", "validate_evidence"]

Answer = Literal["yes", "no", "unknown"]


class Pain(BaseModel):
    """One painful region and how much it hurts (0 = marked as not painful, 10 = worst)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    region: str = Field(description="a region id, e.g. lumbar_paraspinal_r")
    intensity: StrictInt = Field(default=5, description="0 to 10 (a whole number, not text)")


class Evidence(BaseModel):
    """Everything the person has told myomap so far."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pain: list[Pain] = Field(default_factory=list)
    answers: dict[str, Answer] = Field(default_factory=dict)
    age: StrictInt | None = Field(default=None, description="age in years, 0 to 120")
    sex: Literal["female", "male", "other"] | None = None

    @field_validator("answers", mode="before")
    @classmethod
    def _booleans_to_words(cls, value: object) -> object:
        """YAML and JSON writers often give true/false; accept them as yes/no."""
        if isinstance(value, dict):
            return {
                k: ("yes" if v is True else "no" if v is False else v) for k, v in value.items()
            }
        return value

    def painful(self) -> dict[str, int]:
        """Region id -> intensity, for regions that hurt (intensity above 0)."""
        return {p.region: p.intensity for p in self.pain if p.intensity > 0}

    def answered(self) -> dict[str, Answer]:
        """Answers that are yes or no (unknown answers carry no evidence)."""
        return {k: v for k, v in self.answers.items() if v != "unknown"}


def validate_evidence(atlas: Atlas, evidence: Evidence) -> Evidence:
    """Return the evidence if every id and value is valid; otherwise raise EvidenceError."""
    seen: set[str] = set()
    for index, pain in enumerate(evidence.pain):
        if pain.region not in atlas.regions:
            hint = did_you_mean(pain.region, atlas.regions)
            if pain.region in atlas.region_specs and atlas.region_specs[pain.region].paired:
                hint = f" This region has two sides: use {pain.region}_l or {pain.region}_r."
            raise EvidenceError(
                f"Unknown region {pain.region!r}.{hint}",
                field=f"pain[{index}].region",
                value=pain.region,
            )
        if not 0 <= pain.intensity <= 10:
            raise EvidenceError(
                f"Intensity {pain.intensity} for {pain.region!r} is out of range: "
                "use a whole number from 0 (no pain) to 10 (worst imaginable).",
                field=f"pain[{index}].intensity",
                value=pain.intensity,
            )
        if pain.region in seen:
            raise EvidenceError(
                f"Region {pain.region!r} is listed twice; give each region once.",
                field=f"pain[{index}].region",
                value=pain.region,
            )
        seen.add(pain.region)
    for finding_id in evidence.answers:
        if finding_id not in atlas.findings:
            raise EvidenceError(
                f"Unknown finding {finding_id!r}." + did_you_mean(finding_id, atlas.findings),
                field=f"answers.{finding_id}",
                value=finding_id,
            )
    if evidence.age is not None and not 0 <= evidence.age <= 120:
        raise EvidenceError(
            f"Age {evidence.age} is out of range: give the age in whole years, 0 to 120.",
            field="age",
            value=evidence.age,
        )
    return evidence


def mirror_region(region_id: str) -> str:
    """The same region on the other side of the body (midline regions stay)."""
    if region_id.endswith("_l"):
        return region_id[:-2] + "_r"
    if region_id.endswith("_r"):
        return region_id[:-2] + "_l"
    return region_id


def mirror_evidence(evidence: Evidence) -> Evidence:
    """The evidence with left and right swapped."""
    pain = [Pain(region=mirror_region(p.region), intensity=p.intensity) for p in evidence.pain]
    return evidence.model_copy(update={"pain": pain})
