"""From proposals to evidence: only what the person confirmed reaches the ranking.

``evidence_from`` turns the confirmed items of an ``Understanding`` into the ``Evidence``
that ``rank`` and ``lookup`` take; ``evidence_as_read`` takes a description as it stands
when no one is there to confirm it. ``provisional_triage`` is the one exception to
"confirmed only": red-flag wording raises triage at once, before any confirmation,
because red flags always win; ``regions_counted_at_once`` names the painful places that
level needs (a rule of back pain at night needs the back).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from myomap.atlas.model import Atlas
from myomap.engine.evidence import Answer, Evidence, Pain
from myomap.engine.result import Triage
from myomap.engine.urgency import LEVELS, triage
from myomap.understand.model import SAFETY_CATEGORIES, Understanding

__all__ = [
    "SAFETY_CATEGORIES",
    "evidence_as_read",
    "evidence_from",
    "provisional_triage",
    "regions_counted_at_once",
]


def evidence_from(
    understanding: Understanding, confirmed: Iterable[str] | Mapping[str, Answer]
) -> Evidence:
    """The evidence made of the confirmed items.

    ``confirmed`` lists item ids (``region:…``, ``finding:…``, ``age``, ``sex``) the person
    accepted as proposed, or maps ids to the answer the person chose (``yes``/``no``/
    ``unknown``) when they changed it. A region confirmed as ``no`` is marked not painful
    (intensity 0); an ``unknown`` item carries no evidence.
    """
    chosen: dict[str, Answer | None] = (
        dict(confirmed) if isinstance(confirmed, Mapping) else dict.fromkeys(confirmed)
    )
    pain: list[Pain] = []
    for r in understanding.regions:
        if r.id not in chosen:
            continue
        answer = chosen[r.id] or r.polarity
        if answer == "yes":
            pain.append(Pain(region=r.region, intensity=max(1, r.intensity)))
        elif answer == "no":
            pain.append(Pain(region=r.region, intensity=0))
    answers: dict[str, Answer] = {}
    for f in understanding.findings:
        if f.id in chosen:
            answer = chosen[f.id] or f.polarity
            if answer != "unknown":
                answers[f.finding] = answer
    age = understanding.age
    sex = understanding.sex
    return Evidence.model_validate(
        {
            "pain": pain,
            "answers": answers,
            "age": int(age.value) if age is not None and "age" in chosen else None,
            "sex": sex.value if sex is not None and "sex" in chosen else None,
        }
    )


def evidence_as_read(atlas: Atlas, understanding: Understanding) -> Evidence:
    """A description taken as it stands, with no one to confirm it (``myomap assess --text``):
    every item as proposed, and a warning sign or risk factor the text only hedges ("maybe a
    bit numb around my bottom") counted as "yes" until the person answers it, as
    ``provisional_triage`` counts it. Left as "not sure" it would carry no evidence, and a
    hinted warning sign would not raise the level."""
    evidence = evidence_from(understanding, understanding.item_ids())
    answers = {**evidence.answers, **_safety_answers(atlas, understanding)}
    return evidence.model_copy(update={"answers": answers})


def _safety_answers(atlas: Atlas, understanding: Understanding) -> dict[str, Answer]:
    """The warning signs and risk factors as the text gives them, safety first: a stated or
    hedged one is "yes" ("maybe numb down below" is treated as numb), a negated one "no"."""
    return {
        f.finding: "no" if f.polarity == "no" else "yes"
        for f in understanding.findings
        if atlas.findings[f.finding].category in SAFETY_CATEGORIES
    }


def provisional_triage(atlas: Atlas, understanding: Understanding) -> Triage:
    """Triage from the description alone, before anything is confirmed.

    Warning signs and risk factors that the text states or hedges count as "yes" (safety
    first: "maybe numb down below" is treated as numb); those it negates count as "no".
    The proposed painful regions, age and sex count too, since rules depend on them.
    """
    answers = _safety_answers(atlas, understanding)
    age = understanding.age
    sex = understanding.sex
    evidence = Evidence.model_validate(
        {
            "pain": [
                Pain(region=r.region, intensity=max(1, r.intensity))
                for r in understanding.regions
                if r.polarity == "yes"
            ],
            "answers": answers,
            "age": int(age.value) if age is not None else None,
            "sex": sex.value if sex is not None else None,
        }
    )
    return triage(atlas, evidence)


def regions_counted_at_once(
    atlas: Atlas, understanding: Understanding, provisional: Triage
) -> list[str]:
    """The proposed painful regions (item ids) that count for the safety check at once, with
    the warning signs: all of them when the description's triage (``provisional``, from
    ``provisional_triage``) is higher than without them (a rule of the signs needs a painful
    place), else none.

    Without them the page, which counts the signs at once, would show a lower level than the
    description's own banner until the person confirmed the places."""
    painful = [r for r in understanding.regions if r.polarity == "yes"]
    if not painful or provisional.level == "self_care":
        return []
    without = provisional_triage(atlas, understanding.model_copy(update={"regions": []}))
    if LEVELS.index(provisional.level) <= LEVELS.index(without.level):
        return []
    return [r.id for r in painful]
