"""Age, sex, time course and "N out of 10" read straight from the characters of the text.

These are small closed patterns (numbers, units), so regular expressions over the original
text give exact character spans without going through the term matcher.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from myomap.understand.model import Span, Stated, TimeCourse
from myomap.understand.text import SENTENCE_BREAKS, Token

__all__ = [
    "AFEBRILE",
    "NORMAL_TEMPERATURE",
    "Score",
    "checklist_answer",
    "find_age",
    "find_scores",
    "find_sex",
    "find_time_course",
    "measured_fever",
    "normal_temperature",
]

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a few": 3, "a couple of": 2, "couple of": 2, "several": 4, "few": 3,
}  # fmt: skip
_NUMBER = r"(\d+(?:\.\d+)?|a few|a couple of|couple of|several|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"  # noqa: E501
_UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30.4, "year": 365}
_DECADES = {
    "teens": 16, "twenties": 25, "thirties": 35, "forties": 45, "fifties": 55,
    "sixties": 65, "seventies": 75, "eighties": 85, "nineties": 95,
}  # fmt: skip
_SCORE = re.compile(r"\b(10|[0-9])(?:\.5)?\s*(?:/|out of|over)\s*10\b", re.I)
_AGE_PATTERNS = [
    re.compile(r"\b(\d{1,3})[- ]?(?:years?|yrs?)[- ]old\b", re.I),
    re.compile(
        r"\b(?:i am|i'm|im|aged|age)\s+(\d{1,3})\b(?!\s*(?:/|out of|%|\.\d"
        r"|(?:weeks?|wks?|days?|months?|hours?|hrs?|minutes?|mins?|kg|kilos?|stone|lbs?"
        r"|pounds|miles?|km|cm|percent|degrees?)\b))",  # "I'm 26 weeks pregnant" is no age
        re.I,
    ),
    re.compile(r"\b(\d{1,3})[- ]?(?:year|yr)[- ]?old\b", re.I),
]
_NOT_SELF_BEFORE = re.compile(r"\b(?:my|our|her|his|their)\s+(?:\w+\s+)?$", re.I)
"""An age right after someone named ("my sister 45 ...") is theirs."""
_NOT_SELF_AFTER = re.compile(r"^\W*(?:son|daughter|child|kid|baby|boy|girl|dog|cat)", re.I)
"""An age right before a child or a pet ("a 12-year-old son") is theirs; "I'm 30 and my
jaw aches" is the person's own."""
_DURATION = re.compile(
    rf"\b(?:for|over|in|since:?)\s+(?:the\s+)?(?:last\s+|past\s+)?{_NUMBER}\s+"
    r"(minute|hour|day|week|month|year)s?\b"
    rf"|\b{_NUMBER}\s+(minute|hour|day|week|month|year)s?\s+ago\b"
    r"|\bfor\s+(years|months|weeks|days|ages)\b"
    r"|\bsince\s+(yesterday|last night|this morning|last week|last month|last year|the weekend)\b",
    re.I,
)
_LOOSE = {"years": 730.0, "ages": 365.0, "months": 90.0, "weeks": 14.0, "days": 3.0}
_SINCE = {
    "yesterday": 1.0, "last night": 1.0, "this morning": 0.5, "last week": 7.0,
    "last month": 30.0, "last year": 365.0, "the weekend": 4.0,
}  # fmt: skip
_GRADUAL = frozenset({"gradually", "slowly", "crept up", "built up", "bit by bit"})
_ONSET = re.compile(
    r"\b(suddenly|all of a sudden|out of (?:the blue|nowhere)|came on (?:suddenly|quickly)"
    r"|gradually|slowly|crept up|built up|bit by bit)\b",
    re.I,
)


@dataclass(frozen=True)
class Score:
    """A pain number: "7 out of 10", "7/10"."""

    value: int
    start: int
    end: int


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def find_scores(text: str) -> list[Score]:
    """Every "N out of 10" / "N/10" in the text."""
    return [Score(int(m.group(1)), m.start(), m.end()) for m in _SCORE.finditer(text)]


def find_age(text: str) -> Stated | None:
    """The person's age when the text states it ("I'm 45", "a 53-year-old woman")."""
    for pattern in _AGE_PATTERNS:
        for m in pattern.finditer(text):
            before, after = text[max(0, m.start() - 20) : m.start()], text[m.end() : m.end() + 12]
            if _NOT_SELF_BEFORE.search(before) or _NOT_SELF_AFTER.search(after):
                continue
            age = int(m.group(1))
            if 0 < age <= 120:
                return Stated(id="age", value=str(age), spans=[_span(text, m.start(), m.end())],
                              words=m.group(0))  # fmt: skip
    decade = re.search(
        r"\bin my (?:(?:early|mid|late)\s+)?(" + "|".join(_DECADES) + r")\b", text, re.I
    )
    if decade:
        m = decade
        value = _DECADES[m.group(1).lower()]
        return Stated(id="age", value=str(value), approximate=True,
                      spans=[_span(text, m.start(), m.end())], words=m.group(0))  # fmt: skip
    return None


