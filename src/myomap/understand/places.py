"""Where it hurts: each place word of a description becomes a region with a side (stated,
carried over from the mention before, "same side", "other side", "both sides"), an
intensity (a number or a word in the same clause, else in the same sentence, else the
default) and a polarity; a place that only names a warning sign or a denial is left out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from myomap.atlas.model import Atlas
from myomap.engine.marks import DEFAULT_INTENSITY
from myomap.understand.context import Scope, inside_denial, status
from myomap.understand.extract import Score
from myomap.understand.found import Found
from myomap.understand.matcher import Match
from myomap.understand.model import RegionItem, combine
from myomap.understand.spans import distinct, joined, span_of
from myomap.understand.text import Token

__all__ = ["read_regions"]


def read_regions(
    atlas: Atlas, text: str, found: Found, all_scopes: Sequence[Scope], scores: Sequence[Score]
) -> list[RegionItem]:
    """One proposal per region the description names, merged when named twice."""
    merged: dict[str, RegionItem] = {}
    hurts: set[str] = set()  # regions said to hurt in so many words
    last_side: str | None = None
    flags = [
        f
        for f in found.findings
        if f.key in atlas.findings and atlas.findings[f.key].category == "red_flag"
    ]
    for m in found.regions:
        spec = atlas.region_specs.get(m.key)
        if spec is None or any(_names_a_sign(found.tokens, f, m) for f in flags):
            continue  # "numb around my bottom" names a warning sign, not a painful place
        cue = status(m, "region", all_scopes, text)
        if cue.polarity == "yes" and inside_denial(m, all_scopes):
            continue  # "no tingling in my hand" does not say the hand hurts
        intensity, intensity_from = _intensity(found, m, scores, text)
        spans = [span_of(text, m)]
        pairs: _Pairs = [(spec.id, "midline", "midline")]
        if spec.paired:
            pairs, side_match, last_side = _sides(found, m, last_side)
            if side_match is not None:
                spans.append(span_of(text, side_match))
        for region_id, side, side_from in pairs:
            item = RegionItem(
                id=f"region:{region_id}",
                region=region_id,
                label=atlas.regions[region_id].label,
                side=side,
                side_from=side_from,
                intensity=0 if cue.polarity == "no" else intensity,
                intensity_from="" if cue.polarity == "no" else intensity_from,
                polarity=cue.polarity,
                cue=cue.words,
                spans=distinct(spans),
                words=joined(spans),
            )
            merged[region_id] = _merge_region(merged.get(region_id), item)
            if cue.polarity == "yes" and _said_to_hurt(found, m):
                hurts.add(region_id)
    # a place said to hurt and, elsewhere, said to be fine is two parts of one region ("the
    # underside of my heel hurts ... the back of the heel is fine"): it hurts
    return [
        r.model_copy(update={"polarity": "yes"}) if r.polarity == "unknown" and r.region in hurts
        else r
        for r in merged.values()
    ]  # fmt: skip


def _said_to_hurt(found: Found, m: Match) -> bool:
    """True when a pain word stands in the mention's clause ("my left heel hurts")."""
    clause = found.clause[m.first]
    return any(
        t.lower in PAIN_WORDS and found.clause[t.index] == clause
        for t in found.tokens[max(0, m.first - 6) : m.last + 7]
    )


PAIN_WORDS = frozenset(
    {"pain", "pains", "painful", "sore", "ache", "aches", "aching", "achy", "hurt", "hurts",
     "hurting", "tender", "agony", "throbbing"}
)  # fmt: skip
"""Words that say a place hurts: a sign's own place that hurts too is still marked ("a sore,
swollen right calf")."""
NEAR_SIGN = 3
"""Tokens before a sign's wording that still belong to it ("sore, swollen calf")."""


def _names_a_sign(tokens: Sequence[Token], sign: Match, m: Match) -> bool:
    """True when the place is part of a warning sign's wording and nothing there says it
    hurts ("numb around my bottom")."""
    if not (sign.first <= m.first and m.last <= sign.last):
        return False
    near = tokens[max(0, sign.first - NEAR_SIGN) : sign.last + 1]
    return all(t.lower not in PAIN_WORDS for t in near)


