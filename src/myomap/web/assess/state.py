"""The assessment state as the page keeps it in its URL: a short, readable query string.

    pain=lumbar_paraspinal_r:6,thigh_anterior_upper_r:4&yes=relief_lying_curled&no=fever
    &unsure=pain_sit_ups&skip=limp&log=fever,relief_lying_curled&age=41&sex=female
    &show=iliopsoas:right

``pain`` lists REGION:INTENSITY (0 = checked and not painful); ``yes``, ``no`` and
``unsure`` list finding ids; ``skip`` lists questions the person chose not to answer now;
``log`` is the order in which interview questions were answered (so Back can undo the last);
``show`` is the candidate drawn on the figures (page only). The self-care plan
(``/plan?state=…``), the result fragment (``/assess/result?state=…``) and the terminal
(``myomap assess --pain``) read pain with the one parser here, ``parse_pain``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from pydantic import ValidationError

from myomap.engine import Evidence
from myomap.engine.marks import DEFAULT_INTENSITY, format_pain, parse_pain
from myomap.errors import EvidenceError

__all__ = ["DEFAULT_INTENSITY", "PageState", "encode_state", "parse_pain", "parse_state", "read"]

ANSWER_KEYS = {"yes": "yes", "no": "no", "unsure": "unknown"}


def _items(query: dict[str, list[str]], key: str) -> list[str]:
    return [item for value in query.get(key, []) for item in value.split(",") if item]


@dataclass(frozen=True)
class PageState:
    """Everything the page keeps: the evidence, and what only the interview needs."""

    evidence: Evidence
    skipped: tuple[str, ...] = ()
    log: tuple[str, ...] = ()
    show: tuple[str, str] | None = None


def _evidence(query: dict[str, list[str]]) -> Evidence:
    data: dict[str, object] = {
        "pain": parse_pain(",".join(_items(query, "pain"))),
        "answers": {f: answer for key, answer in ANSWER_KEYS.items() for f in _items(query, key)},
    }
    if query.get("sex") and query["sex"][0]:
        data["sex"] = query["sex"][0]
    if query.get("age") and query["age"][0]:
        age = query["age"][0].strip()
        data["age"] = int(age) if age.isdigit() else age  # text is refused below, as text
    try:
        return Evidence.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise EvidenceError(
            f"The assessment state has a bad {where}: {error['msg']}.",
            field=f"state.{where}",
            value=error.get("input"),
        ) from exc


def read(text: str) -> PageState:
    """The whole page state held in a state string; ids are checked later, by the engine."""
    query = parse_qs(text.lstrip("#?"), keep_blank_values=False)
    muscle, _, side = (query.get("show") or [""])[0].partition(":")
    return PageState(
        evidence=_evidence(query),
        skipped=tuple(_items(query, "skip")),
        log=tuple(_items(query, "log")),
        show=(muscle, side) if muscle and side else None,
    )


def parse_state(text: str) -> Evidence:
    """The evidence held in a state string; ids are checked later, by the engine."""
    return read(text).evidence


def encode_state(state: PageState) -> str:
    """The state string of ``state`` (the inverse of ``read``, in a fixed key order).

    >>> encode_state(read("pain=sacrum:6&no=fever&log=fever"))
    'pain=sacrum:6&no=fever&log=fever'
    """
    ev = state.evidence
    parts: list[str] = []
    if ev.pain:
        parts.append("pain=" + format_pain(ev.pain))
    for key, answer in ANSWER_KEYS.items():
        ids = [f for f, a in ev.answers.items() if a == answer]
        if ids:
            parts.append(f"{key}={','.join(ids)}")
    if state.skipped:
        parts.append("skip=" + ",".join(state.skipped))
    if state.log:
        parts.append("log=" + ",".join(state.log))
    if ev.age is not None:
        parts.append(f"age={ev.age}")
    if ev.sex:
        parts.append(f"sex={ev.sex}")
    if state.show:
        parts.append(f"show={state.show[0]}:{state.show[1]}")
    return "&".join(parts)
