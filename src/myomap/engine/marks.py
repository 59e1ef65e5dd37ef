"""Pain marks written as text, ``REGION[:INTENSITY],…``: the one parser for the assessment
page's state, the self-care plan and the terminal (``myomap assess --pain``, ``interview``)."""

from __future__ import annotations

from myomap.engine.evidence import Pain
from myomap.errors import EvidenceError

__all__ = ["DEFAULT_INTENSITY", "format_pain", "parse_pain"]

DEFAULT_INTENSITY = 5
"""The intensity of a region given without one (``sacrum`` is ``sacrum:5``)."""


def _mark(item: str) -> Pain:
    region, _, intensity = (part.strip() for part in item.strip().partition(":"))
    if not intensity:
        return Pain(region=region, intensity=DEFAULT_INTENSITY)
    if not intensity.isdigit():
        raise EvidenceError(
            f"Intensity {intensity!r} for {region!r} is not a whole number from 0 to 10; "
            "write REGION:INTENSITY, e.g. sacrum:6.",
            field="pain",
            value=item,
        )
    return Pain(region=region, intensity=int(intensity))


def parse_pain(text: str) -> list[Pain]:
    """``REGION[:INTENSITY],…`` as pain marks (0 = checked and not painful).

    >>> [(p.region, p.intensity) for p in parse_pain("sacrum:6, groin_r")]
    [('sacrum', 6), ('groin_r', 5)]
    """
    return [_mark(item) for item in text.split(",") if item.strip()]


def format_pain(pain: list[Pain]) -> str:
    """The text form of pain marks (the inverse of ``parse_pain``)."""
    return ",".join(f"{p.region}:{p.intensity}" for p in pain)
