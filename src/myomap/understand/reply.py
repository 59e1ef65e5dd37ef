"""The reply of ``POST /api/v1/understand``: proposals plus the triage they already raise."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from myomap.atlas.model import Atlas
from myomap.engine.result import Triage
from myomap.understand.model import Understanding

__all__ = ["MAX_TEXT", "UnderstandReply", "UnderstandRequest", "reply"]

MAX_TEXT = 5000
"""Longest description accepted, in characters."""


class UnderstandRequest(BaseModel):
    """A description in the person's own words."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        min_length=1,
        max_length=MAX_TEXT,
        description="English free text, e.g. 'my lower back hurts on the right'",
        examples=["my lower back hurts on the right; lying curled up helps"],
    )


class UnderstandReply(BaseModel):
    """What was understood (to be confirmed) and the triage the wording raises already."""

    model_config = ConfigDict(extra="forbid")

    understanding: Understanding
    triage: Triage = Field(
        description="triage from the red-flag wording, proposed regions, age and sex, "
        "before anything is confirmed: red flags always win"
    )
    confirm: list[str] = Field(
        description="ids of the proposals, to send back once confirmed (see evidence_from)"
    )


def reply(atlas: Atlas, text: str) -> UnderstandReply:
    """Understand ``text`` and triage it at once."""
    from myomap.understand.evidence import provisional_triage
    from myomap.understand.reader import understand

    u = understand(atlas, text)
    return UnderstandReply(
        understanding=u, triage=provisional_triage(atlas, u), confirm=u.item_ids()
    )