def find_sex(text: str, words: Mapping[str, Sequence[str]], age: Stated | None) -> Stated | None:
    """Sex when the person states it ("I'm a woman", "a 40-year-old man").

    In a third-person case summary ("A 53-year-old has…") the pronouns he/his or she/her
    are read too; in first-person text they are not, since they name someone else.
    """
    alternatives = "|".join(re.escape(w) for ws in words.values() for w in ws)
    if age is not None:
        end = age.spans[0].end
        hit = re.match(rf"\s+(?:[\w-]+\s+){{0,2}}?({alternatives})\b", text[end:], re.I)
        if hit:
            return _sex(text, words, end + hit.start(1), end + hit.end(1))
    lead = r"(?:\bi am|\bi'm|\bim)\s+(?:an?\s+)?(?:\d{1,3}[- ]?(?:years?|yrs?)[- ]old\s+)?"
    m = re.search(lead + rf"({alternatives})\b", text, re.I)
    if m:
        return _sex(text, words, m.start(1), m.end(1))
    if re.match(r"\s*an?\s+\d{1,3}[- ]?(?:years?|yrs?)[- ]old\b", text, re.I):
        return _pronoun(text)
    return None


def _sex(text: str, words: Mapping[str, Sequence[str]], start: int, end: int) -> Stated:
    word = text[start:end].lower()
    value = next(k for k, ws in words.items() if word in ws)
    return Stated(id="sex", value=value, spans=[_span(text, start, end)], words=text[start:end])


def _pronoun(text: str) -> Stated | None:
    he = list(re.finditer(r"\b(he|his|him)\b", text, re.I))
    she = list(re.finditer(r"\b(she|her|hers)\b", text, re.I))
    if bool(he) == bool(she):
        return None
    first = (he or she)[0]
    value = "male" if he else "female"
    span = _span(text, first.start(), first.end())
    return Stated(id="sex", value=value, approximate=True, spans=[span], words=first.group(0))


def find_time_course(text: str) -> list[TimeCourse]:
    """Durations ("for three weeks", "since yesterday") and onsets ("suddenly")."""
    out: list[TimeCourse] = []
    for m in _DURATION.finditer(text):
        days = _days(m)
        out.append(
            TimeCourse(
                words=m.group(0),
                spans=[_span(text, m.start(), m.end())],
                days=days,
                phase=_phase(days),
            )
        )
    for m in _ONSET.finditer(text):
        onset: Literal["sudden", "gradual"] = (
            "gradual" if m.group(1).lower() in _GRADUAL else "sudden"
        )
        out.append(TimeCourse(words=m.group(0), spans=[_span(text, m.start(), m.end())],
                              onset=onset))  # fmt: skip
    return sorted(out, key=lambda t: t.spans[0].start)


def _days(m: re.Match[str]) -> float | None:
    g = m.groups()
    if g[0] and g[1]:
        return _count(g[0]) * _UNIT_DAYS[g[1].lower()]
    if g[2] and g[3]:
        return _count(g[2]) * _UNIT_DAYS[g[3].lower()]
    if g[4]:
        return _LOOSE[g[4].lower()]
    if g[5]:
        return _SINCE[g[5].lower()]
    return None


def _count(word: str) -> float:
    word = word.lower()
    return float(word) if word[0].isdigit() else float(_NUMBERS[word])


Phase = Literal["acute", "subacute", "chronic"]


def _phase(days: float | None) -> Phase | None:
    if days is None:
        return None
    if days < 42:
        return "acute"
    return "subacute" if days <= 84 else "chronic"


NORMAL_TEMPERATURE = ((35.0, 37.5), (95.0, 99.5))
"""Readings (°C, °F) that are not a fever: a high temperature is 38 °C or more (NHS); 37.5 to
38 °C is left as said, so a borderline reading still counts as a fever."""

BODY_TEMPERATURE = ((30.0, 45.0), (86.0, 113.0))
"""Numbers that can be a body temperature (°C, °F); others in the sentence are other readings
("temperature 37.0, pulse 72") or counts, not temperatures."""


OTHER_READINGS = frozenset(
    {"pulse", "hr", "rate", "bp", "pressure", "rr", "sats", "saturation", "saturations", "spo2",
     "o2", "gcs", "bpm", "weight", "glucose", "sugar"}
)  # fmt: skip
"""Words before a number that is not a temperature ("temperature 37.0 °C, pulse 108/min")."""