Side = Literal["right", "left", "midline"]
SideFrom = Literal["stated", "carried", "same", "opposite", "both", "unstated", "midline"]
_Pairs = list[tuple[str, Side, SideFrom]]


def _sides(found: Found, m: Match, last: str | None) -> tuple[_Pairs, Match | None, str | None]:
    """Region ids with side for one paired mention, the side word used, and the side now."""
    side_match = _side_word(found, m)
    base = m.key
    if side_match is not None:
        word = side_match.key
        if word == "both":
            return _both(base, "both"), side_match, "both"
        side = _resolve(word, last)
        if side is not None:
            source: SideFrom = "stated" if word in ("right", "left") else word  # type: ignore[assignment]
            return [(f"{base}_{side[0]}", side, source)], side_match, side
    if last is None:
        last = _next_side(found, m)
    carried = _resolve(last or "", None)
    if carried is not None:
        return [(f"{base}_{carried[0]}", carried, "carried")], None, carried
    return _both(base, "both" if last == "both" else "unstated"), None, last


def _resolve(word: str, last: str | None) -> Literal["right", "left"] | None:
    """The side a side word means, given the side of the mention before."""
    if word == "right":
        return "right"
    if word == "left":
        return "left"
    if last in ("right", "left") and word in ("same", "opposite"):
        return "right" if (last == "right") == (word == "same") else "left"
    return None


def _both(base: str, source: SideFrom) -> _Pairs:
    return [(f"{base}_r", "right", source), (f"{base}_l", "left", source)]


def _next_side(found: Found, m: Match) -> str | None:
    """The first right/left/both said after a mention ("My back hurts. It's on the right.")."""
    later = [s.key for s in found.sides if s.first > m.last and s.key in ("right", "left", "both")]
    return later[0] if later else None


def _side_word(found: Found, m: Match) -> Match | None:
    """The side word that belongs to this region mention, if its clause has one.

    The nearest side word in the same clause counts; one after the mention counts only if
    it does not lead straight into another region ("left buttock and right thigh").
    """
    clause = found.clause[m.first]
    starts = {r.first for r in found.regions}
    best_match: Match | None = None
    best_distance = 10**6
    for s in found.sides:
        if s.first <= m.last and m.first <= s.last:
            return s  # the side word is inside the mention ("right side of the neck")
        if found.clause[s.first] != clause:
            continue
        if s.last < m.first:
            distance = m.first - s.last
        else:
            if s.last + 1 in starts or any(m.last < r.first < s.first for r in found.regions):
                continue
            distance = s.first - m.last
        if distance < best_distance:
            best_match, best_distance = s, distance
    return best_match


def _intensity(found: Found, m: Match, scores: Sequence[Score], text: str) -> tuple[int, str]:
    tokens = found.tokens
    candidates: list[tuple[int, int, int, str]] = []
    for s in scores:
        position = next((t.index for t in tokens if t.start >= s.start), len(tokens) - 1)
        candidates.append((position, position, s.value, text[s.start : s.end]))
    for i in found.intensities:
        candidates.append((i.first, i.last, int(i.key), text[i.start : i.end]))
    clause, sentence = found.clause[m.first], tokens[m.first].sentence
    in_clause = [c for c in candidates if found.clause[c[0]] == clause]
    in_sentence = [c for c in candidates if tokens[c[0]].sentence == sentence]
    for near in (in_clause, in_sentence):
        if near:
            chosen = min(near, key=lambda c: min(abs(c[0] - m.last), abs(m.first - c[1])))
            return chosen[2], chosen[3]
    return DEFAULT_INTENSITY, ""


def _merge_region(old: RegionItem | None, new: RegionItem) -> RegionItem:
    if old is None:
        return new
    spans = distinct([*old.spans, *new.spans])
    polarity = combine([old.polarity, new.polarity])
    keep = old if old.intensity >= new.intensity else new
    return keep.model_copy(
        update={
            "spans": spans,
            "words": joined(spans),
            "polarity": polarity,
            "intensity": 0 if polarity == "no" else max(old.intensity, new.intensity),
            "cue": old.cue or new.cue,
        }
    )
