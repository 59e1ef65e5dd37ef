"""Muscle search by the words people use: a muscle's name, Latin name and aliases, the
atlas's ``search_terms`` (conditions, body parts, symptoms, lay names, each tied to a source)
and the places where it sends its pain.

    hits = search(atlas, "tennis elbow")     # best first
    [(h.muscle.id, h.matched, h.kind) for h in hits]

Every word of the query (less filler such as "pain" or "my") must match a word of one field
of the muscle, exactly, as the start of a word ("elbo") or, for words of five letters or
more, with a typo or two (rapidfuzz ratio >= 80: "sciatca", "hedache"). A field that holds
the query as a phrase ranks higher, one that is just the query higher still; names and
conditions rank above the places pain is felt. A query whose words match only across fields
(one word in the name, another in a term) still finds the muscle, below the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from myomap.atlas import Atlas
from myomap.atlas.schema import Muscle

__all__ = ["MAX_QUERY", "Hit", "Kind", "search", "words"]

MAX_QUERY = 200
"""Longest query read (longer ones are cut): search is for a few words."""

Kind = Literal[
    "name", "latin", "alias", "condition", "body_part", "symptom", "lay_name", "where", "several"
]

KIND_BONUS: dict[str, float] = {
    "name": 6,
    "alias": 5,
    "lay_name": 5,
    "condition": 4,
    "latin": 3,
    "symptom": 3,
    "body_part": 3,
    "where": 0,
    "several": 0,
}
"""How much a field counts over the others when the words match equally well."""

FILLER = frozenset(
    {
        *("a", "an", "and", "at", "i", "in", "is", "it", "my", "of", "on", "the", "to", "with"),
        *("pain", "pains", "painful", "ache", "aches", "aching", "sore", "hurt", "hurts"),
        "hurting",
    }
)
"""Words that say little about which muscle: dropped unless the query has nothing else."""

FUZZY_FROM = 5
"""Shortest word matched with typos (shorter ones must match exactly or as a prefix)."""
FUZZY_CUTOFF = 80.0
PREFIX_FROM = 3
PHRASE_BONUS = 10.0
WHOLE_BONUS = 5.0
ACROSS_PENALTY = 20.0

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, apostrophes dropped ("golfer's" -> "golfers")."""
    return _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))


def _meaningful(found: Sequence[str]) -> list[str]:
    kept = [w for w in found if w not in FILLER]
    return kept or list(found)


@dataclass(frozen=True)
class Field:
    """One text of a muscle that search looks at."""

    text: str
    kind: Kind
    words: tuple[str, ...]
    phrase: str


@dataclass(frozen=True)
class Hit:
    """A muscle that matches, with the text that matched best and how well (about 0-121)."""

    muscle: Muscle
    score: float
    matched: str
    kind: Kind


def _field(text: str, kind: Kind) -> Field:
    found = words(text)
    return Field(text, kind, tuple(_meaningful(found)), " ".join(found))


def _fields(atlas: Atlas, muscle: Muscle) -> list[Field]:
    texts: list[tuple[str, Kind]] = [(muscle.name, "name"), (muscle.latin, "latin")]
    texts += [(alias, "alias") for alias in muscle.aliases]
    texts += [(t.term, t.kind) for t in muscle.search_terms]
    where = {
        z.region
        for tp in muscle.trigger_points
        for z in tp.referral
        if z.role == "essential" and z.region in atlas.region_specs
    }
    texts += [(atlas.region_specs[r].label, "where") for r in sorted(where)]
    return [_field(text, kind) for text, kind in texts if words(text)]


@dataclass(frozen=True)
class Index:
    """Every muscle's fields, and the vocabulary they use (matched once per query word)."""

    fields: dict[str, list[Field]]
    vocabulary: list[str]


_INDEXES: dict[int, tuple[Atlas, Index]] = {}


def _index(atlas: Atlas) -> Index:
    cached = _INDEXES.get(id(atlas))
    if cached is not None and cached[0] is atlas:
        return cached[1]
    fields = {m.id: _fields(atlas, m) for m in atlas.muscles.values()}
    vocabulary = sorted({w for fs in fields.values() for f in fs for w in f.words})
    if len(_INDEXES) >= 8:
        _INDEXES.clear()
    built = Index(fields, vocabulary)
    _INDEXES[id(atlas)] = (atlas, built)
    return built


def _word_scores(query_word: str, vocabulary: Sequence[str]) -> dict[str, float]:
    """How well each vocabulary word matches one query word (only those that do)."""
    prefix = len(query_word) >= PREFIX_FROM
    scores = {v: 90.0 for v in vocabulary if prefix and v.startswith(query_word)}
    if query_word in vocabulary:
        scores[query_word] = 100.0
    if len(query_word) >= FUZZY_FROM:
        for word, score, _ in process.extract(
            query_word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        ):
            scores[word] = max(scores.get(word, 0.0), float(score))
    return scores


def _best(field_words: Iterable[str], scores: dict[str, float]) -> float:
    return max((scores.get(w, 0.0) for w in field_words), default=0.0)


def _score_muscle(
    fields: Sequence[Field], query: list[str], phrase: str, per_word: list[dict[str, float]]
) -> tuple[float, Field | None]:
    best: tuple[float, Field | None] = (0.0, None)
    across = [0.0] * len(query)
    for f in fields:
        marks = [_best(f.words, scores) for scores in per_word]
        across = [max(a, m) for a, m in zip(across, marks, strict=True)]
        if min(marks) == 0:
            continue
        score = sum(marks) / len(marks) + KIND_BONUS[f.kind]
        if phrase and phrase in f.phrase:
            score += PHRASE_BONUS + (WHOLE_BONUS if list(f.words) == query else 0.0)
        if score > best[0]:
            best = (score, f)
    if best[1] is None and len(query) > 1 and min(across) > 0:
        return sum(across) / len(across) - ACROSS_PENALTY, None
    return best


def search(atlas: Atlas, query: str) -> list[Hit]:
    """The muscles matching ``query``, best first (ties by name); none for a blank query."""
    raw = words(query[:MAX_QUERY])
    wanted = _meaningful(raw)
    if not wanted:
        return []
    index = _index(atlas)
    per_word = [_word_scores(w, index.vocabulary) for w in wanted]
    phrase = " ".join(raw)
    hits: list[Hit] = []
    for muscle in atlas.muscles.values():
        score, field = _score_muscle(index.fields[muscle.id], wanted, phrase, per_word)
        if score <= 0:
            continue
        matched, kind = (field.text, field.kind) if field else (query.strip(), "several")
        hits.append(Hit(muscle, round(score, 1), matched, kind))
    hits.sort(key=lambda h: (-h.score, h.muscle.name.lower()))
    return hits
