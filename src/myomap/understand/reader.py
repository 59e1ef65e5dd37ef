"""``understand``: from a free-text description to proposals with the words they came from.

Steps: tokenise (spaCy, blank English) → find lexicon terms (regions, findings, side,
intensity and ConText words) → keep the largest match of each kind → work out negation and
uncertainty → give each region a side (stated, carried over from the mention before, "same
side", "other side", "both sides") and an intensity (a number or a word in the same clause,
else in the same sentence, else 5) → read age, sex and time course → list every clause in
which nothing was recognised.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from myomap.atlas.lexicon import ContextRule, Lexicon, Modifiers, default_lexicon
from myomap.atlas.model import Atlas
from myomap.understand.context import (
    Cue,
    Scope,
    belongs_to_other,
    inside_denial,
    pseudo_triggers,
    scopes,
    status,
)
from myomap.understand.extract import (
    Score,
    checklist_answer,
    find_age,
    find_scores,
    find_sex,
    find_time_course,
    normal_temperature,
)
from myomap.understand.matcher import NEVER_SKIPPED, Match, Matcher, best, compile_term
from myomap.understand.model import (
    SAFETY_CATEGORIES,
    FindingItem,
    Polarity,
    RegionItem,
    Understanding,
)
from myomap.understand.senses import around_the_eye, bottom_of_something, is_side, spreading
from myomap.understand.spans import distinct, joined, not_understood, span_of
from myomap.understand.text import CLAUSE_BREAKS, Token, normalise_words, tokenise

__all__ = ["DEFAULT_INTENSITY", "IMPLIED", "understand"]

IMPLIED = {
    "breathless_or_chest_pain": ("breathless_new", "pain_on_breathing_in"),
    "bladder_control_change": ("urinary_retention",),
}
"""Findings that ask "A or B": read as stated (or hedged) when A or B is, from the same words
("out of breath" answers "newly short of breath, or chest pain on breathing in?"; "I can't
pass urine" answers "new trouble passing urine, or lost control of your bladder?")."""

DEFAULT_INTENSITY = 5
"""Intensity proposed when the text gives no word or number for it."""


@dataclass
class _Vocabulary:
    """A lexicon compiled for matching."""

    matcher: Matcher
    rules: list[ContextRule]
    modifiers: Modifiers


_COMPILED: dict[int, tuple[Lexicon, _Vocabulary]] = {}


def _vocabulary(lexicon: Lexicon) -> _Vocabulary:
    cached = _COMPILED.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    if lexicon.modifiers is None:
        raise ValueError("the lexicon has no modifiers.yaml")
    mods = lexicon.modifiers
    patterns = [compile_term("region", e.region, t) for e in lexicon.regions for t in e.terms]
    patterns += [compile_term("finding", e.finding, t) for e in lexicon.findings for t in e.terms]
    patterns += [compile_term("side", side, t, 0) for side, ts in mods.side.items() for t in ts]
    patterns += [
        compile_term("intensity", str(i.value), t, 0) for i in mods.intensity for t in i.terms
    ]
    patterns += [
        compile_term("context", str(n), t, 0)
        for n, rule in enumerate(mods.context)
        for t in rule.terms
    ]
    vocab = _Vocabulary(Matcher(patterns), list(mods.context), mods)
    _COMPILED[id(lexicon)] = (lexicon, vocab)
    return vocab


@dataclass
class _Found:
    """Matches of one description, sorted by kind, with clause numbers per token."""

    tokens: list[Token]
    clause: list[int]
    regions: list[Match] = field(default_factory=list)
    findings: list[Match] = field(default_factory=list)
    sides: list[Match] = field(default_factory=list)
    intensities: list[Match] = field(default_factory=list)
    context: list[Match] = field(default_factory=list)


def understand(atlas: Atlas, text: str, lexicon: Lexicon | None = None) -> Understanding:
    """Propose regions, findings, age, sex and time course from ``text``; nothing is dropped.

    >>> from myomap import load_atlas
    >>> u = understand(load_atlas(), "My left calf aches, no numbness.")
    >>> [(r.region, r.polarity) for r in u.regions], [(f.finding, f.polarity) for f in u.findings]
    ([('calf_upper_l', 'yes')], [('leg_tingling', 'no')])
    """
    vocab = _vocabulary(lexicon or default_lexicon())
    tokens = tokenise(text)
    found = _find(vocab, tokens, _warning_signs(atlas))
    all_scopes = scopes(tokens, found.context, vocab.rules, vocab.modifiers.window)
    scores = find_scores(text)
    regions = _regions(atlas, text, found, all_scopes, scores)
    pseudo = pseudo_triggers(found.context, vocab.rules)
    findings = _findings(atlas, text, found, all_scopes, pseudo)
    age = find_age(text)
    sex = find_sex(text, {str(k): v for k, v in vocab.modifiers.sex.items()}, age)
    times = find_time_course(text)
    taken = [(s.start, s.end) for r in regions for s in r.spans]
    taken += [(s.start, s.end) for f in findings for s in f.spans]
    taken += [(m.start, m.end) for m in [*found.sides, *found.intensities]]
    taken += [(s.start, s.end) for st in (age, sex) if st is not None for s in st.spans]
    taken += [(s.start, s.end) for t in times for s in t.spans]
    taken += [(s.start, s.end) for s in scores]
    return Understanding(
        text=text,
        regions=regions,
        findings=findings,
        red_flags=[
            f
            for f in findings
            if atlas.findings[f.finding].category in SAFETY_CATEGORIES and f.polarity != "no"
        ],
        age=age,
        sex=sex,
        time_course=times,
        not_understood=not_understood(text, found.tokens, found.clause, taken),
    )


EYE_ITSELF = frozenset({"red_painful_eye"})
"""Findings about the eye itself, not read from a place by the eye ("behind my eye hurts")."""


def _warning_signs(atlas: Atlas) -> frozenset[str]:
    """Red-flag finding ids: their matches are not swallowed by a larger ordinary one."""
    return frozenset(k for k, f in atlas.findings.items() if f.category == "red_flag")


def _find(vocab: _Vocabulary, tokens: list[Token], apart: frozenset[str] = frozenset()) -> _Found:
    clause: list[int] = []
    number = 0
    for tok in tokens:
        if tok.lower in CLAUSE_BREAKS:
            number += 1
        clause.append(number)
    found = _Found(tokens, clause)
    matches = vocab.matcher.find(tokens)
    for kind, bucket in (
        ("region", found.regions),
        ("finding", found.findings),
        ("intensity", found.intensities),
        ("context", found.context),
    ):
        bucket.extend(best((m for m in matches if m.kind == kind), apart))
    found.sides = [m for m in best(m for m in matches if m.kind == "side") if is_side(tokens, m)]
    found.regions = [m for m in found.regions if not bottom_of_something(tokens, m)]
    found.findings = [
        m
        for m in found.findings
        if not (m.key in EYE_ITSELF and around_the_eye(tokens, m)) and not spreading(tokens, m)
    ]
    return found


# --- regions ------------------------------------------------------------------------------


def _regions(
    atlas: Atlas, text: str, found: _Found, all_scopes: Sequence[Scope], scores: Sequence[Score]
) -> list[RegionItem]:
    merged: dict[str, RegionItem] = {}
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
    return list(merged.values())


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


def _sides(found: _Found, m: Match, last: str | None) -> tuple[_Pairs, Match | None, str | None]:
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


def _next_side(found: _Found, m: Match) -> str | None:
    """The first right/left/both said after a mention ("My back hurts. It's on the right.")."""
    later = [s.key for s in found.sides if s.first > m.last and s.key in ("right", "left", "both")]
    return later[0] if later else None


def _side_word(found: _Found, m: Match) -> Match | None:
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


def _intensity(found: _Found, m: Match, scores: Sequence[Score], text: str) -> tuple[int, str]:
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
    polarity = _combine([old.polarity, new.polarity])
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


# --- findings -----------------------------------------------------------------------------


def _findings(
    atlas: Atlas,
    text: str,
    found: _Found,
    all_scopes: Sequence[Scope],
    pseudo: Sequence[Match] = (),
) -> list[FindingItem]:
    mentions: dict[str, list[tuple[Match, Cue]]] = defaultdict(list)
    for m in found.findings:
        sign = m.key in atlas.findings and atlas.findings[m.key].category == "red_flag"
        if m.key in atlas.findings and not belongs_to_other(m, "finding", all_scopes, text, sign):
            cue = status(m, "finding", all_scopes, text, pseudo)
            normal = normal_temperature(found.tokens, m.last) if m.key == "fever" else None
            # a sign worded as an absence ("no wind") is not answered by a checklist's "no"
            absence = not NEVER_SKIPPED.isdisjoint(normalise_words(m.pattern.term))
            answered = None if absence else checklist_answer(found.tokens, m.last)
            if answered is not None:
                cue = Cue(*answered)
            mentions[m.key].append((m, Cue("no", normal) if normal else cue))
    for either, parts in IMPLIED.items():
        if either in atlas.findings and either not in mentions:
            said = [(m, c) for p in parts for m, c in mentions.get(p, ()) if c.polarity != "no"]
            if said:
                mentions[either] = said
    out: list[FindingItem] = []
    for finding_id, items in mentions.items():
        finding = atlas.findings[finding_id]
        spans = distinct([span_of(text, m) for m, _ in items])
        out.append(
            FindingItem(
                id=f"finding:{finding_id}",
                finding=finding_id,
                question=finding.question,
                polarity=_combine([c.polarity for _, c in items]),
                red_flag=finding.category == "red_flag",
                cue=next((c.words for _, c in items if c.words), ""),
                spans=spans,
                words=joined(spans),
            )
        )
    return sorted(out, key=lambda f: f.spans[0].start)


def _combine(polarities: Sequence[Polarity]) -> Polarity:
    """One answer from several mentions: yes and no together is left to the person."""
    said = set(polarities)
    if "yes" in said and "no" in said:
        return "unknown"
    if "yes" in said:
        return "yes"
    return "no" if "no" in said else "unknown"


# --- what was not understood --------------------------------------------------------------