AFEBRILE = frozenset({"afebrile", "apyrexial", "apyrexic", "apyrexia"})
"""Clinical words for "no fever" ("No trauma, afebrile."): read as a fever answered no."""


def normal_temperature(tokens: Sequence[Token], last: int) -> str | None:
    """The reading after a temperature word (token ``last``) when every number up to the end
    of the sentence is a normal temperature ("temp is 36.8"), else None: a measured normal
    temperature is not a fever, but "36.5 yesterday, 39 today" is. Numbers that cannot be a
    body temperature ("pulse 72") are passed over. A clinical word for no fever ("afebrile")
    is itself the normal reading."""
    if tokens[last].lower in AFEBRILE:
        return tokens[last].text
    readings: list[str] = []
    previous = ""
    for tok in tokens[last + 1 :]:
        if tok.lower in SENTENCE_BREAKS:
            break
        value = _number(tok.lower.rstrip("°cf"))
        after_vital, previous = previous in OTHER_READINGS, tok.lower if tok.is_word else previous
        if value is None or after_vital:
            continue
        if not any(low <= value <= high for low, high in BODY_TEMPERATURE):
            continue
        if not any(low <= value < high for low, high in NORMAL_TEMPERATURE):
            return None
        readings.append(tok.text)
    return readings[0] if readings else None


HIGH_TEMPERATURE = ((38.0, 45.0), (100.4, 113.0))
"""Readings (°C, °F) that are a fever whatever words stand around them (NHS: 38 °C or more)."""


def measured_fever(tokens: Sequence[Token], last: int, within: int = 3) -> str | None:
    """The reading that is a temperature match's last token (a number read as a fever) or
    stands straight after it, within ``within`` tokens, when it is a fever: "temp 39.2" is a
    fever even where a "won't" before it negates the words that follow ("my chin won't go
    near my chest, temp 39.2")."""
    for tok in tokens[last : last + 1 + within]:
        if tok.lower in SENTENCE_BREAKS:
            return None
        value = _number(tok.lower.rstrip("°cf"))
        if value is not None:
            high = any(low <= value <= top for low, top in HIGH_TEMPERATURE)
            return tok.text if high else None
    return None


def _number(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return None


CHECKLIST_MARKS = frozenset({"?", ":", "-", "=", "—", "–", "--"})
"""Marks between a sign and its answer in a checklist ("Fever? No.", "weight loss - no")."""

CHECKLIST_ANSWERS: Mapping[str, Literal["yes", "no"]] = {
    "no": "no", "nope": "no", "none": "no", "nil": "no", "nah": "no", "negative": "no",
    "normal": "no", "fine": "no", "yes": "yes", "yep": "yes", "yeah": "yes", "positive": "yes",
}  # fmt: skip
"""Answer words of a checklist, and what they say of the sign before them."""


def checklist_answer(tokens: Sequence[Token], last: int) -> tuple[Literal["yes", "no"], str] | None:
    """The answer written straight after a sign, checklist style, with its word: "Fever? No",
    "weight loss - no", "Breathless? A: No", "fever - YES, 38.7". Only when a mark (``?``,
    ``:``, ``-``) stands between them, so running text ("fever no longer") is left alone, and
    not when its "no" starts a phrase: "Nights: no position helps" answers nothing."""
    marked = False
    for tok in tokens[last + 1 : last + 5]:
        if tok.text in CHECKLIST_MARKS or tok.lower in CHECKLIST_MARKS:
            marked = True
            continue
        if tok.lower in ("a", "answer", "me") and marked:  # "Q: … ? A: No", "…? Me: No"
            continue
        answer = CHECKLIST_ANSWERS.get(tok.lower)
        if answer is None or not marked or not _alone(tokens, tok.index + 1):
            return None
        return answer, tok.text
    return None


def _alone(tokens: Sequence[Token], after: int) -> bool:
    """A checklist's "no" followed by a word is a determiner that starts a phrase ("Nights: no
    position helps"), not the answer; other answer words ("none since Tuesday", "yes 38.7")
    and a "no" before punctuation, a number or an adverb ("no, fully with it", "no not at
    all") answer the sign."""
    if after >= len(tokens) or tokens[after - 1].lower != "no":
        return True
    nxt = tokens[after]
    return not nxt.is_word or nxt.lower in _AFTER_NO or nxt.text.replace(".", "", 1).isdigit()


_AFTER_NO = frozenset(
    {"not", "never", "since", "really", "thanks", "thank", "at", "still", "today", "now", "and"}
)
"""Words that may follow a checklist's "no" without making it a determiner."""
