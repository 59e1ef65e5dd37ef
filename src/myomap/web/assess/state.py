"""The assessment state as the page keeps it in its URL: a short, readable query string.

    pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&yes=relief_lying_curled&no=fever
    &unsure=pain_sit_ups&age=41&sex=female&show=iliopsoas:right

``pain`` lists REGION:INTENSITY (0 = checked and not painful); ``yes``, ``no`` and
``unsure`` list finding ids; ``show`` is the candidate drawn on the figures (page only).
The self-care plan (``/plan?state=…``) reads the same string.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from pydantic import ValidationError

from myomap.engine import Evidence
from myomap.errors import EvidenceError

__all__ = ["parse_state"]

ANSWER_KEYS = {"yes": "yes", "no": "no", "unsure": "unknown"}


def _items(query: dict[str, list[str]], key: str) -> list[str]:
    return [item for value in query.get(key, []) for item in value.split(",") if item]


def _pain(item: str) -> dict[str, object]:
    region, _, intensity = item.partition(":")
    if not intensity:
        return {"region": region}
    if not intensity.isdigit():
        raise EvidenceError(
            f"Intensity {intensity!r} for {region!r} is not a whole number from 0 to 10.",
            field="state.pain",
            value=item,
        )
    return {"region": region, "intensity": int(intensity)}


def parse_state(text: str) -> Evidence:
    """The evidence held in a state string; ids are checked later, by the engine."""
    query = parse_qs(text.lstrip("#?"), keep_blank_values=False)
    data: dict[str, object] = {
        "pain": [_pain(item) for item in _items(query, "pain")],
        "answers": {f: answer for key, answer in ANSWER_KEYS.items() for f in _items(query, key)},
    }
    for key in ("age", "sex"):
        if query.get(key):
            data[key] = query[key][0]
    try:
        return Evidence.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise EvidenceError(
            f"The assessment state has a bad {field}: {error['msg']}.",
            field=f"state.{field}",
            value=error.get("input"),
        ) from exc
