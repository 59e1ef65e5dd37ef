"""Response shapes of the JSON API that the engine and atlas do not already define."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from myomap.atlas.schema import Muscle, Role, TriggerPoint, View

__all__ = ["Match", "MuscleDetail", "MuscleSummary", "Point", "Referral", "TriggerPointDetail"]


class Point(BaseModel):
    """A position on a body figure (viewBox 0 0 240 560), for the right-side muscle."""

    view: View
    x: float
    y: float


class TriggerPointDetail(TriggerPoint):
    xy: Point | None = Field(
        description="where to draw it on the right side; mirror x to 240 - x for the left"
    )


class Referral(BaseModel):
    """Region ids of a referral pattern for the muscle on one side."""

    essential: list[str]
    spillover: list[str]


class Match(BaseModel):
    """Why a muscle matched a search: the text of the muscle that matched best."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="the name, alias, search term or place that matched")
    kind: str = Field(
        description="name, latin, alias, lay_name, condition, body_part, symptom, where "
        "(a place it sends pain to) or several (the words matched different fields)"
    )
    score: float = Field(description="how well it matched; higher is better")


class MuscleSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    latin: str
    group: str
    laterality: str
    body_groups: list[str] = Field(description="body groups where it refers essential pain")
    url: str
    match: Match | None = Field(default=None, description="with a search (q): what matched")


class MuscleDetail(Muscle):
    """A muscle of the atlas, with drawing positions and its pattern mapped to region ids."""

    trigger_points: list[TriggerPointDetail]  # type: ignore[assignment]
    pattern: dict[str, Referral] = Field(
        description="side (right, left or midline) -> region ids of the referral pattern"
    )
    body_groups: list[str]
    url: str


def split_roles(roles: dict[str, Role]) -> Referral:
    return Referral(
        essential=[r for r, role in roles.items() if role == "essential"],
        spillover=[r for r, role in roles.items() if role == "spillover"],
    )
