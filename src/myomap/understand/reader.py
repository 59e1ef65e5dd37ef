"""``understand``: from a free-text description to proposals with the words they came from.

Steps: tokenise (spaCy, blank English) → find lexicon terms (regions, findings, side,
intensity and ConText words) → keep the largest match of each kind → work out negation and
uncertainty → give each region a side (stated, carried over from the mention before, "same
side", "other side", "both sides") and an intensity (a number or a word in the same clause,
else in the same sentence, else 5) → propose, as "not sure", the warning signs that the
second reader (``understand.signs``, a model of whole descriptions) finds likely and no
phrase read → read age, sex and time course → list every clause in which nothing was
recognised.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from myomap.atlas.lexicon import ContextRule, Lexicon, Modifiers, default_lexicon
from myomap.atlas.model import Atlas
from myomap.understand.context import (
    Cue,
    Scope,
    belongs_to_other,
    denied_after,
    denied_before,
    pseudo_triggers,
    scopes,
    status,
)
from myomap.understand.extract import (
    checklist_answer,
    find_age,
    find_scores,
    find_sex,
    find_time_course,
    measured_fever,
    normal_temperature,
)
from myomap.understand.found import Found
from myomap.understand.matcher import NEVER_SKIPPED, Match, Matcher, best, compile_term
from myomap.understand.model import (
    SAFETY_CATEGORIES,
    FindingItem,
    Span,
    Understanding,
    combine,
)
from myomap.understand.places import read_regions
from myomap.understand.senses import (
    around_the_eye,
    bottom_of_something,
    explained,
    gives_way,
    in_passing,
    is_side,
    night_sweat,
    on_the_shoulder_blade,
    part_of_another_place,
    spreading,
    where_it_sits,
)
from myomap.understand.signs import MIN_WORDS, THRESHOLD, sign_model
from myomap.understand.spans import distinct, joined, not_understood, span_of
from myomap.understand.text import CLAUSE_BREAKS, Token, normalise_words, tokenise

__all__ = ["IMPLIED", "understand"]

IMPLIED = {
    "breathless_or_chest_pain": ("breathless_new", "pain_on_breathing_in"),
    "bladder_control_change": ("urinary_retention",),
}
"""Findings that ask "A or B": read as stated (or hedged) when A or B is, from the same words
("out of breath" answers "newly short of breath, or chest pain on breathing in?"; "I can't
pass urine" answers "new trouble passing urine, or lost control of your bladder?")."""


@dataclass
class _Vocabulary:
    """A lexicon compiled for matching."""

    matcher: Matcher
    rules: list[ContextRule]
    modifiers: Modifiers
    causes: dict[str, frozenset[str]]
    """Finding id -> its everyday causes, lower case (``modifiers.yaml``, ``causes``)."""


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
    causes = {f: frozenset(w.lower() for w in words) for f, words in mods.causes.items()}
    vocab = _Vocabulary(Matcher(patterns), list(mods.context), mods, causes)
    _COMPILED[id(lexicon)] = (lexicon, vocab)
    return vocab


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
    mentions = [*found.findings, *found.regions]
    all_scopes = scopes(tokens, found.context, vocab.rules, vocab.modifiers.window, mentions)
    scores = find_scores(text)
    regions = read_regions(atlas, text, found, all_scopes, scores)
    pseudo = pseudo_triggers(found.context, vocab.rules)
    findings = _findings(atlas, text, found, all_scopes, pseudo)
    findings += _suggested(atlas, text, tokens, {f.finding for f in findings})
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


def _suggested(
    atlas: Atlas, text: str, tokens: Sequence[Token], read: set[str]
) -> list[FindingItem]:
    """Warning signs the second reader finds likely and the phrases did not read at all,
    as "not sure", each with the sentence that speaks for it most."""
    if len(text.split()) < MIN_WORDS:
        return []
    model = sign_model()
    likely = [
        s
        for s, p in model.probabilities(text).items()
        if p >= THRESHOLD and s not in read and s in atlas.findings
    ]
    if not likely:
        return []
    sentences: dict[int, list[Token]] = defaultdict(list)
    for tok in tokens:
        sentences[tok.sentence].append(tok)
    spans = [
        Span(start=ts[0].start, end=ts[-1].end, text=text[ts[0].start : ts[-1].end])
        for ts in sentences.values()
    ]
    by_sentence = [model.probabilities(span.text) for span in spans]
    out: list[FindingItem] = []
    for sign in likely:
        best = max(range(len(spans)), key=lambda i: by_sentence[i][sign])
        out.append(
            FindingItem(
                id=f"finding:{sign}",
                finding=sign,
                question=atlas.findings[sign].question,
                polarity="unknown",
                red_flag=atlas.findings[sign].category == "red_flag",
                spans=[spans[best]],
                words=spans[best].text,
                source="pattern",
            )
        )
    return out


EYE_ITSELF = frozenset({"red_painful_eye"})
"""Findings about the eye itself, not read from a place by the eye ("behind my eye hurts")."""


def _warning_signs(atlas: Atlas) -> frozenset[str]:
    """Red-flag finding ids: their matches are not swallowed by a larger ordinary one."""
    return frozenset(k for k, f in atlas.findings.items() if f.category == "red_flag")


def _find(vocab: _Vocabulary, tokens: list[Token], apart: frozenset[str] = frozenset()) -> Found:
    clause: list[int] = []
    number = 0
    for tok in tokens:
        if tok.lower in CLAUSE_BREAKS:
            number += 1
        clause.append(number)
    found = Found(tokens, clause)
    matches = vocab.matcher.find(tokens)
    for kind, bucket in (
        ("region", found.regions),
        ("finding", found.findings),
        ("intensity", found.intensities),
        ("context", found.context),
    ):
        bucket.extend(best((m for m in matches if m.kind == kind), apart))
    found.sides = [m for m in best(m for m in matches if m.kind == "side") if is_side(tokens, m)]
    found.regions = [
        m
        for m in found.regions
        if not bottom_of_something(tokens, m)
        and not part_of_another_place(m, found.regions, tokens)
        and not in_passing(tokens, m)
    ]
    found.findings = [
        m
        for m in found.findings
        if not (m.key in EYE_ITSELF and around_the_eye(tokens, m))
        and not (m.key in vocab.causes and explained(tokens, m, vocab.causes[m.key]))
        and not spreading(tokens, m)
        and not where_it_sits(tokens, m)
        and not gives_way(tokens, m)
        and not on_the_shoulder_blade(tokens, m)
        and not night_sweat(m, found.findings)
    ]
    return found


# --- findings -----------------------------------------------------------------------------


def _findings(
    atlas: Atlas,
    text: str,
    found: Found,
    all_scopes: Sequence[Scope],
    pseudo: Sequence[Match] = (),
) -> list[FindingItem]:
    mentions: dict[str, list[tuple[Match, Cue]]] = defaultdict(list)
    for m in found.findings:
        sign = m.key in atlas.findings and atlas.findings[m.key].category == "red_flag"
        if m.key in atlas.findings and not belongs_to_other(m, "finding", all_scopes, text, sign):
            cue = status(m, "finding", all_scopes, text, pseudo)
            normal = normal_temperature(found.tokens, m.last) if m.key == "fever" else None
            if (
                m.key == "fever"
                and cue.polarity == "no"
                and measured_fever(found.tokens, m.last)
                and not denied_after(m, all_scopes)
            ):
                cue = Cue("yes", "")  # a measured fever is not denied by words before it
            # a sign worded as an absence ("no wind") is not answered by a checklist's "no",
            # nor denied by a "no" before it: "no number twos and not even passing wind"
            absence = not NEVER_SKIPPED.isdisjoint(normalise_words(m.pattern.term))
            if absence and cue.polarity == "no" and denied_before(m, all_scopes):
                cue = Cue("yes", "")
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
                polarity=combine([c.polarity for _, c in items]),
                red_flag=finding.category == "red_flag",
                cue=next((c.words for _, c in items if c.words), ""),
                spans=spans,
                words=joined(spans),
            )
        )
    return sorted(out, key=lambda f: f.spans[0].start)


# --- what was not understood --------------------------------------------------------------
